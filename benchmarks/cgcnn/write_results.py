"""Writes the cgcnn-learning section of benchmarks/RESULTS.md from a run of run.sh."""
import argparse
import csv
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "neighbors"))
from write_results import git_revision, machine, replace_section  # noqa: E402
from pathlib import Path  # noqa: E402

BEGIN, END = "<!-- cgcnn-learning:begin -->", "<!-- cgcnn-learning:end -->"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    for name in ("--out", "--seconds", "--command", "--output"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    train = [float(row["target"]) for row in csv.DictReader(open(os.path.join(args.out, "train.csv")))]
    test = [float(row["target"]) for row in csv.DictReader(open(os.path.join(args.out, "test.csv")))]
    trained = json.load(open(os.path.join(args.out, "train.json")))
    predicted = json.load(open(os.path.join(args.out, "test.json")))
    mean = sum(train) / len(train)
    baseline = sum(abs(y - mean) for y in test) / len(test)
    mae = predicted["mae"]
    info = machine()
    curve = trained["loss_curve"]
    section = f"""{BEGIN}
# CGCNN-style network: does it learn?

`matgrade compute cgcnn train` on the ordered mineral prototypes bundled from robocrys 0.2.13
(`exercises/data/robocrys-0.2.13/mineral_db.json.gz`), target: volume per atom (Angstrom^3,
|det(lattice)| / sites, computed by `benchmarks/cgcnn/mineral_volumes.py`), seeded 80/20
split; graphs as week 6 (8 A, 12 neighbors, Gaussians every 0.2 A); 3 convolutions, atom
features 32, head 64, batches of 16, Adam 0.005.

- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC
- machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory, Linux {info['kernel']}
- matgrade revision: {git_revision()}
- command: `{args.command}`

| | value |
| --- | ---: |
| structures, train / test | {len(train)} / {len(test)} |
| weights | {trained['parameters']} |
| epochs; training time (one process, one BLAS thread) | {len(curve)}; {float(args.seconds):.1f} s ({float(args.seconds) / len(curve):.2f} s per epoch) |
| normalised training loss, first / last epoch | {curve[0]:.3f} / {curve[-1]:.3f} |
| training MAE, A^3 per atom | {trained['mae_train']:.3f} |
| **test MAE**, A^3 per atom | **{mae:.3f}** |
| mean predictor's test MAE | {baseline:.3f} |
| test MAE / mean predictor's | {mae / baseline:.2f} |
{END}
"""
    replace_section(Path(args.output), BEGIN, END, section)
    print(f"cgcnn: test MAE {mae:.3f} vs mean predictor {baseline:.3f} ({mae / baseline:.2f})")


if __name__ == "__main__":
    main()
