"""Times Gaussian-process fit + predict, scikit-learn vs `matgrade compute gp`, on the same
seeded data (2,000 x 10 training rows, 500 test rows), and checks that both agree.

Rows: a fixed kernel (`optimizer=None` / no --optimize) and hyperparameter optimisation from
the same start (`n_restarts_optimizer=0` / --optimize). The scikit-learn side is timed in
process (fit + predict(return_std=True), data already in memory); the matgrade side end to end
(one process: start-up, reading the JSON, fit, predict, writing JSON). Best of --repeat.

Prints one JSON object: seconds per side and row, LML and hyperparameters of both sides, the
largest differences of mean and std.

Usage: python time_gp.py --out DIR --matgrade BIN [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

KERNEL = "constant(1.0)*rbf(3.0)+white(0.1)"


def sklearn_kernel():
    return ConstantKernel(1.0) * RBF(3.0) + WhiteKernel(0.1)


def make_data(path: Path):
    rng = np.random.default_rng(2026)
    X = rng.uniform(0.0, 1.0, size=(2500, 10))
    y = np.sin(3 * X[:, 0]) + X[:, 1] * X[:, 2] + 0.5 * np.cos(2 * X[:, 3]) + 0.1 * X[:, 4:].sum(axis=1) \
        + 0.05 * rng.normal(size=2500)
    data = {"X_train": X[:2000].tolist(), "y_train": y[:2000].tolist(), "X_test": X[2000:].tolist()}
    path.write_text(json.dumps(data))
    return X[:2000], y[:2000], X[2000:]


def best_of(repeat, body):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = body()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--matgrade", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    data_path = args.out / "gp_2000x10.json"
    X, y, X_test = make_data(data_path)
    report = {"kernel": KERNEL, "train_shape": list(X.shape), "test_shape": list(X_test.shape), "repeat": args.repeat}
    for row, optimize in (("fixed", False), ("optimized", True)):
        def sklearn_run():
            gp = GaussianProcessRegressor(sklearn_kernel(), optimizer="fmin_l_bfgs_b" if optimize else None,
                                          n_restarts_optimizer=0)
            gp.fit(X, y)
            mean, std = gp.predict(X_test, return_std=True)
            return gp, mean, std

        seconds, (gp, mean, std) = best_of(args.repeat, sklearn_run)
        command = [args.matgrade, "compute", "gp", "--data", str(data_path), "--kernel", KERNEL] + (["--optimize"] if optimize else [])
        matgrade_seconds, output = best_of(args.repeat, lambda: subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        ours = json.loads(output)
        report[row] = {
            "sklearn_seconds": seconds, "matgrade_seconds": matgrade_seconds, "ratio": seconds / matgrade_seconds,
            "sklearn_kernel_": repr(gp.kernel_), "matgrade_kernel": ours["kernel"],
            "sklearn_lml": gp.log_marginal_likelihood_value_, "matgrade_lml": ours["log_marginal_likelihood"],
            "sklearn_theta": gp.kernel_.theta.tolist(), "matgrade_theta": ours["theta"],
            "max_abs_mean_difference": float(np.max(np.abs(np.asarray(ours["mean_test"]) - mean))),
            "max_abs_std_difference": float(np.max(np.abs(np.asarray(ours["std_test"]) - std))),
            "command": " ".join(command[1:]).replace(str(data_path), "gp_2000x10.json"),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
