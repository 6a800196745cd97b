"""Hostile sample submission (week 7): the correct program, except that it spins forever when
every SOAP structure is a supercell doubled along a (each atom has a copy of its species at
+1/2 along a), which only the grader's supercell copy for the invariance checks is.
Expected: every public and hidden case passes; on each hidden case the supercell copy is
stopped at the CPU (or wall-clock) limit, so both invariance checks fail ("no answer on the
soap-supercells copy"; invariant on the other 4 copies of 5: 16 of their 20 points) and the batch
goes on: 80/80 with `check`, 96/100 with `grade`.
SOAP: DScribe's SOAP(average="outer", periodic=True) on each structure, species as given;
the normalised linear kernel; every pair ranked by similarity.
Cutoff coordination by brute force over periodic images; Voronoi cells from
scipy.spatial.Voronoi (qhull) on the atoms of the cell and their images within PAD Angstrom,
faces' solid angles by the Van Oosterom-Strackee formula over a fan of triangles."""
import json
import math
import sys

import numpy as np
from scipy.spatial import Voronoi
from ase import Atoms
from dscribe.descriptors import SOAP

PAD = 8.0  # Angstrom of periodic images around the cell: enough to close every cell here


def image_ranges(lattice, reach):
    """Integer image ranges per axis covering `reach` Angstrom beyond the cell."""
    heights = 1.0 / np.linalg.norm(np.linalg.inv(lattice), axis=0)  # plane spacings
    return [range(-int(math.ceil(reach / h)) - 1, int(math.ceil(reach / h)) + 2) for h in heights]


def images(lattice, frac, reach):
    """Cartesian positions of every atom's images near the cell, and their atom indices."""
    shifts = np.array([(a, b, c) for a in image_ranges(lattice, reach)[0]
                       for b in image_ranges(lattice, reach)[1] for c in image_ranges(lattice, reach)[2]], dtype=float)
    points = (frac[None, :, :] + shifts[:, None, :]).reshape(-1, 3) @ lattice
    owners = np.tile(np.arange(len(frac)), len(shifts))
    home = np.all(shifts == 0, axis=1).repeat(len(frac))
    return points, owners, home


def cutoff_coordination(lattice, frac, cutoff):
    points, _, _ = images(lattice, frac, cutoff)
    centers = frac @ lattice
    counts = []
    for center in centers:
        d2 = np.sum((points - center) ** 2, axis=1)
        counts.append(int(np.sum((d2 < cutoff * cutoff + 1e-8) & (d2 > 1e-16))))
    return counts


def solid_angle(center, corners):
    r = [np.asarray(c) - center for c in corners]
    n = [np.linalg.norm(v) for v in r]
    total = 0.0
    for k in range(1, len(r) - 1):
        a, b, c = r[0], r[k], r[k + 1]
        numerator = abs(np.dot(a, np.cross(b, c)))
        denominator = n[0] * n[k] * n[k + 1] + np.dot(a, b) * n[k + 1] + np.dot(a, c) * n[k] + np.dot(b, c) * n[0]
        total += 2 * math.atan2(numerator, denominator)
    return total


def voronoi_weights(lattice, frac):
    wrapped = frac - np.floor(frac)
    points, owners, home = images(lattice, wrapped, PAD)
    diagram = Voronoi(points)
    home_index = {int(owners[p]): p for p in np.nonzero(home)[0]}
    angles = {atom: [] for atom in range(len(frac))}
    point_to_atom = {p: atom for atom, p in home_index.items()}
    for (p, q), vertices in zip(diagram.ridge_points, diagram.ridge_vertices):
        for center, other in ((p, q), (q, p)):
            atom = point_to_atom.get(int(center))
            if atom is None:
                continue
            if -1 in vertices:
                raise RuntimeError(f"the cell of atom {atom} is open; increase PAD")
            angles[atom].append(solid_angle(points[center], diagram.vertices[vertices]))
    weights = []
    for atom in range(len(frac)):
        largest = max(angles[atom])
        weights.append([a / largest for a in angles[atom]])
    return weights


def to_atoms(document):
    lattice = np.array(document["lattice"], dtype=float)
    frac = np.array(document["frac_coords"], dtype=float)
    return Atoms(symbols=document["species"], scaled_positions=frac, cell=lattice, pbc=True)


def doubled_along_a(document):
    """Whether every atom has an image of its own species at +1/2 along a (a 2x1x1 supercell)."""
    frac = np.array(document["frac_coords"], dtype=float) % 1.0
    species = document["species"]
    for atom, position in enumerate(frac):
        moved = (position + [0.5, 0.0, 0.0]) % 1.0
        gaps = np.abs(frac - moved)
        gaps = np.minimum(gaps, 1.0 - gaps).max(axis=1)
        if not any(gaps[k] < 1e-6 and species[k] == species[atom] for k in range(len(frac))):
            return False
    return True


def soap_part(task):
    if all(doubled_along_a(s) for s in task["soap_structures"]):
        while True:  # HOSTILE: never answers on the supercell copy
            pass
    soap = SOAP(species=task["soap_species"], r_cut=task["soap_r_cut"], n_max=int(task["soap_n_max"]),
                l_max=int(task["soap_l_max"]), sigma=task["soap_sigma"], rbf=task["soap_rbf"],
                periodic=True, average="outer")
    vectors = np.array([soap.create(to_atoms(s)) for s in task["soap_structures"]])
    gram = vectors @ vectors.T
    norms = np.sqrt(np.diag(gram))
    kernel = gram / np.outer(norms, norms)
    n = len(vectors)
    pairs = sorted(((i, j) for i in range(n) for j in range(i + 1, n)), key=lambda p: -kernel[p])
    return {
        "soap_vectors": vectors.tolist(),
        "soap_similarity": kernel.tolist(),
        "soap_ranking": [f"{i}-{j}" for i, j in pairs],
    }


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    structure = task["structure"]
    lattice = np.array(structure["lattice"], dtype=float)
    frac = np.array(structure["frac_coords"], dtype=float)
    weights = voronoi_weights(lattice, frac)
    minimum = task["voronoi_min_weight"]
    output = {
        "cutoff_coordination": cutoff_coordination(lattice, frac, task["coordination_cutoff"]),
        "voronoi_coordination": [sum(1 for w in site if w > minimum) for site in weights],
        "voronoi_weighted_coordination": [float(sum(site)) for site in weights],
    }
    output.update(soap_part(task))
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
