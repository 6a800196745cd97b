"""Hostile sample submission: starts processes that are meant to outlive the run (a detached
session and a double-forked daemon, each sleeping ten minutes) and exits at once. Expected:
the run ends normally and nothing it started is still running afterwards (no process whose
command line holds matgrade-background-marker); empty answers, 0 points."""
import json
import os
import subprocess
import sys

sleeper = [sys.executable, "-c", "import time; time.sleep(600)", "matgrade-background-marker"]
subprocess.Popen(sleeper, start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        devnull = os.open(os.devnull, os.O_RDWR)
        for descriptor in (0, 1, 2):
            os.dup2(devnull, descriptor)
        os.execv(sys.executable, sleeper)
    os._exit(0)
print("started two background sleepers")
json.dump({"edges": [], "edge_features": [], "atom_features": [], "megnet_edges": []}, open(sys.argv[2], "w"))
