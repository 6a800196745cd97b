"""Week 6 with a typical mistake: distances measured in fractional coordinates,
|f_j + image - f_i|, instead of Cartesian ones, |(f_j + image - f_i) . lattice|. The numbers
look plausible but are not Angstrom: the wrong neighbors are chosen and every distance is off.
Expected: the edge, edge-feature and MEGNet checks fail; atom features pass. The invariance
check cannot see this one: fractional coordinates do not change when the crystal is rotated."""
import itertools
import json
import math
import sys

import numpy as np


def pairs_within(frac, radius, reach=2):
    found = []
    images = list(itertools.product(range(-reach, reach + 1), repeat=3))
    shifts = np.array(images, dtype=float)
    for i, fi in enumerate(frac):
        for j, fj in enumerate(frac):
            distances = np.linalg.norm(fj + shifts - fi, axis=1)   # the mistake: no lattice
            for image, d in zip(images, distances.tolist()):
                if 1e-8 < d <= radius:
                    found.append([i, j, *image, d])
    return found


def cgcnn(frac, radius, count):
    edges = []
    by_atom = {}
    for e in pairs_within(frac, radius):
        by_atom.setdefault(e[0], []).append(e)
    for i in range(len(frac)):
        mine = sorted(by_atom.get(i, []), key=lambda e: (round(e[5], 8), e[1], e[2], e[3], e[4]))
        edges.extend(mine[:count])
    return edges


def atom_rows(species, elements, blocks):
    rows = []
    for symbol in species:
        row = [0] * max(b["first"] + b["count"] for b in blocks)
        for b in blocks:
            v = elements[symbol].get(b["property"])
            if v is not None:
                if b["kind"] == "category":
                    k = int(v) - int(b["lowest"])
                else:
                    v = math.log(v) if b["kind"] == "log" else v
                    k = math.floor((v - b["lower"]) * b["count"] / (b["upper"] - b["lower"]))
                row[b["first"] + min(max(k, 0), b["count"] - 1)] = 1
        rows.append(row)
    return rows


task = json.load(open(sys.argv[1]))
structure = task["structure"]
frac = np.array(structure["frac_coords"], dtype=float)
edges = cgcnn(frac, task["radius"], task["max_neighbors"])
g = task["gaussian"]
centers = [g["dmin"] + k * g["step"] for k in range(int(round((g["dmax"] - g["dmin"]) / g["step"])) + 1)]
with open(sys.argv[2], "w") as out:
    json.dump({
        "edges": edges,
        "edge_features": [[math.exp(-((e[5] - c) ** 2) / g["width"] ** 2) for c in centers] for e in edges],
        "atom_features": atom_rows(structure["species"], task["elements"], task["atom_feature_blocks"]),
        "megnet_edges": pairs_within(frac, task["megnet_cutoff"], reach=1),
    }, out)
