#!/usr/bin/env python3
"""Generate a synthetic cohort for `matgrade grade --all`: N students x every exercise that has
sample submissions in submissions/, laid out as instructors receive them.

    python3 scripts/cohort/make_cohort.py OUT [--students 300] [--seed 7] [--hostile-share 0.03]

OUT/<student id>/<exercise>/...   one folder per student, one folder (or archive) per exercise
OUT/students.csv                   id,name,email
OUT/submissions.csv                student,exercise,submitted_at (ISO 8601): the hand-in times
OUT/.expected.csv                  student,exercise,kind,sample,late_days: what each one is

Every submission is a copy of a sample submission of submissions/<exercise>/ (the correct
one most often, the typical mistakes, a few hostile programs), so the expected points of
each are known from submissions/README.md. Among them, seeded: missing exercises, late
hand-ins (1-7 days), submissions as .zip or .tar.gz, duplicates (a folder and a newer zip of
another sample: the zip counts), and zip-slip archives (refused, graded zero). Exercise folders
are named by id or by week (w06), as students do both.
"""
import argparse
import csv
import datetime as dt
import io
import os
import random
import shutil
import sys
import tarfile
import zipfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIRST = ["Ada", "Alan", "Grace", "Linus", "Marie", "Niels", "Lise", "Dorothy", "Rosalind", "Enrico",
         "Chien-Shiung", "Subrahmanyan", "Emmy", "Paul", "Zoë", "José", "Åsa", "Mei", "Kwame", "Priya"]
LAST = ["Lovelace", "Turing", "Hopper", "Pauling", "Curie", "Bohr", "Meitner", "Hodgkin", "Franklin",
        "Fermi", "Wu", "Chandrasekhar", "Noether", "Dirac", "O'Neil", "García", "Lindqvist", "Chen",
        "Mensah", "Raman"]
# Hostile samples a cohort run can afford under benchmarks/cohort/run.sh's caps (60 s wall,
# 30 s CPU: the correct week-7 sample needs more than 8 s of CPU on some re-reduced copies).
HOSTILE = ["hostile-infinite-loop", "hostile-memory-hog", "hostile-fork-bomb", "hostile-nan-output",
           "hostile-malformed-json", "hostile-reads-rubric", "hostile-network", "hostile-writes-outside"]


