"""Writes the Voronoi section of benchmarks/RESULTS.md, between the markers below; the rest
of the file (the other benchmarks) is kept as it is.

Usage: python write_results.py --pymatgen JSON --swift JSON --matgrade-processes JSON
           --pymatgen-processes JSON --command TEXT [--output FILE] --details CMD...
Each JSON argument is the one line the corresponding tool printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "neighbors"))
from write_results import git_revision, machine, replace_section  # noqa: E402  (benchmarks/neighbors)

REPO_ROOT = Path(__file__).resolve().parents[2]
RESULTS = REPO_ROOT / "benchmarks/RESULTS.md"
BEGIN, END = "<!-- voronoi-benchmark:begin -->", "<!-- voronoi-benchmark:end -->"

INTRO = """\
# Benchmark: Voronoi coordination, matgrade vs pymatgen's VoronoiNN

What is timed, on the same structures (the first 40 of `benchmarks/neighbors/make_structures.py`'s
seeded set: supercells of 20-60 atoms of the bundled pymatgen structures and robocrys
minerals, rattled by 0.03 A), less any that VoronoiNN raises on:

| row | pymatgen side | matgrade side |
| --- | --- | --- |
| kernel | `VoronoiNN().get_all_nn_info(s)` per structure (one qhull tessellation of all sites and their neighbors within 13 A; faster than `get_nn_info` site by site) | `voronoi-benchmark`: `Structure.voronoiCells()` per structure |
| end to end | one `python pymatgen_voronoi_cli.py FILE` process per file (load, `get_all_nn_info`, JSON) | one `matgrade compute voronoi FILE` process per file |

Rules: both sides in the same `benchmarks/voronoi/run.sh` invocation, on one core
(`taskset -c 0` when available, one BLAS/OpenMP thread). Kernel rows exclude file parsing
(structures are parsed before the clock starts) and are the best of the stated number of
passes. The run fails unless both sides count the same faces of weight above 0.05 over all
sites and their summed weighted coordination numbers agree to 1e-8 relative. A ratio is
pymatgen time / matgrade time.
"""


def section(args) -> str:
    py, sw = json.loads(args.pymatgen), json.loads(args.swift)
    mg_proc, py_proc = json.loads(args.matgrade_processes), json.loads(args.pymatgen_processes)
    host = machine()
    ratio = py["seconds"] / sw["seconds"] if sw["seconds"] > 0 else float("nan")
    e2e = py_proc["seconds"] / mg_proc["seconds"] if mg_proc["seconds"] > 0 else float("nan")
    weighted_rel = abs(py["weighted"] - sw["weighted"]) / abs(py["weighted"])
    agree = py["coordination_005"] == sw["coordination_005"] and weighted_rel <= 1e-8
    n = sw["structures"]
    lines = [
        BEGIN,
        INTRO,
        "## Results",
        "",
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {host['cpu']}, {host['cores']} cores, {host['memory']} memory, Linux {host['kernel']}",
        f"- load average when the report was written (1, 5, 15 min): "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} (other builds on the machine slow both sides alike; the ratio is the figure to read)",
        f"- matgrade revision: {git_revision()}",
        f"- pymatgen {py['pymatgen_version']}, Python {platform.python_version()}",
        f"- command: `{args.command}`",
        f"- structures: {n} files, {sw['sites']} sites in all ({sw['sites'] / n:.1f} per structure); "
        f"VoronoiNN raised on {len(py['failed'])} more" + (f" ({'; '.join(py['failed'])})" if py["failed"] else ""),
        "",
        "| row | pymatgen s | matgrade s | ratio |",
        "| --- | ---: | ---: | ---: |",
        f"| kernel, all {n} structures (best of {py['repeat']} / {sw['repeat']} passes) | {py['seconds']:.3f} | "
        f"{sw['seconds']:.4f} | {ratio:.0f}x |",
        f"| kernel, per structure | {py['seconds'] / n:.4f} | {sw['seconds'] / n:.6f} | |",
        f"| end to end, {mg_proc['runs']} processes | {py_proc['seconds']:.2f} | {mg_proc['seconds']:.2f} | {e2e:.1f}x |",
        "",
        "Agreement on the same structures:",
        "",
        "| quantity (sum over all sites) | pymatgen | matgrade |",
        "| --- | ---: | ---: |",
        f"| faces of weight above 0.05 | {py['coordination_005']} | {sw['coordination_005']} |",
        f"| weighted coordination | {py['weighted']:.10f} | {sw['weighted']:.10f} (relative difference {weighted_rel:.1e}) |",
        f"| faces of weight above 0 (the plain count) | {py['coordination_0']} | {sw['coordination_0']} |",
        f"| faces listed (pymatgen: every qhull ridge, weight 0 included) | {py['ridges']} | {sw['faces']} |",
        "",
        f"Failed process runs: pymatgen {py_proc['failures']}, matgrade {mg_proc['failures']}.",
        "",
        "Commands run, in order:",
        "",
        "```",
        *args.details,
        "```",
        "",
    ]
    if not agree:
        lines += ["**The two sides disagree: the timings above may compare different work.**", ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("pymatgen", "swift", "matgrade-processes", "pymatgen-processes", "command"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--details", nargs="*", default=[])
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    replace_section(args.output, BEGIN, END, section(args))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
