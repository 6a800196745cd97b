"""Week 5 sample submission: a typical mistake, numpy only.

MISTAKE: ridge without an intercept: the model is forced through 0 eV at the mean features.

Magpie features from the element table in the input, a standard scaler fitted on the
training split, ridge with an unpenalised intercept, k-fold cross-validation of the whole
pipeline, predictions for the held-out formulas.
"""
import json
import sys

import numpy as np


def magpie_row(composition, elements, property_count):
    """132 features: for each property, minimum, maximum, range, mean, avg_dev, mode."""
    symbols = list(composition)
    amounts = np.array([composition[s] for s in symbols], dtype=float)
    fractions = amounts / amounts.sum()
    # Ties as numpy.isclose sees them, on the amounts as written.
    largest = np.isclose(amounts, amounts.max())
    row = []
    for p in range(property_count):
        values = np.array([elements[s][p] for s in symbols], dtype=float)
        mean = float(np.dot(fractions, values))
        avg_dev = float(np.dot(fractions, np.abs(values - mean)))
        row += [values.min(), values.max(), values.max() - values.min(), mean, avg_dev, values[largest].min()]
    return row


def featurize(compositions, elements, property_count):
    return np.array([magpie_row(c, elements, property_count) for c in compositions], dtype=float)


def fit_scaler(X):
    mean = X.mean(axis=0)
    scale = X.std(axis=0)  # divisor n, as scikit-learn's StandardScaler
    scale[scale <= 1e-12 * np.maximum(1.0, np.abs(mean))] = 1.0  # a constant column is only centred
    return mean, scale


def fit_ridge(Z, y, alpha):
    """MISTAKE: no intercept (neither Z nor y centred, b = 0)."""
    w = np.linalg.solve(Z.T @ Z + alpha * np.eye(Z.shape[1]), Z.T @ y)
    return w, 0.0


def fit_pipeline(X, y, alpha):
    mean, scale = fit_scaler(X)
    w, b = fit_ridge((X - mean) / scale, y, alpha)
    return mean, scale, w, b


def predict(model, X):
    mean, scale, w, b = model
    return ((X - mean) / scale) @ w + b


def cross_validated_mae(X, y, alpha, k):
    n = len(y)
    sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
    start, errors = 0, []
    for size in sizes:
        test = np.arange(start, start + size)
        train = np.setdiff1d(np.arange(n), test)
        model = fit_pipeline(X[train], y[train], alpha)
        errors.append(np.mean(np.abs(predict(model, X[test]) - y[test])))
        start += size
    return float(np.mean(errors))


def main(input_path, output_path):
    with open(input_path) as handle:
        data = json.load(handle)
    count = len(data["element_properties"])
    X = featurize(data["train_compositions"], data["elements"], count)
    X_heldout = featurize(data["heldout_compositions"], data["elements"], count)
    y = np.array(data["train_targets"], dtype=float)
    alpha, k = float(data["alpha"]), int(data["folds"])
    mean, scale, w, b = model = fit_pipeline(X, y, alpha)
    output = {
        "features": X.tolist(),
        "scaler_mean": mean.tolist(),
        "scaler_scale": scale.tolist(),
        "coefficients": w.tolist(),
        "intercept": float(b),
        "cv_mae": cross_validated_mae(X, y, alpha, k),
        "predictions": predict(model, X_heldout).tolist(),
    }
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
