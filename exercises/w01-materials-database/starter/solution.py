"""Week 1: questions to the materials database.
Run as: python3 solution.py input.json output.json

Read the task in README.md (or `matgrade show w01-materials-database`).
"""
import json
import sys


def satisfies(entry, condition):
    """Whether one entry satisfies one {"property", "op", "value"} condition, with
    OPTIMADE's meaning (a comparison with an unknown, null, value is false)."""
    raise NotImplementedError("write satisfies")


def answers(task):
    """selection_ids, lowest_formation_id, lowest_formation_energy_per_atom,
    space_group_mode and property_statistics (see README.md)."""
    raise NotImplementedError("write answers")


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    with open(output_path, "w") as handle:
        json.dump(answers(task), handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
