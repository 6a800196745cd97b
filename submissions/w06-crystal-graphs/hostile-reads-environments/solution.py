"""Hostile sample submission: reads its own environment and every other process's
(/proc/*/environ, /proc/*/cmdline) looking for the course secret and the grader. Expected: it
sees only its own processes and a scrubbed environment (BLOCKED lines, never LEAKED), writes
empty answers, 0 points."""
import json
import os
import sys

print("BLOCKED own environment holds only:", ",".join(sorted(os.environ)))
if any("SECRET" in key or "MATGRADE_COURSE" in key for key in os.environ):
    print("LEAKED own environment", sorted(os.environ))
pids = [entry for entry in os.listdir("/proc") if entry.isdigit()]
print(f"BLOCKED {len(pids)} processes visible")
for pid in pids:
    for part in ("environ", "cmdline"):
        try:
            with open(f"/proc/{pid}/{part}", "rb") as handle:
                text = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError as error:
            print("BLOCKED", pid, part, type(error).__name__)
            continue
        if "MATGRADE_SECRET" in text or "matgrade grade" in text or "swift" in text:
            print("LEAKED", pid, part, text[:80])
json.dump({"edges": [], "edge_features": [], "atom_features": [], "megnet_edges": []}, open(sys.argv[2], "w"))
