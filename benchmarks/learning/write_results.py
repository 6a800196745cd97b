"""Writes the learning section of benchmarks/RESULTS.md (between the markers below) from
time_gp.py's and time_forest.py's JSON; the rest of the file is kept.

Usage: python write_results.py --gp JSON --forest JSON --command TEXT [--output FILE] --details CMD...
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "neighbors"))
from write_results import git_revision, machine, replace_section  # noqa: E402  (benchmarks/neighbors)

BEGIN, END = "<!-- learning-benchmark:begin -->", "<!-- learning-benchmark:end -->"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gp", required=True)
    parser.add_argument("--forest", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--output", type=Path, default=Path("benchmarks/RESULTS.md"))
    parser.add_argument("--details", nargs="*", default=[])
    args = parser.parse_args()
    gp, forest = json.loads(args.gp), json.loads(args.forest)
    m = machine()
    host = f"{m['cpu']}, {m['cores']} cores, {m['memory']}, Linux {m['kernel']}"
    lines = [BEGIN, "# Benchmark: Gaussian processes and random forests, matgrade vs scikit-learn 1.9.1", "",
             f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC at {git_revision()} on {host} by `{args.command}`.",
             "", "## (a) Gaussian-process regression", "",
             f"`{gp['kernel']}`, {gp['train_shape'][0]} x {gp['train_shape'][1]} training rows, {gp['test_shape'][0]} test rows "
             "(seeded, `time_gp.py`); one core (`taskset -c 0`), one BLAS thread on both sides. scikit-learn: "
             "`GaussianProcessRegressor(kernel, optimizer=None | 'fmin_l_bfgs_b', n_restarts_optimizer=0)`, fit + "
             "`predict(return_std=True)` in process; matgrade: `matgrade compute gp` end to end (one process, JSON in and out). "
             f"Best of {gp['repeat']}. Ratio = scikit-learn time / matgrade time.", "",
             "| row | scikit-learn s | matgrade s | ratio | LML scikit-learn | LML matgrade | max abs diff mean | max abs diff std |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in ("fixed", "optimized"):
        r = gp[row]
        lines.append(f"| {row} | {r['sklearn_seconds']:.3f} | {r['matgrade_seconds']:.3f} | {r['ratio']:.2f} | "
                     f"{r['sklearn_lml']:.6f} | {r['matgrade_lml']:.6f} | {r['max_abs_mean_difference']:.2e} | "
                     f"{r['max_abs_std_difference']:.2e} |")
    o = gp["optimized"]
    lines += ["", f"Optimised kernels: scikit-learn `{o['sklearn_kernel_']}`, matgrade `{o['matgrade_kernel']}`.", "",
              "## (b) Random forest on Magpie features of experimental band gaps", ""]
    folds = forest["per_fold"]
    lines += [f"Matbench `expt_gap` ({forest['samples']} compositions, {forest['features']} Magpie features from "
              f"`matgrade compute magpie`), `KFold({forest['folds']}, shuffle=True, random_state=0)`, "
              f"{forest['folds_run']} of {forest['folds']} folds run, {forest['trees']} trees, max_features 1.0, bootstrap; "
              f"{forest['threads']} threads a side (scikit-learn `n_jobs={forest['threads']}`, matgrade `--threads "
              f"{forest['threads']}`). scikit-learn: fit + predict in process, no OOB; matgrade: one process per fold, "
              "end to end, out-of-bag predictions included.", "",
              "| fold | scikit-learn s | matgrade s | ratio | MAE scikit-learn (eV) | MAE matgrade (eV) | importance rank corr. |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for f in folds:
        lines.append(f"| {f['fold']} | {f['sklearn_seconds']:.1f} | {f['matgrade_seconds']:.1f} | "
                     f"{f['sklearn_seconds'] / f['matgrade_seconds']:.2f} | {f['sklearn_mae']:.4f} | {f['matgrade_mae']:.4f} | "
                     f"{f['importance_spearman']:.3f} |")
    total_s = sum(f["sklearn_seconds"] for f in folds)
    total_m = sum(f["matgrade_seconds"] for f in folds)
    mae_s = statistics.mean(f["sklearn_mae"] for f in folds)
    mae_m = statistics.mean(f["matgrade_mae"] for f in folds)
    lines += [f"| all | {total_s:.1f} | {total_m:.1f} | {total_s / total_m:.2f} | {mae_s:.4f} | {mae_m:.4f} | |", "",
              f"Mean MAE: matgrade / scikit-learn = {mae_m / mae_s:.4f} ({100 * (mae_m / mae_s - 1):+.2f}%). "
              f"Top-10 features (fold 0): scikit-learn {', '.join(folds[0]['sklearn_top10'])}; "
              f"matgrade {', '.join(folds[0]['matgrade_top10'])}.", "", "Commands as run:", "", "```"]
    lines += args.details + ["```", END, ""]
    replace_section(args.output, BEGIN, END, "\n".join(lines))


if __name__ == "__main__":
    main()
