"""Writes the engine-overhead section of benchmarks/RESULTS.md (between the markers below;
the rest of the file is kept) from harness.py's JSON, matgrade's wall time and its per-student
JSON reports.

Per case and pass:
- program alone: the program's own run, unsandboxed, as the Python harness timed it;
- matgrade: the whole `matgrade grade` process divided by the cases it graded;
- engine overhead = matgrade - program alone: everything but the student's own run; split
  into the sandbox's share (the sandboxed run's wall time, as the report records it, minus
  the program alone) and the grader's share (the rest).

Usage: python write_results.py --runs JSON... --students N --command TEXT [--isolation TEXT]
(each JSON: {"workload", "harness": harness.py's output, "start", "end", "reports": folder})
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
BEGIN, END = "<!-- engine-benchmark:begin -->", "<!-- engine-benchmark:end -->"
TARGET_MS = 30.0

INTRO = """# Benchmark: engine overhead per case

`benchmarks/engine/run.sh` grades N students' submissions on the 3 public week-6 cases with
`matgrade grade --public-only --jobs 1` (real sandbox, fresh reference cache, every report and
the gradebook written) and runs the same submissions and cases through a hand-written Python
harness with no isolation (`benchmarks/engine/harness.py`: temp folder, copy, subprocess,
compare with numpy), on one core, alternating the two sides 3 times; the table shows medians.
Two workloads: the correct solution (numpy, about 0.2 s per case) and a trivial program that
writes empty answers (Python start-up only), whose steadier run time shows the overhead with
less noise. Engine overhead = matgrade's time per case minus the program's own unsandboxed
run time (as the harness times it): process start, case folders, inputs, references, the
sandbox, checks, reports, gradebook. The target (issue 3) is under 30 ms per case. The
ratio is harness time / matgrade time (below 1: matgrade is slower, the price of the sandbox
and the checks; the harness is the floor no Python grader goes below, not a grader for
untrusted code).
"""


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def measure(run: dict, students: int) -> dict:
    """Per-case milliseconds of one pass of one workload."""
    harness = run["harness"]
    reports = [json.loads(p.read_text()) for p in sorted(Path(run["reports"]).glob("*.json"))]
    cases = [case for report in reports for case in report.get("cases", [])]
    if len(reports) != students or len(cases) != harness["runs"]:
        sys.exit(f"benchmark: matgrade graded {len(cases)} cases of {len(reports)} students, the harness ran {harness['runs']}")
    if harness["passed"] != harness["runs"]:
        sys.exit(f"benchmark: the harness passed {harness['passed']} of {harness['runs']} runs")
    if run["workload"] == "correct" and any(r["points"] != r["total"] for r in reports):
        sys.exit("benchmark: matgrade did not give the correct solution full marks")
    runs = len(cases)
    total = (run["end"] - run["start"]) / runs * 1000
    sandboxed = sum(c["run"]["wall_seconds"] for c in cases) / runs * 1000
    program = harness["program_seconds"] / runs * 1000
    return {"program": program, "harness": harness["seconds"] / runs * 1000, "matgrade": total,
            "overhead": total - program, "sandbox": sandboxed - program, "grader": total - sandboxed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", nargs="+", required=True)
    parser.add_argument("--isolation", default="")
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "benchmarks/RESULTS.md")
    args = parser.parse_args()

    by_workload: dict[str, list[dict]] = {}
    for text in args.runs:
        run = json.loads(text)
        by_workload.setdefault(run["workload"], []).append(measure(run, args.students))
    rows = [
        ("program alone (unsandboxed, in the harness)", "program"),
        ("Python harness, per case in all", "harness"),
        ("matgrade grade, per case in all", "matgrade"),
        ("**engine overhead** (matgrade - program alone)", "overhead"),
        ("of which the sandbox (sandboxed run - program alone)", "sandbox"),
        ("of which the grader (matgrade - sandboxed run)", "grader"),
    ]
    workloads = list(by_workload)
    table = "| median per case, ms | " + " | ".join(workloads) + " |\n| --- |" + " ---: |" * len(workloads) + "\n"
    for label, key in rows:
        table += f"| {label} | " + " | ".join(f"{median([m[key] for m in by_workload[w]]):.1f}" for w in workloads) + " |\n"
    spread = "; ".join(
        f"{w}: overhead per pass " + ", ".join(f"{m['overhead']:.1f}" for m in by_workload[w]) + " ms" for w in workloads)
    steady = median([m["overhead"] for m in by_workload.get("trivial", by_workload[workloads[0]])])
    ratio = median([m["harness"] for m in by_workload[workloads[0]]]) / median([m["matgrade"] for m in by_workload[workloads[0]]])
    m = machine()
    section = (
        "## Results\n\n"
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC\n"
        f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory']} memory, Linux {m['kernel']}\n"
        f"- matgrade revision: {git_revision()}\n"
        f"- isolation: {args.isolation or 'see grade.txt'}\n"
        f"- command: `{args.command}`\n"
        f"- work per pass: {args.students} students x 3 public cases; passes: {spread}\n\n"
        f"{table}\n"
        f"Engine overhead, median over the passes of the trivial program: {steady:.1f} ms per case "
        f"({'meets' if steady < TARGET_MS else 'misses'} the {TARGET_MS:.0f} ms target). "
        f"Ratio harness / matgrade on the correct solution: {ratio:.2f}x.\n"
    )
    replace_section(args.output, BEGIN, END, f"{BEGIN}\n{INTRO}\n{section}{END}\n")
    print(f"wrote the engine section of {args.output}")


if __name__ == "__main__":
    main()
