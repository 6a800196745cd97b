"""Week 5: Magpie features and a ridge predictor. Run as: python3 solution.py input.json output.json

Read the task in README.md (or `matgrade show w05-descriptors`).
"""
import json
import sys

import numpy as np


def magpie_features(compositions, elements):
    """[len(compositions) x 132]: for each property (order of element_properties) minimum,
    maximum, range, mean, avg_dev and mode over the elements of each composition
    ({symbol: amount}); mean and avg_dev weighted by atomic fraction."""
    raise NotImplementedError("write magpie_features")


def fit_scaler(X):
    """Column means and standard deviations (divisor n; 1 for a constant column) of X."""
    raise NotImplementedError("write fit_scaler")


def fit_ridge(Z, y, alpha):
    """Coefficients w and intercept b minimising ||y - Z w - b||^2 + alpha ||w||^2."""
    raise NotImplementedError("write fit_ridge")


def cross_validated_mae(X, y, alpha, folds):
    """Mean over KFold(folds) blocks (no shuffling) of the MAE of scaler + ridge refitted
    on the other blocks."""
    raise NotImplementedError("write cross_validated_mae")


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    X = magpie_features(task["train_compositions"], task["elements"])
    X_heldout = magpie_features(task["heldout_compositions"], task["elements"])
    y = np.array(task["train_targets"], dtype=float)
    alpha, folds = float(task["alpha"]), int(task["folds"])

    mean, scale = fit_scaler(X)
    w, b = fit_ridge((X - mean) / scale, y, alpha)
    output = {
        "features": np.asarray(X).tolist(),
        "scaler_mean": np.asarray(mean).tolist(),
        "scaler_scale": np.asarray(scale).tolist(),
        "coefficients": np.asarray(w).tolist(),
        "intercept": float(b),
        "cv_mae": float(cross_validated_mae(X, y, alpha, folds)),
        "predictions": (((X_heldout - mean) / scale) @ w + b).tolist(),
    }
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
