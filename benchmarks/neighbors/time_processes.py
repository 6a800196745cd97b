"""Times one process run per file, end to end (start-up, parsing, search, JSON output).

Usage: python time_processes.py [--repeat 1] FILES_OR_DIRECTORY... -- COMMAND... {} ARGS...
Runs COMMAND with {} replaced by each file, stdout to /dev/null, one after another, and
prints one JSON line {"seconds": best-of-repeat total wall seconds, "runs", "failures",
"repeat"}. A run that exits non-zero counts as a failure (its stderr tail is shown).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit(__doc__)
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    repeat = 1
    if options[:1] == ["--repeat"]:
        repeat, options = int(options[1]), options[2:]
    if "{}" not in command or not options:
        sys.exit(__doc__)
    files = []
    for argument in map(Path, options):
        files.extend(sorted(argument.glob("*.json")) if argument.is_dir() else [argument])

    best, failures = float("inf"), 0
    for _ in range(repeat):
        failures = 0
        start = time.perf_counter()
        for f in files:
            run = subprocess.run([str(f) if part == "{}" else part for part in command],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            if run.returncode != 0:
                failures += 1
                if failures <= 3:
                    tail = run.stderr.decode(errors="replace").strip().splitlines()[-3:]
                    print(f"time_processes: {f} exited {run.returncode}: {' | '.join(tail)}",
                          file=sys.stderr)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "runs": len(files), "failures": failures,
                      "repeat": repeat}))


if __name__ == "__main__":
    main()
