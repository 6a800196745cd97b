"""Times pymatgen's VoronoiNN on benchmark structures: the pymatgen side of
benchmarks/voronoi/run.sh.

Usage: python time_pymatgen.py [--repeat N] [--ok-list FILE] FILES_OR_DIRECTORY...
Per pass, for each structure (parsed before the clock starts): VoronoiNN().get_all_nn_info
(one qhull tessellation of every site and its neighbors within 13 A: pymatgen's fastest
route to every site's coordination). Prints one JSON line: {"seconds": best-of-N total,
"structures", "sites", "ridges": faces pymatgen returned (weight 0 included),
"coordination_0": sum of get_cn (faces of weight > 0), "coordination_005": sum of faces of
weight > 0.05, "weighted": sum of weighted get_cn, "failed": files VoronoiNN raised on,
"pymatgen_version", "repeat"}. With --ok-list, the files it did not fail on are written
there, one a line, for the Swift side to time the same ones.
"""

from __future__ import annotations

import argparse
import json
import time
from importlib.metadata import version
from pathlib import Path

from pymatgen.core import Structure
from pymatgen.core.local_env import VoronoiNN


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--ok-list", type=Path)
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()
    files = []
    for path in args.paths:
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    structures = [(f, Structure.from_file(f)) for f in files]

    # Outside the clock: which files VoronoiNN can do at all (a cell reaching past 13 A
    # raises), and how many ridges it returns (get_all_nn_info drops those of weight 0).
    usable, failed, ridges = [], [], 0
    for f, s in structures:
        try:
            ridges += sum(len(p) for p in VoronoiNN().get_all_voronoi_polyhedra(s))
            usable.append((f, s))
        except (RuntimeError, ValueError) as error:
            failed.append(f"{f.name}: {error}")

    best, totals = float("inf"), {}
    for _ in range(args.repeat):
        sites = plain = above = 0
        weighted = 0.0
        start = time.perf_counter()
        for _, s in usable:
            for info in VoronoiNN().get_all_nn_info(s):
                sites += 1
                plain += len(info)
                above += sum(1 for entry in info if entry["weight"] > 0.05)
                weighted += sum(entry["weight"] for entry in info)
        best = min(best, time.perf_counter() - start)
        totals = {"sites": sites, "coordination_0": plain, "coordination_005": above,
                  "weighted": weighted}
    if args.ok_list:
        args.ok_list.write_text("".join(f"{f}\n" for f, _ in usable))
    print(json.dumps({"seconds": best, "structures": len(usable), **totals, "ridges": ridges,
                      "failed": failed, "pymatgen_version": version("pymatgen"),
                      "repeat": args.repeat}))


if __name__ == "__main__":
    main()
