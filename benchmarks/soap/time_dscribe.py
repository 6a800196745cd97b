"""DScribe's side of the SOAP benchmark: per-site SOAP vectors of every file, single-threaded.

The files are read with ASE and the SOAP object is made before the clock starts (imports,
parsing and DScribe's basis set-up excluded, as on the matgrade side); the clock covers
`soap.create(atoms, n_jobs=1)` for every structure, best of --repeat passes.

Prints one JSON line: {"seconds", "centers", "features", "checksums" (sum of all elements of
each structure's vectors), "repeat", "dscribe_version"}.
"""

from __future__ import annotations

import argparse
import json
import time
from importlib.metadata import version

import numpy as np
from ase.io import read
from dscribe.descriptors import SOAP


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rcut", type=float, required=True)
    parser.add_argument("--nmax", type=int, required=True)
    parser.add_argument("--lmax", type=int, required=True)
    parser.add_argument("--sigma", type=float, required=True)
    parser.add_argument("--rbf", choices=["gto", "polynomial"], required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    structures = [read(path, format="extxyz") for path in arguments.files]
    species = sorted({s for atoms in structures for s in atoms.get_chemical_symbols()})
    soap = SOAP(species=species, r_cut=arguments.rcut, n_max=arguments.nmax, l_max=arguments.lmax,
                sigma=arguments.sigma, rbf=arguments.rbf, periodic=True, average="off", sparse=False)
    best, centers, checksums = float("inf"), 0, []
    for _ in range(arguments.repeat):
        start = time.perf_counter()
        vectors = [soap.create(atoms, n_jobs=1) for atoms in structures]
        best = min(best, time.perf_counter() - start)
        centers = sum(v.shape[0] for v in vectors)
        checksums = [float(np.sum(v)) for v in vectors]
    print(json.dumps({"seconds": best, "centers": centers, "features": int(soap.get_number_of_features()),
                      "checksums": checksums, "repeat": arguments.repeat,
                      "dscribe_version": version("dscribe")}))


if __name__ == "__main__":
    main()
