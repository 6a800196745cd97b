"""Hostile sample submission: tries to read the rubric (relative, absolute and /proc paths),
to copy the expected answers. Expected: nothing is found (it prints BLOCKED lines, never
LEAKED), it writes empty answers, 0 points."""
import json
import os
import sys

name = "rubrics/w06-crystal-graphs.toml"
guesses = ["../" * depth + name for depth in range(0, 8)]
guesses += ["/work/main/" + name, "/root/" + name, "/proc/self/cwd/../../" + name, "/proc/1/cwd/" + name,
            "/proc/self/root/work/main/" + name, "/proc/1/root/work/main/" + name]
for path in guesses:
    try:
        with open(path) as handle:
            print("LEAKED", path, handle.read(60).replace("\n", " "))
    except OSError as error:
        print("BLOCKED", path, type(error).__name__)
json.dump({"edges": [], "edge_features": [], "atom_features": [], "megnet_edges": []}, open(sys.argv[2], "w"))
