"""The structures of the SOAP benchmark, written as extended XYZ (which both ASE and matgrade
read): supercells of six crystals over O, Si, Ti, Sr (perovskite SrTiO3, rutile TiO2,
alpha-quartz SiO2, diamond Si, rocksalt SrO, a Sr2TiO4-like layered cell), each rattled by
0.03 A with a seeded generator and wrapped into its cell, 10 copies each: 60 files of 32 to
72 atoms. Seeded, so every run times the same files.

Usage: python make_structures.py --out DIR      (run inside the DScribe venv, which has ASE)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from ase import Atoms
from ase.build import bulk
from ase.io import write
from ase.spacegroup import crystal


def prototypes() -> list[tuple[str, Atoms]]:
    perovskite = Atoms("SrTiO3", cell=np.eye(3) * 3.905, pbc=True,
                       scaled_positions=[[0, 0, 0], [0.5, 0.5, 0.5], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]])
    rutile = crystal(["Ti", "O"], basis=[(0, 0, 0), (0.3048, 0.3048, 0)], spacegroup=136,
                     cellpar=[4.594, 4.594, 2.959, 90, 90, 90])
    quartz = crystal(["Si", "O"], basis=[(0.4697, 0, 0), (0.4135, 0.2669, 0.1191)], spacegroup=152,
                     cellpar=[4.916, 4.916, 5.405, 90, 90, 120])
    layered = Atoms("Sr2TiO4", cell=[[3.88, 0, 0], [0, 3.88, 0], [1.94, 1.94, 6.3]], pbc=True,
                    scaled_positions=[[0, 0, 0.35], [0, 0, 0.65], [0, 0, 0], [0.5, 0, 0], [0, 0.5, 0],
                                      [0, 0, 0.17], [0, 0, 0.83]])
    return [
        ("SrTiO3_2x2x2", perovskite.repeat((2, 2, 2))),
        ("TiO2_2x2x3", rutile.repeat((2, 2, 3))),
        ("SiO2_2x2x1", quartz.repeat((2, 2, 1))),
        ("Si_2x2x1", bulk("Si", "diamond", a=5.431, cubic=True).repeat((2, 2, 1))),
        ("SrO_2x2x1", bulk("SrO", "rocksalt", a=5.16, cubic=True).repeat((2, 2, 1))),
        ("Sr2TiO4_2x2x2", layered.repeat((2, 2, 2))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, type=Path)
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    for old in arguments.out.glob("*.xyz"):
        old.unlink()
    rng = np.random.default_rng(7)
    for name, atoms in prototypes():
        for copy in range(10):
            # A plain copy: no spacegroup tags or extra per-atom columns in the file.
            rattled = Atoms(atoms.get_chemical_symbols(), positions=atoms.positions, cell=atoms.cell, pbc=True)
            rattled.positions += rng.normal(scale=0.03, size=rattled.positions.shape)
            rattled.wrap()
            write(arguments.out / f"{name}_{copy}.xyz", rattled, format="extxyz")


if __name__ == "__main__":
    main()
