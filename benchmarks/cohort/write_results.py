"""Checks a graded cohort against what make_cohort.py says each hand-in is, and writes the
"cohort-benchmark" section of benchmarks/RESULTS.md (between its markers; the rest is kept).

Checks (any failure: exit 1, nothing written): every hand-in has exactly one current grade and
no missing one has any; zip slips and hostile programs scored zero (hostile-nan-output may keep
partial points) and every zip slip says "path traversal"; every correct hand-in has full
points; late penalties are recorded for exactly the late hand-ins, with their days.

Usage: python write_results.py --gradebook G --expected .expected.csv --start T0 --end T1
       --jobs J --students N --command TEXT [--shards-note TEXT] [--output RESULTS.md]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "neighbors"))
from write_results import git_revision, machine, replace_section  # noqa: E402

BEGIN, END = "<!-- cohort-benchmark:begin -->", "<!-- cohort-benchmark:end -->"


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("--gradebook", "--expected", "--command", "--output"):
        parser.add_argument(name, required=name != "--output", default="benchmarks/RESULTS.md")
    parser.add_argument("--start", type=float, required=True)
    parser.add_argument("--end", type=float, required=True)
    parser.add_argument("--jobs", type=int, required=True)
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--shards-note", default="")
    parser.add_argument("--record-disagreements", action="store_true",
                        help="write the section anyway, listing every grade that disagrees (a finding to fix, not a pass)")
    args = parser.parse_args()

    expected = {(row["student"], row["exercise"]): row for row in csv.DictReader(open(args.expected, encoding="utf-8"))}
    db = sqlite3.connect(args.gradebook)
    grades = {}
    for student, exercise, status, problem, points, total, late_days in db.execute(
        """SELECT s.student_id, s.exercise_id, g.status, g.problem, g.points, g.total, p.days_late
           FROM submissions s JOIN grades g ON g.submission_id = s.id
           LEFT JOIN late_penalties p ON p.submission_id = s.id"""):
        if (student, exercise) in grades:
            sys.exit(f"cohort: {student} {exercise} has two grades")
        grades[(student, exercise)] = (status, problem or "", points, total, late_days or 0)
    problems = []
    kinds: dict[str, int] = {}
    for key, row in expected.items():
        kind = row["kind"].split(" ")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
        grade = grades.get(key)
        if kind == "missing":
            if grade:
                problems.append(f"{key}: missing but graded")
            continue
        if not grade:
            problems.append(f"{key}: {row['kind']} has no grade")
            continue
        status, problem, points, total, late_days = grade
        if kind == "zip-slip" and (status != "unusable" or "path traversal" not in problem):
            problems.append(f"{key}: zip slip graded {status} ({problem[:80]})")
        if kind == "hostile" and points > 0 and row["sample"] != "hostile-nan-output":
            problems.append(f"{key}: hostile {row['sample']} earned {points}")
        if kind == "correct" and abs(points - total) > 1e-9:
            problems.append(f"{key}: correct earned {points} of {total} ({status} {problem[:80]})")
        if int(row["late_days"]) != late_days:
            problems.append(f"{key}: late {row['late_days']} days expected, {late_days} recorded")
    if problems:
        print("cohort: the grades disagree with the cohort:\n  " + "\n  ".join(problems[:40]), file=sys.stderr)
        if not args.record_disagreements:
            sys.exit(1)

    runs, program_seconds = db.execute("SELECT count(*), sum(wall_seconds) FROM runs").fetchone()
    graded = len(grades)
    elapsed = args.end - args.start
    per_minute = graded / elapsed * 60
    overhead = (elapsed * args.jobs - (program_seconds or 0)) / max(runs, 1)
    statuses = dict(db.execute("SELECT status, count(*) FROM grades GROUP BY status").fetchall())
    late = db.execute("SELECT count(*) FROM late_penalties").fetchone()[0]
    info = machine()
    lines = [
        BEGIN,
        "# Benchmark: a whole cohort, end to end",
        "",
        "`benchmarks/cohort/run.sh` makes a synthetic cohort with `scripts/cohort/make_cohort.py`",
        "(every exercise that has sample submissions; copies of the correct sample most often, the",
        "typical mistakes, hostile programs, zip slips; some missing, late, zipped, tarred or",
        "handed in twice), grades it with `matgrade grade --all --jobs J` on public and hidden",
        "cases (limits capped by WALL_CAP / CPU_CAP, in the command below), and",
        "checks every grade against what the generator says each hand-in is (correct: full points;",
        "hostile and zip slip: zero; late days as handed in; missing: no grade) before writing.",
        "",
        "## Results",
        "",
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory, Linux {info['kernel']}",
        f"- matgrade revision: {git_revision()}",
        f"- command: `{args.command}`",
        f"- cohort: {args.students} students; hand-ins by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| submissions graded | {graded} ({', '.join(f'{k} {n}' for k, n in sorted(statuses.items()))}) |",
        f"| late penalties recorded | {late} |",
        f"| program runs (cases) | {runs} |",
        f"| wall time, `--jobs {args.jobs}` | {elapsed:.1f} s |",
        f"| **throughput** | **{per_minute:.1f} submissions per minute** |",
        f"| students' programs, summed wall time | {program_seconds or 0:.1f} s |",
        f"| per recorded case, everything else (wall x jobs - programs) / runs: references, the invariance check's extra runs on transformed inputs, checks, reports, gradebook | {overhead * 1000:.1f} ms |",
        "",
        ("Every grade agreed with the cohort's description." if not problems else
         f"**{len(problems)} grade{'s' if len(problems) > 1 else ''} disagreed with the cohort's description:** "
         + "; ".join(problems) + ".") + (f" {args.shards_note}." if args.shards_note else ""),
        END,
        "",
    ]
    replace_section(Path(args.output), BEGIN, END, "\n".join(lines))
    print(f"cohort: {graded} submissions in {elapsed:.1f} s ({per_minute:.1f}/min); wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
