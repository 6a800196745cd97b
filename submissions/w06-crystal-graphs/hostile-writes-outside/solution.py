"""Hostile sample submission: tries to write outside its working folder (next to it, into
the course, the home folder, the system, /tmp and /dev/shm). Expected: writes into the system
and the course fail; what lands in /tmp or /dev/shm lands in the sandbox's private,
throw-away copies, so no file named matgrade-escape-w06 appears anywhere on the grading
machine. Empty answers, 0 points."""
import json
import sys

marker = "matgrade-escape-w06"
targets = ["../" + marker, "../../" + marker, "/work/main/rubrics/" + marker, "/work/main/" + marker, "/root/" + marker,
           "/usr/" + marker, "/etc/" + marker, "/tmp/" + marker, "/var/tmp/" + marker, "/dev/shm/" + marker]
for path in targets:
    try:
        with open(path, "w") as handle:
            handle.write("escaped\n")
        print("WROTE", path)
    except OSError as error:
        print("BLOCKED", path, type(error).__name__)
json.dump({"edges": [], "edge_features": [], "atom_features": [], "megnet_edges": []}, open(sys.argv[2], "w"))
