"""Week 6: crystal graphs. Run as: python3 solution.py input.json output.json

Read the task in README.md (or `matgrade show w06-crystal-graphs`).
"""
import json
import sys

import numpy as np


def cgcnn_edges(lattice, frac_coords, radius, max_neighbors):
    """Rows [i, j, a, b, c, d]: for each atom i, its max_neighbors nearest neighbors within
    radius (Angstrom), periodic images included, nearest first."""
    raise NotImplementedError("write cgcnn_edges")


def gaussian_features(distances, dmin, dmax, step, width):
    """One row per distance: exp(-(d - mu_k)^2 / width^2) over the centers mu_k."""
    raise NotImplementedError("write gaussian_features")


def atom_features(species, elements, blocks):
    """One row per atom: the one-hot vector the blocks describe."""
    raise NotImplementedError("write atom_features")


def megnet_edges(lattice, frac_coords, cutoff):
    """Rows [i, j, a, b, c, d] for every pair within cutoff (Angstrom)."""
    raise NotImplementedError("write megnet_edges")


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    structure = task["structure"]
    lattice = np.array(structure["lattice"], dtype=float)
    frac_coords = np.array(structure["frac_coords"], dtype=float)

    edges = cgcnn_edges(lattice, frac_coords, task["radius"], task["max_neighbors"])
    gaussian = task["gaussian"]
    output = {
        "edges": edges,
        "edge_features": gaussian_features([row[5] for row in edges], gaussian["dmin"], gaussian["dmax"],
                                           gaussian["step"], gaussian["width"]),
        "atom_features": atom_features(structure["species"], task["elements"], task["atom_feature_blocks"]),
        "megnet_edges": megnet_edges(lattice, frac_coords, task["megnet_cutoff"]),
    }
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
