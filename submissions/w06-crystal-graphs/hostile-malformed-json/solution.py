"""Hostile sample submission: writes an output.json that is not JSON. Expected: the report
says where the JSON breaks, 0 points."""
import sys

with open(sys.argv[2], "w") as handle:
    handle.write('{"edges": [[0, 1, 0, 0, 0, 2.35], "edge_features": ')
