"""Week 6 with a typical mistake: the minimum-image convention, as in a molecular-dynamics
code. Each pair (i, j) is kept once, at its nearest image, and an atom never meets its own
images. That is right only when the cell is more than twice the radius across; here the
radius (8 A) is longer than the cells, so most neighbors are missing.
Expected: the edge, edge-feature and MEGNet checks fail; atom features pass."""
import json
import math
import sys

import numpy as np


def minimum_image_pairs(lattice, frac, radius):
    pairs = []
    for i in range(len(frac)):
        for j in range(len(frac)):
            if i == j:
                continue
            delta = frac[j] - frac[i]
            shift = -np.round(delta)           # the mistake: one image per pair
            d = float(np.linalg.norm((delta + shift) @ lattice))
            if d <= radius:
                pairs.append([i, j, int(shift[0]), int(shift[1]), int(shift[2]), d])
    return pairs


def nearest(pairs, count):
    edges = []
    for i in sorted({p[0] for p in pairs}):
        mine = sorted((p for p in pairs if p[0] == i), key=lambda p: (round(p[5], 8), p[1], p[2], p[3], p[4]))
        edges += mine[:count]
    return edges


def one_hot(species, elements, blocks):
    size = max(b["first"] + b["count"] for b in blocks)
    table = []
    for symbol in species:
        row = [0] * size
        for b in blocks:
            x = elements[symbol].get(b["property"])
            if x is None:
                continue
            if b["kind"] == "category":
                k = int(x) - int(b["lowest"])
            else:
                x = math.log(x) if b["kind"] == "log" else x
                k = math.floor((x - b["lower"]) / ((b["upper"] - b["lower"]) / b["count"]))
            row[b["first"] + min(max(k, 0), b["count"] - 1)] = 1
        table.append(row)
    return table


def main():
    task = json.load(open(sys.argv[1]))
    s = task["structure"]
    lattice, frac = np.array(s["lattice"]), np.array(s["frac_coords"])
    edges = nearest(minimum_image_pairs(lattice, frac, task["radius"]), task["max_neighbors"])
    g = task["gaussian"]
    centers = np.arange(g["dmin"], g["dmax"] + g["step"], g["step"])
    features = [np.exp(-((e[5] - centers) ** 2) / g["width"] ** 2).tolist() for e in edges]
    json.dump({
        "edges": edges,
        "edge_features": features,
        "atom_features": one_hot(s["species"], task["elements"], task["atom_feature_blocks"]),
        "megnet_edges": minimum_image_pairs(lattice, frac, task["megnet_cutoff"]),
    }, open(sys.argv[2], "w"))


main()
