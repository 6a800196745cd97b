"""Writes benchmarks/RESULTS.md: the fixed introduction, then the numbers of one run.

Usage (benchmarks/run.sh calls it):
  python write_results.py --not-yet-run
  python write_results.py --pymatgen JSON --swift-cutoff6 JSON --swift-cgcnn JSON \
      --matgrade-processes JSON --pymatgen-processes JSON --command TEXT [--output FILE] \
      --details TEXT...
Each JSON argument is the one line the corresponding tool printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
RESULTS = REPO_ROOT / "benchmarks/RESULTS.md"

INTRO = """\
# Benchmark: neighbor lists, matgrade vs pymatgen

What is timed, on the same 200 structures (20-60 atoms each; supercells of the bundled
pymatgen structures and robocrys minerals with a seeded 0.03 A rattle, made by
`benchmarks/neighbors/make_structures.py`):

| row | pymatgen side | matgrade side |
| --- | --- | --- |
| cutoff 6 A | `Structure.get_all_neighbors(6.0)` | `neighbor-benchmark --cutoff 6` |
| CGCNN graph | `get_all_neighbors(8.0)`, each site sorted by distance, first 12 kept (cgcnn/data.py) | `neighbor-benchmark --cutoff 8 --nearest 12` |
| end to end | one `python pymatgen_neighbors_cli.py FILE --cutoff 6` process per file | one `matgrade compute neighbors FILE --cutoff 6` process per file |

Rules: both sides run in the same `benchmarks/run.sh` invocation, on one core
(`taskset -c 0` when available, and `OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1`).
The first two rows are the best of 3 passes over all 200 structures and exclude file
loading (files are parsed before the clock starts); the pair counts of both sides must
agree or the run fails. The end-to-end row is one pass of 200 processes, each starting,
parsing its file, searching and writing JSON to /dev/null: it includes start-up costs
(Python's import of pymatgen, matgrade's process start), which is what a student or a
grading batch actually waits for. `pymatgen load + cutoff 6 in one process` is the
pymatgen time with file parsing but without 200 interpreter start-ups. A ratio is pymatgen
time / matgrade time: above 1 means matgrade is faster.

Run it with `make benchmark` (see `benchmarks/README.md`). Numbers from another machine
or another day are not comparable; the machine is recorded with each run.
"""

NOT_YET_RUN = """\
## Results

**Not yet run.** No numbers have been measured for this file yet: `neighbor-benchmark`
and `matgrade compute neighbors` did not exist when the harness was written.
`make benchmark` replaces this section with the measured numbers.
"""


def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "unknown"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
            break
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory,
            "kernel": platform.release()}


def replace_section(path: Path, begin: str, end: str, block: str) -> None:
    """Writes `block` (which starts with `begin` and ends with `end`) into `path` in place of
    the text between those markers, or appends it; the rest of the file is kept."""
    existing = path.read_text() if path.exists() else ""
    if begin in existing and end in existing:
        head, rest = existing.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        text = head + block + ("\n" + tail if tail else "")
    else:
        text = existing.rstrip("\n") + ("\n\n" if existing else "") + block
    path.write_text(text)


def git_revision() -> str:
    try:
        revision = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT,
                                  capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=REPO_ROOT, capture_output=True, text=True,
                               check=True).stdout.strip()
        return revision + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def atom_count() -> str:
    manifest = REPO_ROOT / "benchmarks/out/structures_manifest.json"
    try:
        return str(sum(s["atoms"] for s in json.loads(manifest.read_text())["structures"]))
    except (OSError, KeyError, ValueError):
        return "unknown"


def ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.1f}x" if denominator > 0 else "n/a"


def results_section(args) -> str:
    py = json.loads(args.pymatgen)
    sw6, sw12 = json.loads(args.swift_cutoff6), json.loads(args.swift_cgcnn)
    mg_proc, py_proc = json.loads(args.matgrade_processes), json.loads(args.pymatgen_processes)
    host = machine()
    agree6 = sw6["pairs"] == py["pairs_cutoff6"]
    agree12 = sw12["pairs"] == py["pairs_cgcnn"]
    lines = [
        "## Results",
        "",
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {host['cpu']}, {host['cores']} cores, {host['memory']} memory, "
        f"Linux {host['kernel']}",
        f"- matgrade revision: {git_revision()}",
        f"- pymatgen {py['pymatgen_version']}, Python {platform.python_version()}",
        f"- command: `{args.command}`",
        f"- structures: {py['structures']} files, {atom_count()} atoms in all",
        "",
        "| row | pymatgen s | matgrade s | ratio | pairs (pymatgen / matgrade) |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| cutoff 6 A, kernel only | {py['cutoff6_seconds']:.3f} | {sw6['seconds']:.3f} | "
        f"{ratio(py['cutoff6_seconds'], sw6['seconds'])} | {py['pairs_cutoff6']} / "
        f"{sw6['pairs']} {'(agree)' if agree6 else '**(DIFFER)**'} |",
        f"| CGCNN 12 within 8 A, kernel only | {py['cgcnn_seconds']:.3f} | "
        f"{sw12['seconds']:.3f} | {ratio(py['cgcnn_seconds'], sw12['seconds'])} | "
        f"{py['pairs_cgcnn']} / {sw12['pairs']} {'(agree)' if agree12 else '**(DIFFER)**'} |",
        f"| end to end, 200 processes, cutoff 6 A | {py_proc['seconds']:.2f} | "
        f"{mg_proc['seconds']:.2f} | {ratio(py_proc['seconds'], mg_proc['seconds'])} | "
        f"failed runs: {py_proc['failures']} / {mg_proc['failures']} |",
        f"| pymatgen load + cutoff 6 in one process vs matgrade end to end | "
        f"{py['load_and_cutoff6_seconds']:.2f} | {mg_proc['seconds']:.2f} | "
        f"{ratio(py['load_and_cutoff6_seconds'], mg_proc['seconds'])} | |",
        "",
        "Commands run, in order:",
        "",
        "```",
        *args.details,
        "```",
        "",
    ]
    if not (agree6 and agree12):
        lines += ["**The pair counts differ: the timings above compare different work.**", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--not-yet-run", action="store_true")
    for name in ("pymatgen", "swift-cutoff6", "swift-cgcnn", "matgrade-processes",
                 "pymatgen-processes", "command"):
        parser.add_argument(f"--{name}")
    parser.add_argument("--details", nargs="*", default=[])
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    body = NOT_YET_RUN if args.not_yet_run else results_section(args)
    # Keep the later sections (benchmarks/magpie/ and benchmarks/engine/ write them) as they are.
    existing = args.output.read_text() if args.output.exists() else ""
    markers = [existing.index(m) for m in ("<!-- magpie-benchmark:begin -->", "<!-- engine-benchmark:begin -->") if m in existing]
    kept = "\n" + existing[min(markers):] if markers else ""
    args.output.write_text(INTRO + "\n" + body + kept)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
