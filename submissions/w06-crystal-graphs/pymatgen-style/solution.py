"""Week 6 written the way a pymatgen user would (sample submission: expected full marks).
pymatgen's Structure.get_all_neighbors finds every neighbor within the radius, periodic
images included; the README's tie rule decides which 12 are kept."""
import json
import math
import sys

import numpy as np
from pymatgen.core import Lattice, Structure


def neighbor_rows(structure, radius):
    """Per site: [i, j, a, b, c, d] rows, nearest first, ties (within 1e-8 A) by j then image."""
    per_site = []
    for i, neighbors in enumerate(structure.get_all_neighbors(radius)):
        rows = sorted(([i, int(n.index), *map(int, n.image), float(n.nn_distance)] for n in neighbors), key=lambda r: r[5])
        ordered, tied = [], []
        for row in rows:
            if tied and row[5] - tied[-1][5] > 1e-8:
                ordered += sorted(tied, key=lambda r: r[1:5])
                tied = []
            tied.append(row)
        per_site.append(ordered + sorted(tied, key=lambda r: r[1:5]))
    return per_site


def one_hot_features(structure, elements, blocks):
    width = max(block["first"] + block["count"] for block in blocks)
    features = []
    for site in structure:
        row = [0] * width
        for block in blocks:
            value = elements[site.specie.symbol].get(block["property"])
            if value is None:
                continue
            if block["kind"] == "category":
                index = int(value) - int(block["lowest"])
            else:
                x = math.log(value) if block["kind"] == "log" else value
                index = math.floor((x - block["lower"]) / ((block["upper"] - block["lower"]) / block["count"]))
            row[block["first"] + min(max(index, 0), block["count"] - 1)] = 1
        features.append(row)
    return features


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    data = task["structure"]
    # Built from lattice, species and frac_coords, not from the CIF: a CIF reader wraps
    # coordinates into the cell, which would change the image offsets.
    structure = Structure(Lattice(data["lattice"]), data["species"], data["frac_coords"])
    edges = [row for rows in neighbor_rows(structure, task["radius"]) for row in rows[: task["max_neighbors"]]]
    g = task["gaussian"]
    centers = np.arange(g["dmin"], g["dmax"] + g["step"] / 2, g["step"])
    distances = np.array([row[5] for row in edges])[:, None]
    output = {
        "edges": edges,
        "edge_features": np.exp(-((distances - centers) ** 2) / g["width"] ** 2).tolist(),
        "atom_features": one_hot_features(structure, task["elements"], task["atom_feature_blocks"]),
        "megnet_edges": [row for rows in neighbor_rows(structure, task["megnet_cutoff"]) for row in rows],
    }
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
