"""Week 6 with a typical mistake: an off-by-one in the neighbor selection. The student sorts
each atom's candidates and takes [1:13], "skipping the atom itself", but the atom itself was
already left out, so the nearest true neighbor is dropped and the 13th is kept instead.
Expected: the edge and edge-feature checks fail; atom features and MEGNet edges pass."""
import json
import math
import sys

import numpy as np


def candidates(lattice, frac, radius):
    """Every (i, j, a, b, c, d) with 0 < d <= radius, as one numpy array per atom i."""
    widths = 1.0 / np.linalg.norm(np.linalg.inv(lattice), axis=0)
    reach = [int(math.ceil(radius / w)) + 1 for w in widths]
    grid = np.array(np.meshgrid(*[np.arange(-n, n + 1) for n in reach], indexing="ij")).reshape(3, -1).T
    per_atom = []
    for i, fi in enumerate(frac):
        rows = []
        for j, fj in enumerate(frac):
            d = np.linalg.norm((fj + grid - fi) @ lattice, axis=1)
            keep = (d <= radius + 1e-9) & (d > 1e-8)
            rows.append(np.column_stack([np.full(keep.sum(), i), np.full(keep.sum(), j), grid[keep], d[keep]]))
        per_atom.append(np.vstack(rows))
    return per_atom


def ordered(rows):
    # nearest first; distances equal within 1e-8 A ordered by j, then image
    order = np.lexsort((rows[:, 4], rows[:, 3], rows[:, 2], rows[:, 1], np.round(rows[:, 5], 8)))
    return rows[order]


def as_rows(array):
    return [[int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), float(r[5])] for r in array]


def features(species, elements, blocks):
    out = np.zeros((len(species), max(b["first"] + b["count"] for b in blocks)), dtype=int)
    for n, symbol in enumerate(species):
        for b in blocks:
            value = elements[symbol].get(b["property"])
            if value is None:
                continue
            if b["kind"] == "category":
                k = int(value) - int(b["lowest"])
            else:
                x = math.log(value) if b["kind"] == "log" else value
                k = math.floor((x - b["lower"]) / ((b["upper"] - b["lower"]) / b["count"]))
            out[n, b["first"] + min(max(k, 0), b["count"] - 1)] = 1
    return out.tolist()


if __name__ == "__main__":
    task = json.load(open(sys.argv[1]))
    s = task["structure"]
    lattice, frac = np.array(s["lattice"], dtype=float), np.array(s["frac_coords"], dtype=float)
    n = task["max_neighbors"]
    edges = []
    for rows in candidates(lattice, frac, task["radius"]):
        edges += as_rows(ordered(rows)[1:n + 1])      # the mistake: [1:n+1] instead of [:n]
    g = task["gaussian"]
    mu = np.arange(g["dmin"], g["dmax"] + g["step"], g["step"])
    d = np.array([e[5] for e in edges])[:, None]
    megnet = [row for rows in candidates(lattice, frac, task["megnet_cutoff"]) for row in as_rows(rows)]
    json.dump({"edges": edges,
               "edge_features": np.exp(-(d - mu) ** 2 / g["width"] ** 2).tolist(),
               "atom_features": features(s["species"], task["elements"], task["atom_feature_blocks"]),
               "megnet_edges": megnet}, open(sys.argv[2], "w"))
