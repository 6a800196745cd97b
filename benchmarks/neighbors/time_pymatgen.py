"""Times pymatgen's neighbor search on the benchmark structures, single-threaded.

(a) Structure.get_all_neighbors(6.0) over every structure;
(b) CGCNN's graph step (cgcnn/data.py): get_all_neighbors(8.0), each site's list sorted
    by distance, the first 12 kept.
Each is timed as the best of --repeat passes over all structures, excluding file loading
(structures are parsed once, before timing). Prints one JSON line:
  {"cutoff6_seconds", "cgcnn_seconds", "pairs_cutoff6", "pairs_cgcnn",
   "structures", "load_seconds", "load_and_cutoff6_seconds", "repeat", "pymatgen_version"}
load_and_cutoff6_seconds is one pass that parses every file and then searches it, for the
comparison with matgrade's end-to-end process runs.

Usage: python time_pymatgen.py [--repeat 3] FILES_OR_DIRECTORY...
"""

from __future__ import annotations

import os

# Before numpy is imported: one thread for every BLAS/OpenMP pool.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from importlib.metadata import version  # noqa: E402
from pathlib import Path  # noqa: E402

from pymatgen.core import Structure  # noqa: E402

CUTOFF = 6.0
CGCNN_RADIUS = 8.0
CGCNN_MAX_NEIGHBORS = 12


def cutoff_pass(structures) -> int:
    return sum(len(site) for s in structures for site in s.get_all_neighbors(CUTOFF))


def cgcnn_pass(structures) -> int:
    pairs = 0
    for s in structures:
        graph = [sorted(site, key=lambda n: n.nn_distance)[:CGCNN_MAX_NEIGHBORS]
                 for site in s.get_all_neighbors(CGCNN_RADIUS)]
        pairs += sum(map(len, graph))
    return pairs


def best_of(repeat: int, work, structures) -> tuple[float, int]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        count = work(structures)
        best = min(best, time.perf_counter() - start)
        if result is not None and count != result:
            raise RuntimeError(f"pair count changed between repeats: {result} -> {count}")
        result = count
    return best, result


def files_of(arguments: list[str]) -> list[Path]:
    files = []
    for argument in map(Path, arguments):
        files.extend(sorted(argument.glob("*.json")) if argument.is_dir() else [argument])
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    files = files_of(args.paths)

    start = time.perf_counter()
    structures = [Structure.from_file(f) for f in files]
    load_seconds = time.perf_counter() - start

    cutoff6_seconds, pairs_cutoff6 = best_of(args.repeat, cutoff_pass, structures)
    cgcnn_seconds, pairs_cgcnn = best_of(args.repeat, cgcnn_pass, structures)

    start = time.perf_counter()
    for f in files:
        Structure.from_file(f).get_all_neighbors(CUTOFF)
    load_and_cutoff6_seconds = time.perf_counter() - start

    print(json.dumps({
        "cutoff6_seconds": cutoff6_seconds, "cgcnn_seconds": cgcnn_seconds,
        "pairs_cutoff6": pairs_cutoff6, "pairs_cgcnn": pairs_cgcnn,
        "structures": len(structures), "load_seconds": load_seconds,
        "load_and_cutoff6_seconds": load_and_cutoff6_seconds, "repeat": args.repeat,
        "pymatgen_version": version("pymatgen"),
    }))


if __name__ == "__main__":
    main()
