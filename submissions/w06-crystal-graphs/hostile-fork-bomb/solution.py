"""Hostile sample submission: a fork bomb. Expected: the process limit stops it from
multiplying, the run ends at a limit, every process it made is gone afterwards, 0 points."""
import os

while True:
    try:
        os.fork()
    except OSError:
        pass
