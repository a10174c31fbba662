#!/usr/bin/env python3
"""Reference values for Brine's LogisticRegression(solver: .newtonCholesky), from scikit-learn.

Writes Tests/BrineTests/Fixtures/newton_cholesky_reference.json. For each bundled dataset
(iris, wine, breast_cancer, digits) with its shared train/test split, the train split
standardized by a StandardScaler fitted on it (population std) and the test split with the
same scaler, it fits scikit-learn's LogisticRegression(solver="newton-cholesky") with
C=1, tol=1e-4, max_iter=100 (the defaults) and records coef_, intercept_, n_iter_ and the
test predictions and first probabilities; extra cases: no intercept, C=0.05, max_iter=2, and
(binary) breast_cancer unscaled. The run fails if scikit-learn warns (a fallback to lbfgs would
make the reference another solver's). Brine's coefficients must agree to 1e-8.

Usage (project venv): .venv/bin/python python/reference/newton_cholesky_reference.py
"""
from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ["iris", "wine", "breast_cancer", "digits"]
OUT = ROOT / "Tests" / "BrineTests" / "Fixtures" / "newton_cholesky_reference.json"


def dataset_folder() -> Path:
    for candidate in [ROOT / "Sources" / "Brine" / "Resources" / "Datasets"]:
        if (candidate / "iris.csv").exists():
            return candidate
    raise SystemExit("bundled datasets not found")


def load(name: str, scaled: bool = True):
    folder = dataset_folder()
    with open(folder / f"{name}.csv", newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(v) for v in row[:-1]] for row in rows], dtype=np.float64)
    y = np.array([int(row[-1]) for row in rows], dtype=np.int64)
    split = json.loads((folder / f"{name}.split.json").read_text())
    train, test = np.array(split["train"]), np.array(split["test"])
    if not scaled:
        return x[train], y[train], x[test], y[test]
    scaler = StandardScaler().fit(x[train])
    return scaler.transform(x[train]), y[train], scaler.transform(x[test]), y[test]


def fit(x, y, x_test, **options) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = LogisticRegression(solver="newton-cholesky", **options).fit(x, y)
    return {
        "options": options,
        "coef": model.coef_.tolist(),
        "intercept": np.atleast_1d(model.intercept_).tolist(),
        "n_iter": int(model.n_iter_[0]),
        "test_predictions": model.predict(x_test).tolist(),
        "test_probabilities_head": model.predict_proba(x_test[:5]).tolist(),
    }


def main() -> None:
    out = {
        "generator": "python/reference/newton_cholesky_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "cases": {},
    }
    for name in DATASETS:
        x, y, xt, _ = load(name)
        out["cases"][name] = dict(fit(x, y, xt), dataset=name, scaled=True)
    x, y, xt, _ = load("breast_cancer")
    out["cases"]["breast_cancer_no_intercept"] = dict(fit(x, y, xt, fit_intercept=False), dataset="breast_cancer", scaled=True)
    out["cases"]["breast_cancer_c0.05"] = dict(fit(x, y, xt, C=0.05), dataset="breast_cancer", scaled=True)
    x, y, xt, _ = load("wine")
    out["cases"]["wine_no_intercept"] = dict(fit(x, y, xt, fit_intercept=False), dataset="wine", scaled=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # max_iter=2 warns that it did not converge, on purpose
        model = LogisticRegression(solver="newton-cholesky", max_iter=2).fit(x, y)
    out["cases"]["wine_max_iter_2"] = {
        "options": {"max_iter": 2}, "dataset": "wine", "scaled": True,
        "coef": model.coef_.tolist(), "intercept": np.atleast_1d(model.intercept_).tolist(),
        "n_iter": int(model.n_iter_[0]),
        "test_predictions": model.predict(xt).tolist(),
        "test_probabilities_head": model.predict_proba(xt[:5]).tolist(),
    }
    for key, case in out["cases"].items():
        print(f"{key}: n_iter={case['n_iter']}")
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} (scikit-learn {sklearn.__version__})")


if __name__ == "__main__":
    main()
