"""Writes the engine-overhead section of benchmarks/RESULTS.md (between the markers below;
the rest of the file is kept) from harness.py's JSON, matgrade's wall time and its per-student
JSON reports.

Per case:
- student program: the program's own run, unsandboxed, as the Python harness timed it;
- matgrade total: the whole `matgrade grade` process divided by the cases it graded;
- engine overhead = matgrade total - student program: everything but the student's own run
  (process start, case folders, input generation, references, the sandbox, checks, reports);
  split into the sandbox's share (the sandboxed run's wall time, as the report records it,
  minus the unsandboxed program) and the grader's share (the rest).

Usage: python write_results.py --harness JSON --start S --end S --reports DIR --command TEXT ...
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

`benchmarks/engine/run.sh` grades N copies of the correct week-6 submission on the 3 public
cases with `matgrade grade --public-only --jobs 1` (real sandbox, fresh reference cache, all
reports written) and runs the same submissions and cases through a hand-written Python
harness with no isolation (`benchmarks/engine/harness.py`: temp folder, copy, subprocess,
compare with numpy), on one core, in the same run. The engine overhead is everything but
the student's own run time; the target (issue 3) is under 30 ms per case. The ratio is
harness time / matgrade time (below 1: matgrade is slower, the price of the sandbox and the
checks; the harness is the floor no Python grader can go below, not a grader anyone should
use on untrusted code).
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--harness", required=True)
    parser.add_argument("--start", type=float, required=True)
    parser.add_argument("--end", type=float, required=True)
    parser.add_argument("--reports", type=Path, required=True)
    parser.add_argument("--isolation", default="")
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "benchmarks/RESULTS.md")
    args = parser.parse_args()

    harness = json.loads(args.harness)
    reports = [json.loads(p.read_text()) for p in sorted(args.reports.glob("*.json"))]
    cases = [case for report in reports for case in report.get("cases", [])]
    if len(reports) != args.students or len(cases) != harness["runs"]:
        sys.exit(f"benchmark: matgrade graded {len(cases)} cases of {len(reports)} students, the harness ran {harness['runs']}")
    failed = [r["student"] for r in reports if r["points"] != r["total"]]
    if failed or harness["passed"] != harness["runs"]:
        sys.exit(f"benchmark: not every run passed (matgrade: {failed}, harness: {harness['passed']}/{harness['runs']})")

    runs = len(cases)
    matgrade_total = (args.end - args.start) / runs * 1000
    sandboxed_run = sum(c["run"]["wall_seconds"] for c in cases) / runs * 1000
    program = harness["program_seconds"] / runs * 1000
    harness_total = harness["seconds"] / runs * 1000
    overhead = matgrade_total - program
    m = machine()
    rows = [
        ("student program alone (unsandboxed, in the harness)", program),
        ("Python harness, per case in all", harness_total),
        ("matgrade grade, per case in all", matgrade_total),
        ("engine overhead (matgrade total - student program)", overhead),
        ("  of which the sandbox (sandboxed run - program alone)", sandboxed_run - program),
        ("  of which the grader (total - sandboxed run)", matgrade_total - sandboxed_run),
    ]
    table = "| per case | ms |\n| --- | ---: |\n" + "".join(f"| {name} | {value:.1f} |\n" for name, value in rows)
    verdict = "meets" if overhead < TARGET_MS else "misses"
    section = (
        "## Results\n\n"
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC\n"
        f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory']} memory, Linux {m['kernel']}\n"
        f"- matgrade revision: {git_revision()}\n"
        f"- isolation: {args.isolation or 'see grade.txt'}\n"
        f"- command: `{args.command}`\n"
        f"- work: {args.students} students x 3 public cases = {runs} runs, every one full marks on both sides\n\n"
        f"{table}\n"
        f"Engine overhead {overhead:.1f} ms per case: {verdict} the {TARGET_MS:.0f} ms target. "
        f"Ratio harness / matgrade: {harness_total / matgrade_total:.2f}x.\n"
    )
    replace_section(args.output, BEGIN, END, f"{BEGIN}\n{INTRO}\n{section}{END}\n")
    print(f"wrote the engine section of {args.output}")


if __name__ == "__main__":
    main()
