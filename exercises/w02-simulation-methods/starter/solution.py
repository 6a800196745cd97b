"""Week 2: simulation methods and their biases; the DFT band-gap error; cost scaling.
Run as: python3 solution.py input.json output.json

Read the task in README.md (or `matgrade show w02-simulation-methods`).
"""
import json
import sys

import numpy as np

# For each question id: one of the input's method_options, and one bias id of its bias_options.
METHODS = {
    "li-diffusivity": None,
    "oxide-band-gap": None,
    "bracket-stress": None,
    "order-disorder": None,
    "formation-enthalpy": None,
    "thermal-expansion": None,
}
BIASES = dict(METHODS)


def band_gap_bias(pairs):
    """gap_mean_signed_error, gap_mean_absolute_error, gap_fraction_underestimated and
    gap_correction ([slope, intercept]) of the pairs (see README.md)."""
    raise NotImplementedError("write band_gap_bias")


def cost_scaling(timings):
    """scaling_exponent and predicted_seconds of the timings (see README.md)."""
    raise NotImplementedError("write cost_scaling")


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    ids = [question["id"] for question in task["questions"]]
    output = {"methods": {i: METHODS[i] for i in ids}, "biases": {i: BIASES[i] for i in ids}}
    output.update(band_gap_bias(task["band_gaps"]))
    output.update(cost_scaling(task["timings"]))
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