def exercise_due(exercise):
    """The `due` of exercises/<exercise>/exercise.toml as an aware datetime."""
    with open(os.path.join(REPO, "exercises", exercise, "exercise.toml"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("due"):
                return dt.datetime.fromisoformat(line.split("=", 1)[1].strip())
    raise SystemExit(f"exercises/{exercise}/exercise.toml has no due date")


def copy_sample(source, target):
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def write_zip(source, archive, slip=False):
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for root, _, files in os.walk(source):
            for name in sorted(files):
                if name.endswith(".pyc"):
                    continue
                path = os.path.join(root, name)
                handle.write(path, os.path.relpath(path, source))
        if slip:
            handle.writestr("../../../tmp/matgrade-cohort-zip-slip.txt", "a zip-slip entry: must never be written")


def write_tar_gz(source, archive):
    with tarfile.open(archive, "w:gz") as handle:
        handle.add(source, arcname=os.path.basename(source).replace(".tar.gz", ""),
                   filter=lambda info: None if info.name.endswith(".pyc") or "__pycache__" in info.name else info)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--hostile-share", type=float, default=0.03)
    parser.add_argument("--exercises", default="", help="comma-separated ids (default: every exercise with samples)")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    samples_root = os.path.join(REPO, "submissions")
    exercises = [e for e in sorted(os.listdir(samples_root))
                 if os.path.isdir(os.path.join(samples_root, e)) and os.path.isdir(os.path.join(REPO, "exercises", e))]
    if args.exercises:
        wanted = args.exercises.split(",")
        exercises = [e for e in exercises if e in wanted]
    if not exercises:
        raise SystemExit("no exercises with sample submissions found")
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)

    students = []
    for index in range(1, args.students + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        sid = f"s{index:03d}"
        email = f"{first.lower()}.{last.lower()}.{index}@example.edu".encode("ascii", "ignore").decode().replace("'", "")
        students.append((sid, f"{first} {last}", email))
    with open(os.path.join(args.out, "students.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "name", "email"])
        writer.writerows(students)

    times, expected = [], []
    for exercise in exercises:
        due = exercise_due(exercise)
        names = sorted(os.listdir(os.path.join(samples_root, exercise)))
        correct = "correct"
        flawed = [n for n in names if n != correct and not n.startswith("hostile-") and n != "pymatgen-style"]
        hostile = [n for n in HOSTILE if n in names]
        week = exercise[:3]
        for sid, _, _ in students:
            roll = rng.random()
            if roll < 0.04:
                expected.append((sid, exercise, "missing", "", 0))
                continue
            if roll < 0.04 + args.hostile_share and hostile:
                kind, sample = "hostile", rng.choice(hostile)
            elif roll < 0.07 + args.hostile_share:
                kind, sample = "zip-slip", correct
            elif roll < 0.25 + args.hostile_share and flawed:
                kind, sample = "flawed", rng.choice(flawed)
            else:
                kind, sample = "correct", correct
            folder_name = exercise if rng.random() < 0.7 else week
            student_folder = os.path.join(args.out, sid)
            os.makedirs(student_folder, exist_ok=True)
            source = os.path.join(samples_root, exercise, sample)
            form = rng.random()
            if kind == "zip-slip":
                write_zip(source, os.path.join(student_folder, folder_name + ".zip"), slip=True)
                kind_shown = "zip-slip"
            elif form < 0.10:
                write_zip(source, os.path.join(student_folder, folder_name + ".zip"))
                kind_shown = kind + " (zip)"
            elif form < 0.15:
                staged = os.path.join(student_folder, ".staging", folder_name)
                copy_sample(source, staged)
                write_tar_gz(staged, os.path.join(student_folder, folder_name + ".tar.gz"))
                shutil.rmtree(os.path.join(student_folder, ".staging"))
                kind_shown = kind + " (tar.gz)"
            elif form < 0.18 and kind == "correct" and flawed:
                # A duplicate: an older flawed folder under the week's name, and the correct one
                # as a newer zip under the id: matgrade grades the one whose entry sorts last.
                copy_sample(os.path.join(samples_root, exercise, rng.choice(flawed)), os.path.join(student_folder, week))
                write_zip(source, os.path.join(student_folder, exercise + ".zip"))
                kind_shown = "correct (duplicate)"
            else:
                copy_sample(source, os.path.join(student_folder, folder_name))
                kind_shown = kind
            late_days = 0
            if rng.random() < 0.10:
                late_days = rng.randint(1, 7)
                submitted = due + dt.timedelta(days=late_days - 1, hours=rng.uniform(1, 23))
            else:
                submitted = due - dt.timedelta(hours=rng.uniform(0.5, 72))
            times.append((sid, exercise, submitted.isoformat(timespec="seconds")))
            expected.append((sid, exercise, kind_shown, sample, late_days))

    with open(os.path.join(args.out, "submissions.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["student", "exercise", "submitted_at"])
        writer.writerows(times)
    with open(os.path.join(args.out, ".expected.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["student", "exercise", "kind", "sample", "late_days"])
        writer.writerows(expected)
    counts = {}
    for _, exercise, kind, _, late in expected:
        counts[(exercise, kind.split(" ")[0])] = counts.get((exercise, kind.split(" ")[0]), 0) + 1
    summary = ", ".join(f"{e} {k}: {n}" for (e, k), n in sorted(counts.items()))
    print(f"cohort: {len(students)} students x {len(exercises)} exercises in {args.out} ({summary}; "
          f"{sum(1 for row in expected if row[4])} late)", file=sys.stderr)


if __name__ == "__main__":
    main()
