"""Week 2 sample with typical mistakes: the cost exponent from log10 of the times against the sizes
themselves (a semi-log fit), and the prediction from that line.

Run as: python3 solution.py input.json output.json
"""
import json
import sys

import numpy as np

METHODS = {
    "li-diffusivity": "MD",
    "oxide-band-gap": "DFT",
    "bracket-stress": "FEM",
    "order-disorder": "MC",
    "formation-enthalpy": "DFT",
    "thermal-expansion": "MD",
}
BIASES = {
    "li-diffusivity": "finite-timescale",
    "oxide-band-gap": "band-gap-underestimation",
    "bracket-stress": "discretization",
    "order-disorder": "finite-size",
    "formation-enthalpy": "reference-state-error",
    "thermal-expansion": "classical-nuclei",
}


def band_gap_bias(pairs):
    dft = np.array([p["dft_gap"] for p in pairs], dtype=float)
    experiment = np.array([p["experimental_gap"] for p in pairs], dtype=float)
    error = dft - experiment
    slope, intercept = np.polyfit(dft, experiment, 1)
    return {
        "gap_mean_signed_error": float(error.mean()),
        "gap_mean_absolute_error": float(np.abs(error).mean()),
        "gap_fraction_underestimated": float(np.mean(dft < experiment)),
        "gap_correction": [float(slope), float(intercept)],
    }


def cost_scaling(timings):
    exponent, intercept = np.polyfit(np.array(timings["sizes"], dtype=float), np.log10(timings["seconds"]), 1)
    return {
        "scaling_exponent": float(exponent),
        "predicted_seconds": float(10 ** (intercept + exponent * timings["target_size"])),
    }


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
