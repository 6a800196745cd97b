"""Hostile sample submission: walks the file system looking for rubrics, exercise files,
hidden cases, reference outputs, gradebooks and other students' work: every folder but the
system's programs and libraries, up to 50000 files (run outside the sandbox, it finds the
course repository at once). Expected: it sees only the system's runtime and its own
folder (it prints one BLOCKED summary, never LEAKED), writes empty answers, 0 points."""
import json
import os
import sys

own = os.path.realpath(os.getcwd())
suspicious_folders = {"rubrics", "submissions", "matgrade-reports", "exercises", "references"}
suspicious_files = {"w06-crystal-graphs.toml", "exercise.toml", "gradebook.sqlite", "grades.csv", "junit.xml",
                    "solution.py", "input.json", "output.json"}
system = {"proc", "sys", "dev", "usr", "lib", "lib32", "lib64", "bin", "sbin", "opt", "boot"}
# The interpreter's own installation is the system's runtime too (under /root/.pyenv here):
# tens of thousands of files whose walk alone took most of a 2 s CPU limit on a busy machine.
runtime = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}
tops = sorted(entry for entry in os.listdir("/") if entry not in system)
seen_files = seen_folders = 0
for top in tops:
    for folder, folders, files in os.walk("/" + top, onerror=lambda error: None):
        seen_folders += 1
        real = os.path.realpath(folder)
        if real.startswith(own) or any(real == r or real.startswith(r + os.sep) for r in runtime):
            folders[:] = []
            continue
        for name in folders:
            if name in suspicious_folders:
                print("LEAKED folder", os.path.join(folder, name))
        for name in files:
            seen_files += 1
            if name in suspicious_files:
                print("LEAKED file", os.path.join(folder, name))
        if seen_files > 50000:
            break
print(f"BLOCKED searched {seen_files} files in {seen_folders} folders of {', '.join(tops)}")
json.dump({"edges": [], "edge_features": [], "atom_features": [], "megnet_edges": []}, open(sys.argv[2], "w"))
