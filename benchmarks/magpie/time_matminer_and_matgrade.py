"""Times matminer 0.10.1's Magpie + stoichiometry featurization against matgrade's on the
same formulas, in one run, and checks that both computed the same numbers.

Usage (benchmarks/magpie/run.sh calls it):
    python time_matminer_and_matgrade.py --formulas expt_gap.csv --matgrade BIN [--repeat 3]

matminer side, in this process after its imports: ElementProperty.from_preset("magpie") and
Stoichiometry(), each featurize_many(compositions, pbar=False) with n_jobs=1, on pymatgen
Compositions parsed beforehand (parsing is timed on its own). matgrade side, end to end:
`matgrade compute magpie --file F --format csv` and `matgrade compute stoichiometry --file F
--format csv` as processes (start-up, parsing, features, output to a pipe), best of --repeat.
Prints one JSON object with the times and the largest difference between the two sides.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import subprocess
import time
import warnings


def read_formulas(path: str) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["formula"] for row in csv.DictReader(handle)]


def run_matgrade(binary: str, kind: str, path: str, repeat: int) -> tuple[float, list[list[float]], list[str]]:
    best, output = math.inf, ""
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([binary, "compute", kind, "--file", path, "--format", "csv"],
                              capture_output=True, text=True, check=True)
        best = min(best, time.perf_counter() - start)
        output = done.stdout
    rows = list(csv.reader(io.StringIO(output)))
    labels = rows[0][1:]
    return best, [[float(v) for v in row[1:]] for row in rows[1:]], labels


# The kernels' tolerance contract (Sources/Descriptors/MagpieFeatures.swift).
ATOL, RTOL = 1e-11, 1e-13


def largest_difference(ours: list[list[float]], theirs: list[list[float]]) -> tuple[float, float, int]:
    """Largest |ours - theirs|, largest |ours - theirs| / |theirs| over |theirs| >= 1e-6 (an
    avg_dev of equal values is 0 on one side and 1e-16 on the other), and how many values
    lie outside ATOL + RTOL |theirs|; NaN must match NaN."""
    worst_abs = worst_rel = 0.0
    beyond = 0
    for row_ours, row_theirs in zip(ours, theirs, strict=True):
        for a, b in zip(row_ours, row_theirs, strict=True):
            if math.isnan(a) or math.isnan(b):
                beyond += not (math.isnan(a) and math.isnan(b))
                continue
            worst_abs = max(worst_abs, abs(a - b))
            if abs(b) >= 1e-6:
                worst_rel = max(worst_rel, abs(a - b) / abs(b))
            beyond += abs(a - b) > ATOL + RTOL * abs(b)
    return worst_abs, worst_rel, beyond


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--formulas", required=True)
    parser.add_argument("--matgrade", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--magpie-benchmark", help="the release magpie-benchmark binary: matgrade's kernel timed in process")
    args = parser.parse_args()

    warnings.simplefilter("ignore")
    from importlib.metadata import version

    from matminer.featurizers.composition import ElementProperty, Stoichiometry
    from pymatgen.core import Composition

    formulas = read_formulas(args.formulas)
    start = time.perf_counter()
    compositions = [Composition(f) for f in formulas]
    parse_seconds = time.perf_counter() - start

    magpie, stoichiometry = ElementProperty.from_preset("magpie"), Stoichiometry()
    magpie.set_n_jobs(1)
    stoichiometry.set_n_jobs(1)
    start = time.perf_counter()
    magpie_features = magpie.featurize_many(compositions, pbar=False)
    magpie_seconds = time.perf_counter() - start
    start = time.perf_counter()
    stoichiometry_features = stoichiometry.featurize_many(compositions, pbar=False)
    stoichiometry_seconds = time.perf_counter() - start

    ours_magpie_seconds, ours_magpie, magpie_labels = run_matgrade(args.matgrade, "magpie", args.formulas, args.repeat)
    ours_stoich_seconds, ours_stoich, stoich_labels = run_matgrade(args.matgrade, "stoichiometry", args.formulas, args.repeat)
    if magpie_labels != magpie.feature_labels() or stoich_labels != stoichiometry.feature_labels():
        raise SystemExit("benchmark: matgrade's labels differ from matminer's")
    magpie_abs, magpie_rel, magpie_beyond = largest_difference(ours_magpie, [[float(v) for v in r] for r in magpie_features])
    stoich_abs, stoich_rel, stoich_beyond = largest_difference(ours_stoich, [[float(v) for v in r] for r in stoichiometry_features])

    in_process = {}
    if args.magpie_benchmark:
        output = subprocess.run([args.magpie_benchmark, "--formulas", args.formulas, "--repeat", "5"],
                                capture_output=True, text=True, check=True).stdout
        in_process = json.loads(output)
        if in_process["formulas"] != len(formulas):
            raise SystemExit("benchmark: magpie-benchmark read a different number of formulas")

    print(json.dumps({
        "formulas": len(formulas),
        "matgrade_in_process_features_seconds": in_process.get("features_seconds"),
        "matgrade_in_process_parse_and_features_seconds": in_process.get("parse_and_features_seconds"),
        "matminer_version": version("matminer"),
        "pymatgen_version": version("pymatgen"),
        "matminer_parse_seconds": parse_seconds,
        "matminer_magpie_seconds": magpie_seconds,
        "matminer_stoichiometry_seconds": stoichiometry_seconds,
        "matgrade_magpie_seconds": ours_magpie_seconds,
        "matgrade_stoichiometry_seconds": ours_stoich_seconds,
        "repeat": args.repeat,
        "magpie_max_abs_difference": magpie_abs,
        "magpie_max_rel_difference": magpie_rel,
        "stoichiometry_max_abs_difference": stoich_abs,
        "stoichiometry_max_rel_difference": stoich_rel,
        "values_beyond_tolerance": magpie_beyond + stoich_beyond,
    }))


if __name__ == "__main__":
    main()
