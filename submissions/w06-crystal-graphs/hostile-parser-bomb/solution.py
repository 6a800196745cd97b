"""Hostile sample submission: an output.json nested a million levels deep, with integers
beyond 64 bits, meant to crash the grader's JSON parser (a recursive parser overflows its
stack; Foundation's decoder on Linux crashed on such integers). Expected: the report says
the JSON is nested too deep, 0 points, the batch goes on."""
import sys

with open(sys.argv[2], "w") as handle:
    handle.write('{"edges": ' + "[" * 1_000_000 + str(10**30) + "]" * 1_000_000 + ', "edge_features": [[10000000000000000000000000000000]]}')
