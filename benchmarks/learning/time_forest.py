"""Times random-forest regression, scikit-learn vs `matgrade compute forest`, on Magpie
features of Matbench's experimental band gaps, K-fold cross-validation, and compares MAE.

Both sides get the same folds (`KFold(K, shuffle=True, random_state=0)`), the same features
(matgrade's Magpie CSV: `matgrade compute magpie --file expt_gap.csv --format csv`, which
agrees with matminer's, see the Magpie section) and the same forest settings (N trees,
max_features 1.0, bootstrap, everything else default), and the same thread count: scikit-learn
`n_jobs=THREADS`, matgrade `--threads THREADS`. The scikit-learn side times fit + predict in
process; the matgrade side one process per fold, end to end (start-up, reading the fold's CSV,
fit, predict, out-of-bag, writing JSON).

Usage: python time_forest.py --features MAGPIE.csv --targets expt_gap.csv --out DIR
       --matgrade BIN [--trees 500] [--folds 5] [--threads 2] [--max-folds K]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import time
from pathlib import Path

import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold


def read_features(path: Path):
    with path.open() as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    numeric = [i for i, name in enumerate(header) if name not in ("formula", "composition")]
    X = np.array([[float(row[i]) for i in numeric] for row in rows[1:]])
    return X, [header[i] for i in numeric]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", type=Path, required=True)
    parser.add_argument("--targets", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--matgrade", required=True)
    parser.add_argument("--trees", type=int, default=500)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-folds", type=int, default=None, help="run only the first K folds")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    X, names = read_features(args.features)
    with args.targets.open() as handle:
        y = np.array([float(row["target"]) for row in csv.DictReader(handle)])
    assert len(y) == len(X), (len(y), len(X))
    args.out.mkdir(parents=True, exist_ok=True)
    folds = []
    for k, (train, test) in enumerate(KFold(args.folds, shuffle=True, random_state=0).split(X)):
        if args.max_folds is not None and k >= args.max_folds:
            break
        start = time.perf_counter()
        forest = RandomForestRegressor(n_estimators=args.trees, n_jobs=args.threads, random_state=k)
        forest.fit(X[train], y[train])
        sklearn_pred = forest.predict(X[test])
        sklearn_seconds = time.perf_counter() - start
        fold_csv = args.out / f"forest_fold{k}.csv"
        with fold_csv.open("w") as handle:
            handle.write(",".join([f"f{i}" for i in range(X.shape[1])] + ["y", "split"]) + "\n")
            for indices, split in ((train, "train"), (test, "test")):
                for i in indices:
                    handle.write(",".join(repr(float(v)) for v in X[i]) + f",{float(y[i])!r},{split}\n")
        command = [args.matgrade, "compute", "forest", "--data", str(fold_csv), "--trees", str(args.trees),
                   "--threads", str(args.threads), "--seed", str(k)]
        start = time.perf_counter()
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        matgrade_seconds = time.perf_counter() - start
        ours = json.loads(output)
        sklearn_importance_order = np.argsort(-forest.feature_importances_)[:10].tolist()
        ours_importances = np.asarray(ours["feature_importances"])
        folds.append({
            "fold": k, "train": len(train), "test": len(test),
            "sklearn_seconds": sklearn_seconds, "matgrade_seconds": matgrade_seconds,
            "sklearn_mae": mean_absolute_error(y[test], sklearn_pred),
            "matgrade_mae": mean_absolute_error(y[test], ours["pred_test"]),
            "matgrade_oob_score": ours["oob_score"],
            "importance_spearman": float(np.corrcoef(np.argsort(np.argsort(forest.feature_importances_)),
                                                     np.argsort(np.argsort(ours_importances)))[0, 1]),
            "sklearn_top10": [names[i] for i in sklearn_importance_order],
            "matgrade_top10": [names[i] for i in np.argsort(-ours_importances)[:10]],
        })
        print(f"fold {k}: sklearn {sklearn_seconds:.1f} s MAE {folds[-1]['sklearn_mae']:.4f}; "
              f"matgrade {matgrade_seconds:.1f} s MAE {folds[-1]['matgrade_mae']:.4f}", file=__import__("sys").stderr)
    print(json.dumps({"trees": args.trees, "folds": args.folds, "folds_run": len(folds), "threads": args.threads,
                      "samples": len(y), "features": X.shape[1], "per_fold": folds}))


if __name__ == "__main__":
    main()
