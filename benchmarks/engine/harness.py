"""The Python side of the engine benchmark: the smallest grading harness one would write by
hand, with no isolation. For every submission and case: a fresh temporary folder, the
submission's files and input.json copied in, `python3 solution.py input.json output.json`
run with subprocess (timeout 60 s), output.json read and compared with the reference
(edges as a multiset keyed by (i, j, image) with distances within 1e-6, edge features with
numpy.allclose, atom features exactly, MEGNet edges as edges). Prints JSON: total wall time,
the summed wall time of the student's program runs, runs, and how many compared equal.

Usage: python3 harness.py SUBMISSIONS CASES [--no-compare]   (CASES/<case>/input.json and
reference.json; --no-compare skips the comparison, for the trivial program whose output is
deliberately empty)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np


def edge_multiset(rows):
    return sorted((int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), float(r[5])) for r in rows)


def same_edges(student, reference):
    a, b = edge_multiset(student), edge_multiset(reference)
    return len(a) == len(b) and all(x[:5] == y[:5] and abs(x[5] - y[5]) <= 1e-6 for x, y in zip(a, b))


def matches(output, reference):
    return (same_edges(output["edges"], reference["edges"])
            and np.allclose(output["edge_features"], reference["edge_features"], atol=1e-6, rtol=1e-6)
            and output["atom_features"] == reference["atom_features"]
            and same_edges(output["megnet_edges"], reference["megnet_edges"]))


def main(submissions, cases, compare=True):
    case_names = sorted(os.listdir(cases))
    references = {name: json.load(open(os.path.join(cases, name, "reference.json"))) for name in case_names}
    start = time.perf_counter()
    program_seconds = 0.0
    runs = passed = 0
    for student in sorted(os.listdir(submissions)):
        for name in case_names:
            with tempfile.TemporaryDirectory() as folder:
                shutil.copytree(os.path.join(submissions, student), folder, dirs_exist_ok=True)
                shutil.copy(os.path.join(cases, name, "input.json"), os.path.join(folder, "input.json"))
                begun = time.perf_counter()
                subprocess.run([sys.executable, "solution.py", "input.json", "output.json"], cwd=folder,
                               timeout=60, capture_output=True)
                program_seconds += time.perf_counter() - begun
                runs += 1
                with open(os.path.join(folder, "output.json")) as handle:
                    output = json.load(handle)
                passed += matches(output, references[name]) if compare else 1
    print(json.dumps({"seconds": time.perf_counter() - start, "program_seconds": program_seconds,
                      "runs": runs, "passed": passed}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], compare="--no-compare" not in sys.argv[3:])
