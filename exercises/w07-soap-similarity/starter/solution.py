"""Week 7: coordination numbers and SOAP similarity. Run as: python3 solution.py input.json output.json

Read the task in README.md (or `matgrade show w07-soap-similarity`).
"""
import json
import sys

import numpy as np


def cutoff_coordination(lattice, frac_coords, cutoff):
    """One integer per atom: its neighbors within cutoff (Angstrom), periodic images
    included, the atom itself excluded."""
    raise NotImplementedError("write cutoff_coordination")


def voronoi_faces(lattice, frac_coords):
    """Per atom, the weights of its Voronoi faces: each face's solid angle seen from the atom
    divided by the largest solid angle of the atom's faces."""
    raise NotImplementedError("write voronoi_faces")


def soap_vectors(task):
    """One averaged SOAP vector per structure of task["soap_structures"], in DScribe's layout
    (dscribe.descriptors.SOAP with the task's parameters, periodic=True, average="outer")."""
    raise NotImplementedError("write soap_vectors")


def similarity(vectors):
    """The normalised linear kernel: p_A . p_B / sqrt((p_A . p_A)(p_B . p_B))."""
    raise NotImplementedError("write similarity")


def ranked_pairs(kernel):
    """Every pair "i-j" (i < j), most similar first."""
    raise NotImplementedError("write ranked_pairs")


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    structure = task["structure"]
    lattice = np.array(structure["lattice"], dtype=float)
    frac_coords = np.array(structure["frac_coords"], dtype=float)

    weights = voronoi_faces(lattice, frac_coords)
    minimum = task["voronoi_min_weight"]
    output = {
        "cutoff_coordination": cutoff_coordination(lattice, frac_coords, task["coordination_cutoff"]),
        "voronoi_coordination": [sum(1 for w in site if w > minimum) for site in weights],
        "voronoi_weighted_coordination": [float(sum(site)) for site in weights],
    }
    vectors = np.asarray(soap_vectors(task), dtype=float)
    kernel = np.asarray(similarity(vectors), dtype=float)
    output["soap_vectors"] = vectors.tolist()
    output["soap_similarity"] = kernel.tolist()
    output["soap_ranking"] = ranked_pairs(kernel)
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
