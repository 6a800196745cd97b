"""Week 3: simulation assumptions and derived quantities.
Run as: python3 solution.py input.json output.json

Read the task in README.md (or `matgrade show w03-simulation-assumptions`).
"""
import json
import sys

import numpy as np


def molecular_dynamics(md):
    """lj_potential_energy (eV), lj_forces ([n_atoms x 3], eV/A), md_positions and
    md_velocities after md["steps"] velocity-Verlet steps, md_temperatures ([steps + 1], K,
    3N - 3 degrees of freedom); see README.md for the units."""
    raise NotImplementedError("write molecular_dynamics")


def ising(task):
    """abs_magnetisation_per_spin, energy_per_spin, heat_capacity_per_spin and their
    standard errors (<name>_error) from a Metropolis run of task["sweeps"] sweeps."""
    raise NotImplementedError("write ising")


def provenance(fields, options):
    """{field name: one of options} for each database field."""
    raise NotImplementedError("write provenance")


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    output = molecular_dynamics(task["molecular_dynamics"])
    output["ising"] = ising(task["ising"])
    output["provenance"] = provenance(task["database_fields"], task["provenance_options"])
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
