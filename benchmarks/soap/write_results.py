"""Writes the SOAP section of benchmarks/RESULTS.md from the JSON lines of time_dscribe.py
and soap-benchmark, and fails when the two sides did different work. The section sits
between the markers below; everything else in the file is kept as it is.

Usage: python write_results.py --run NAME DSCRIBE_JSON SWIFT_JSON PARAMETERS [--run ...]
       --command TEXT [--output FILE] --details CMD...
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
BEGIN, END = "<!-- soap-benchmark:begin -->", "<!-- soap-benchmark:end -->"
# Largest relative difference of a structure's checksum (sum of all its vector elements)
# allowed between the two sides, per basis: the kernels' tolerance contracts
# (Tests/DescriptorsTests/SOAPFixtureTests.swift).
CHECKSUM_TOLERANCE = {"gto": 1e-8, "polynomial": 1e-5}

INTRO = """\
# Benchmark: SOAP power spectra, matgrade vs DScribe

What is timed, on the same 60 structures (32 to 72 atoms, 2,800 centers; supercells of six
O/Si/Ti/Sr crystals rattled by 0.03 A, seeded, made by `benchmarks/soap/make_structures.py`
and read by both sides from the same extended XYZ files), with the same parameters, per-site
vectors (`average="off"`), periodic, species O, Si, Ti, Sr:

| side | what the clock covers |
| --- | --- |
| DScribe | `SOAP(...).create(atoms, n_jobs=1)` for every structure (`benchmarks/soap/time_dscribe.py`) |
| matgrade | `SOAPDescriptor.spectra(of:)` for every structure, in process (`soap-benchmark`, release build) |

Rules: both sides in the same `benchmarks/soap/run.sh` invocation, on one core (`taskset -c 0`
when available, `OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1`); each side runs
twice, alternating with the other, each run the best of 5 passes over all structures, and
its faster run counts (the machine is a shared virtual one; both runs are listed). File
parsing, imports and each side's basis set-up are excluded. The run fails unless both sides produce the same number of vectors and every structure's
checksum (the sum of all its vector elements) agrees within the kernels' tolerance. A ratio
is DScribe time / matgrade time: above 1 means matgrade is faster.
"""


def section(runs: list[dict], command: str, details: list[str]) -> str:
    m = machine()
    lines = [BEGIN, INTRO, "## Results", "",
             f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
             f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory']} memory, Linux {m['kernel']}",
             f"- matgrade revision: {git_revision()}",
             f"- DScribe {runs[0]['dscribe']['dscribe_version']}",
             f"- command: `{command}`", "",
             "| basis, parameters | centers | features | DScribe s | matgrade s | ratio | max checksum rel. diff |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for run in runs:
        d, s = run["dscribe"], run["swift"]
        lines.append(f"| {run['name']}, {run['parameters']} | {s['centers']} | {s['features']} | {d['seconds']:.3f} | "
                     f"{s['seconds']:.3f} | {d['seconds'] / s['seconds']:.2f}x | {run['checksum_difference']:.1e} |")
    lines += ["", "Each round's best-of-5 time, s (DScribe / matgrade): " + "; ".join(
        f"{run['name']}: " + ", ".join(f"{a:.3f} / {b:.3f}" for a, b in zip(run['dscribe']['rounds'], run['swift']['rounds']))
        for run in runs) + "."]
    lines += ["", "Commands run, in order:", "", "```", *details, "```", END, ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", nargs=4, action="append", metavar=("NAME", "DSCRIBE", "SWIFT", "PARAMETERS"), required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "benchmarks/RESULTS.md")
    parser.add_argument("--details", nargs="*", default=[])
    arguments = parser.parse_args()
    runs, problems = [], []
    for name, dscribe_json, swift_json, parameters in arguments.run:
        # One JSON line per round; the fastest round counts, the others are listed.
        d_rounds = [json.loads(line) for line in dscribe_json.splitlines() if line.strip()]
        s_rounds = [json.loads(line) for line in swift_json.splitlines() if line.strip()]
        d, s = min(d_rounds, key=lambda r: r["seconds"]), min(s_rounds, key=lambda r: r["seconds"])
        d = dict(d, rounds=[r["seconds"] for r in d_rounds])
        s = dict(s, rounds=[r["seconds"] for r in s_rounds])
        if d["centers"] != s["centers"] or d["features"] != s["features"]:
            problems.append(f"{name}: DScribe made {d['centers']} x {d['features']}, matgrade {s['centers']} x {s['features']}")
        difference = max(abs(a - b) / max(abs(a), 1e-300) for a, b in zip(d["checksums"], s["checksums"]))
        if len(d["checksums"]) != len(s["checksums"]) or difference > CHECKSUM_TOLERANCE[name]:
            problems.append(f"{name}: checksums differ by up to {difference:.1e} relative (allowed {CHECKSUM_TOLERANCE[name]:.0e})")
        runs.append({"name": name, "parameters": parameters, "dscribe": d, "swift": s, "checksum_difference": difference})
    replace_section(arguments.output, BEGIN, END, section(runs, arguments.command, arguments.details))
    for run in runs:
        print(f"soap benchmark, {run['name']}: DScribe {run['dscribe']['seconds']:.3f} s, matgrade "
              f"{run['swift']['seconds']:.3f} s, ratio {run['dscribe']['seconds'] / run['swift']['seconds']:.2f}x",
              file=sys.stderr)
    for problem in problems:
        print(f"soap benchmark: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
