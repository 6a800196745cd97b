"""Writes the Magpie section of benchmarks/RESULTS.md from time_matminer_and_matgrade.py's
JSON. The section sits between the markers below; everything else in the file (the
neighbor-list benchmark) is kept as it is.

Usage: python write_results.py --timings JSON --command TEXT [--output FILE] --details CMD...
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "neighbors"))
from write_results import git_revision, machine, replace_section  # noqa: E402  (benchmarks/neighbors)

REPO_ROOT = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- magpie-benchmark:begin -->", "<!-- magpie-benchmark:end -->"

INTRO = """\
# Benchmark: Magpie and stoichiometry features, matgrade vs matminer

What is timed, on the same formulas (the `formula` column of Matbench's `expt_gap.csv`, from
crabnet 2.0.8, `../shared/data/pypi/crabnet-2.0.8/matbench/`):

| row | matminer 0.10.1 side | matgrade side |
| --- | --- | --- |
| Magpie | `ElementProperty.from_preset("magpie").featurize_many(compositions, pbar=False)`, n_jobs=1 | `matgrade compute magpie --file F --format csv` (one process) |
| stoichiometry | `Stoichiometry().featurize_many(compositions, pbar=False)`, n_jobs=1 | `matgrade compute stoichiometry --file F --format csv` (one process) |
| Magpie, in process | the same as the Magpie row | `magpie-benchmark`: `MagpieFeaturizer.features` on every parsed `Composition`, best of 5 in one process (like for like with matminer's side); and with the formula parsing inside the clock |

Rules: both sides in the same `benchmarks/magpie/run.sh` invocation, on one core (`taskset
-c 0` when available, one BLAS/OpenMP thread). The matminer side is one pass in one Python
process after its imports, on pymatgen `Composition`s parsed before the clock starts
(parsing is reported on its own): the least a Python user pays. The matgrade side is end to
end, the best of 3 process runs: start-up, reading the file, parsing the formulas, the
features and writing the CSV to a pipe. A ratio is matminer time / matgrade time. The run
fails unless both sides give the same labels and agree within the kernels' tolerance
contract (1e-11 + 1e-13 |value|); the largest differences are recorded.
"""


def section(timings: dict, command: str, details: list[str]) -> str:
    m = machine()
    t = timings
    matminer_total = t["matminer_magpie_seconds"] + t["matminer_stoichiometry_seconds"]
    matgrade_total = t["matgrade_magpie_seconds"] + t["matgrade_stoichiometry_seconds"]

    def ratio(a: float, b: float) -> str:
        if b <= 0:
            return "n/a"
        return f"{a / b:.0f}x" if a / b >= 10 else f"{a / b:.2f}x"

    rows = [
        ("Magpie (132 features)", t["matminer_magpie_seconds"], t["matgrade_magpie_seconds"],
         f"{t['magpie_max_abs_difference']:.1e} / {t['magpie_max_rel_difference']:.1e}"),
        ("stoichiometry (6 norms)", t["matminer_stoichiometry_seconds"], t["matgrade_stoichiometry_seconds"],
         f"{t['stoichiometry_max_abs_difference']:.1e} / {t['stoichiometry_max_rel_difference']:.1e}"),
        ("both", matminer_total, matgrade_total, ""),
    ]
    if t.get("matgrade_in_process_features_seconds"):
        rows += [
            ("Magpie, in process: features of parsed compositions", t["matminer_magpie_seconds"],
             t["matgrade_in_process_features_seconds"], "same kernel as the Magpie row"),
            ("Magpie, in process: parsing the formulas too (matminer's side excludes it)", t["matminer_magpie_seconds"],
             t["matgrade_in_process_parse_and_features_seconds"], ""),
        ]
    table = ["| row | matminer s | matgrade s | ratio | max abs / rel difference (rel where \\|value\\| >= 1e-6) |",
             "| --- | ---: | ---: | ---: | --- |"]
    table += [f"| {name} | {a:.3f} | {b:.4f} | {ratio(a, b)} | {diff} |" for name, a, b, diff in rows]
    lines = [
        "## Results",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory']} memory, Linux {m['kernel']}",
        f"- matgrade revision: {git_revision()}",
        f"- matminer {t['matminer_version']}, pymatgen {t['pymatgen_version']}",
        f"- command: `{command}`",
        f"- formulas: {t['formulas']}; matminer's Composition parsing (not in the table): "
        f"{t['matminer_parse_seconds']:.3f} s",
        "",
        *table,
        "",
        "Commands run, in order:",
        "",
        "```",
        *details,
        "```",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timings", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "benchmarks/RESULTS.md")
    parser.add_argument("--details", nargs="*", default=[])
    args = parser.parse_args()
    block = f"{BEGIN}\n{INTRO}\n{section(json.loads(args.timings), args.command, args.details)}{END}\n"
    replace_section(args.output, BEGIN, END, block)
    print(f"wrote the Magpie section of {args.output}")


if __name__ == "__main__":
    main()
