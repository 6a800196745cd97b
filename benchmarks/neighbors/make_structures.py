"""Writes the 200 benchmark structures (20-60 atoms each) as pymatgen JSON.

Sources: the ordered bundled pymatgen structures and the ordered robocrys minerals of
exercises/data/. Each is made into a diagonal supercell of 20-60 atoms (the most nearly
cubic one; a seeded pick among equals), oxidation states and site properties dropped, and
every atom displaced by a seeded normal rattle of RATTLE_SIGMA Angstrom per Cartesian
component, then wrapped into the cell. Same seed, same files.

Usage: python make_structures.py [--out benchmarks/out/structures] [--count 200] [--seed 7]
Needs pymatgen (benchmarks/run.sh provides it in .venv-bench).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from pymatgen.core import Structure
from pymatgen.core.periodic_table import Element

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED = REPO_ROOT / "exercises/data/pymatgen-core/structures"
MINERALS = REPO_ROOT / "exercises/data/robocrys-0.2.13/mineral_db.json.gz"
MIN_ATOMS, MAX_ATOMS = 20, 60
RATTLE_SIGMA = 0.03  # Angstrom
MIN_DISTANCE = 0.5  # Angstrom; a source with atoms closer than this is skipped


def sources() -> list[tuple[str, Structure]]:
    found = []
    for path in sorted(BUNDLED.glob("*.json")):
        found.append((f"bundled {path.stem}", Structure.from_file(path)))
    with gzip.open(MINERALS, "rt") as handle:
        table = json.load(handle)
    column = table["columns"].index
    for prototype, row in zip(table["index"], table["data"]):
        name = f"mineral {row[column('mineral')]} ({prototype})"
        found.append((name, Structure.from_dict(row[column("structure")])))
    usable = []
    for name, structure in found:
        if not structure.is_ordered or len(structure) > MAX_ATOMS:
            continue
        if not all(isinstance(el, Element) for el in structure.composition.elements):
            continue  # dummy species
        if len(structure) > 1 and np.min(structure.distance_matrix
                                         + np.eye(len(structure)) * 1e9) < MIN_DISTANCE:
            continue
        usable.append((name, structure))
    return usable


def scalings(structure: Structure) -> list[tuple[float, tuple[int, int, int]]]:
    """Diagonal scalings giving 20-60 atoms, each with its anisotropy (longest over
    shortest plane spacing of the supercell; 1 is a cube)."""
    heights = 1.0 / np.linalg.norm(np.linalg.inv(structure.lattice.matrix), axis=0)
    options = []
    for scale in itertools.product(range(1, 7), repeat=3):
        if MIN_ATOMS <= len(structure) * np.prod(scale) <= MAX_ATOMS:
            spans = heights * np.array(scale)
            options.append((float(spans.max() / spans.min()), scale))
    return sorted(options)


def clean(structure: Structure) -> Structure:
    """Only elements, lattice and fractional coordinates: what every reader understands."""
    return Structure(structure.lattice, [site.specie.symbol for site in structure],
                     structure.frac_coords, to_unit_cell=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks/out/structures")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    pool = [(name, s, scalings(s)) for name, s in sources()]
    pool = [entry for entry in pool if entry[2]]
    order = rng.permutation(len(pool))

    args.out.mkdir(parents=True, exist_ok=True)
    for stale in args.out.glob("*.json"):
        stale.unlink()
    manifest = []
    for i in range(args.count):
        name, structure, options = pool[order[i % len(pool)]]
        # The most nearly cubic scaling; later passes over the pool take the next ones.
        best = [scale for anisotropy, scale in options if anisotropy <= options[0][0] * 1.25]
        scale = best[(i // len(pool)) % len(best)] if i >= len(pool) else \
            best[int(rng.integers(len(best)))]
        supercell = clean(structure)
        supercell.make_supercell(scale)
        displacement = rng.normal(0.0, RATTLE_SIGMA, size=(len(supercell), 3))
        frac = supercell.frac_coords + displacement @ np.linalg.inv(supercell.lattice.matrix)
        rattled = Structure(supercell.lattice, supercell.species, frac, to_unit_cell=True)
        path = args.out / f"{i:03d}.json"
        path.write_text(json.dumps(rattled.as_dict()))
        manifest.append({"file": path.name, "source": name, "scaling": list(scale),
                         "atoms": len(rattled)})
    (args.out.parent / "structures_manifest.json").write_text(json.dumps(
        {"seed": args.seed, "rattle_sigma_angstrom": RATTLE_SIGMA, "structures": manifest},
        indent=1))
    atoms = [m["atoms"] for m in manifest]
    print(f"wrote {len(manifest)} structures to {args.out} from {len(pool)} sources "
          f"({min(atoms)}-{max(atoms)} atoms, {sum(atoms)} in all)", file=sys.stderr)


if __name__ == "__main__":
    main()
