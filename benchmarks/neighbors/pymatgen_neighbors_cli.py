"""pymatgen's counterpart of `matgrade compute neighbors FILE --cutoff R`, for the
end-to-end process timing: start Python, import pymatgen, read FILE, search, print JSON
({"cutoff", "neighbors": per site [{"index", "image", "distance"}]}).

Usage: python pymatgen_neighbors_cli.py FILE [--cutoff 6]
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

from pymatgen.core import Structure  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--cutoff", type=float, default=6.0)
    args = parser.parse_args()
    structure = Structure.from_file(args.file)
    neighbors = [[{"index": int(n.index), "image": [int(x) for x in n.image],
                   "distance": float(n.nn_distance)} for n in site]
                 for site in structure.get_all_neighbors(args.cutoff)]
    json.dump({"cutoff": args.cutoff, "neighbors": neighbors}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
