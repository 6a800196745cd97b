"""Week 4: stability (formation energies, convex hull) and a truss by finite elements.
Run as: python3 solution.py input.json output.json

Read the task in README.md (or `matgrade show w04-stability`).
"""
import json
import sys

import numpy as np


def stability(task):
    """formation_energy_per_atom, e_above_hull, stable_ids, metastable_ids and
    decomposition_fractions (see README.md) for task["entries"]."""
    raise NotImplementedError("write stability (pymatgen's PhaseDiagram may help)")


def truss(task):
    """truss_displacements ([n_nodes x 2], m) and truss_axial_forces ([n_members], N,
    tension positive) of task["truss"] by linear finite elements."""
    raise NotImplementedError("write truss")


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    output = stability(task)
    output.update(truss(task))
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
