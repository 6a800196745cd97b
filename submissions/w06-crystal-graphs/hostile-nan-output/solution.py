"""Hostile sample submission: the right shapes, but NaN where numbers belong (Python's json
writes NaN, which strict JSON forbids) and correct atom features. Expected: every numeric
check fails and names a NaN; only the atom-feature check passes (15 points)."""
import json
import math
import sys

task = json.load(open(sys.argv[1]))
structure = task["structure"]
atoms = len(structure["species"])
blocks = task["atom_feature_blocks"]
nan_edges = [[i, i, 0, 0, 0, float("nan")] for i in range(atoms) for _ in range(task["max_neighbors"])]
features = []
for symbol in structure["species"]:
    row = [0] * max(b["first"] + b["count"] for b in blocks)
    for b in blocks:
        value = task["elements"][symbol].get(b["property"])
        if value is None:
            continue
        if b["kind"] == "category":
            k = int(value) - int(b["lowest"])
        else:
            x = math.log(value) if b["kind"] == "log" else value
            k = math.floor((x - b["lower"]) / ((b["upper"] - b["lower"]) / b["count"]))
        row[b["first"] + min(max(k, 0), b["count"] - 1)] = 1
    features.append(row)
json.dump({
    "edges": nan_edges,
    "edge_features": [[float("nan")] * 41 for _ in nan_edges],
    "atom_features": features,
    "megnet_edges": nan_edges,
}, open(sys.argv[2], "w"))
