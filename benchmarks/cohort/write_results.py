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
import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "neighbors"))
from write_results import git_revision, machine, replace_section  # noqa: E402

BEGIN, END = "<!-- cohort-benchmark:begin -->", "<!-- cohort-benchmark:end -->"


FOOTER = re.compile(
    r"(?P<count>\d+) submissions? of (?P<exercise>\S+) graded in (?P<wall>[0-9.e+-]+) s.*?"
    r"CPU time: matgrade (?P<own>[0-9.e+-]+) s(?: \([0-9.e+-]+ ms per submission\))? for [^;]+; "
    r"the programs (?P<programs>[0-9.e+-]+) s\.", re.S)


def exercise_footers(summary: Path) -> list[dict[str, float | str]]:
    """Each exercise's footer in grade --all's summary: submissions, wall time and the CPU split
    (summed over the segments of a resumed run, whose summaries follow one another)."""
    rows: dict[str, dict[str, float | str]] = {}
    for match in FOOTER.finditer(summary.read_text(encoding="utf-8")):
        row = rows.setdefault(match["exercise"], {"exercise": match["exercise"], "count": 0.0, "wall": 0.0, "own": 0.0, "programs": 0.0})
        for key in ("count", "wall", "own", "programs"):
            row[key] = float(row[key]) + float(match[key])
    return list(rows.values())


def engine_table(rows: list[dict[str, float | str]], graded: int) -> list[str]:
    """Markdown rows: per exercise, matgrade's own CPU per submission (the engine's overhead:
    inputs, references, checks, reports, gradebook) against the programs' CPU."""
    if not rows:
        return []
    lines = [
        "",
        "Engine overhead: matgrade's own CPU time (`getrusage`, every thread: inputs, references,",
        "checks, reports, gradebook) against the students' programs' (every run, invariance copies",
        "included), per exercise, from `grade --all`'s summary:",
        "",
        "| exercise | submissions | wall s | matgrade CPU s | **ms per submission** | programs' CPU s | programs' CPU per submission s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        count = max(float(row["count"]), 1)
        lines.append(f"| {row['exercise']} | {row['count']:.0f} | {row['wall']:.0f} | {row['own']:.1f} | "
                     f"**{float(row['own']) / count * 1000:.0f}** | {row['programs']:.0f} | {float(row['programs']) / count:.2f} |")
    own = sum(float(row["own"]) for row in rows)
    programs = sum(float(row["programs"]) for row in rows)
    lines.append(f"| all | {graded} | {sum(float(row['wall']) for row in rows):.0f} | {own:.1f} | "
                 f"**{own / max(graded, 1) * 1000:.0f}** | {programs:.0f} | {programs / max(graded, 1):.2f} |")
    return lines


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
    parser.add_argument("--summary", help="grade --all's standard output: its per-exercise footers give the CPU split")
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
    per_exercise = exercise_footers(Path(args.summary)) if args.summary else []
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
        *engine_table(per_exercise, graded),
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
