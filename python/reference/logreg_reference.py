#!/usr/bin/env python3
"""Reference values for Brine's LogisticRegression, computed with scikit-learn.

Writes Tests/BrineTests/Fixtures/logreg_reference.json. For each bundled dataset
(iris, wine, breast_cancer, digits) with its shared train/test split:

  * the train split is standardized with StandardScaler fitted on it (population std),
    and the test split with the same scaler;
  * "tight": LogisticRegression(C=1, tol=1e-10, max_iter=10000) -- run to (near) exact
    convergence, so any correct solver of the same objective must agree to ~1e-6;
  * "default": LogisticRegression(max_iter=1000) (tol=1e-4), the peer benchmark's model.
    Its coef/intercept/n_iter are taken from the stored peer results
    (shared/peers/results/sklearn_bench.json) when that file is found, after checking
    that refitting here reproduces them.

An "optimizer" section records scipy's L-BFGS-B (scikit-learn's settings) on the Rosenbrock
function, to check the optimizer on its own.

Extra cases exercise other code paths: no intercept, a small C, and string labels whose
sorted order differs from the integer order (breast_cancer with "malignant"/"benign").

Usage: python3 python/reference/logreg_reference.py [--bench PATH]
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ["iris", "wine", "breast_cancer", "digits"]
OUT = ROOT / "Tests" / "BrineTests" / "Fixtures" / "logreg_reference.json"


def load(name: str):
    with open(ROOT / "Sources" / "Brine" / "Resources" / "Datasets" / f"{name}.csv", newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(v) for v in row[:-1]] for row in rows], dtype=np.float64)
    y = np.array([int(row[-1]) for row in rows], dtype=np.int64)
    split = json.loads((ROOT / "Sources" / "Brine" / "Resources" / "Datasets" / f"{name}.split.json").read_text())
    return x, y, np.array(split["train"]), np.array(split["test"])


def standardized(name: str):
    x, y, train, test = load(name)
    scaler = StandardScaler().fit(x[train])
    return scaler.transform(x[train]), y[train], scaler.transform(x[test]), y[test]


def summary(model: LogisticRegression, x_test: np.ndarray) -> dict:
    decision = model.decision_function(x_test[:5])
    if decision.ndim == 1:
        decision = decision[:, None]
    return {
        "coef": model.coef_.tolist(),
        "intercept": np.atleast_1d(model.intercept_).tolist(),
        "n_iter": int(model.n_iter_[0]),
        "test_predictions": model.predict(x_test).tolist(),
        "test_probabilities_head": model.predict_proba(x_test[:5]).tolist(),
        "test_decision_head": decision.tolist(),
    }


def relative(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "peers" / "results" / "sklearn_bench.json")
    args = parser.parse_args()
    bench = json.loads(args.bench.read_text()) if args.bench.exists() else None
    if bench is None:
        for candidate in [Path("/work/shared/peers/results/sklearn_bench.json")]:
            if candidate.exists():
                bench = json.loads(candidate.read_text())

    out = {
        "generator": "python/reference/logreg_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "datasets": {},
        "extra": {},
    }
    for name in DATASETS:
        x_train, y_train, x_test, y_test = standardized(name)
        tight = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(x_train, y_train)
        default = LogisticRegression(max_iter=1000).fit(x_train, y_train)
        entry = {"tight": summary(tight, x_test), "default": summary(default, x_test)}
        entry["default"]["source"] = "refit here"
        if bench is not None:
            stored = bench["datasets"][name]["models"]["logreg"]
            dev = relative(default.coef_, stored["coef"])
            assert dev < 1e-12 and int(stored["n_iter"][0]) == int(default.n_iter_[0]), (name, dev)
            entry["default"]["coef"] = stored["coef"]
            entry["default"]["intercept"] = stored["intercept"]
            entry["default"]["n_iter"] = int(stored["n_iter"][0])
            entry["default"]["source"] = "shared/peers/results/sklearn_bench.json (sklearn %s)" % (
                bench["environment"]["versions"]["sklearn"])
        out["datasets"][name] = entry
        print(f"{name}: tight n_iter={entry['tight']['n_iter']} default n_iter={entry['default']['n_iter']}")

    # Extra code paths.
    x_train, y_train, x_test, _ = standardized("breast_cancer")
    out["extra"]["breast_cancer_no_intercept"] = summary(
        LogisticRegression(C=1.0, fit_intercept=False, max_iter=1000).fit(x_train, y_train), x_test)
    out["extra"]["breast_cancer_c0.05"] = summary(
        LogisticRegression(C=0.05, max_iter=1000).fit(x_train, y_train), x_test)
    names = np.array(["malignant", "benign"])  # 0 = malignant, 1 = benign in the bundled data
    string_model = LogisticRegression(max_iter=1000).fit(x_train, names[y_train])
    out["extra"]["breast_cancer_string_labels"] = summary(string_model, x_test)
    out["extra"]["breast_cancer_string_labels"]["classes"] = string_model.classes_.tolist()
    x_train, y_train, x_test, _ = standardized("wine")
    out["extra"]["wine_no_intercept"] = summary(
        LogisticRegression(C=1.0, fit_intercept=False, max_iter=1000).fit(x_train, y_train), x_test)
    out["extra"]["wine_max_iter_3"] = summary(
        LogisticRegression(C=1.0, max_iter=3).fit(x_train, y_train), x_test)

    # The optimizer alone: scipy's L-BFGS-B with scikit-learn's settings on the Rosenbrock function.
    from scipy.optimize import minimize, rosen, rosen_der
    out["optimizer"] = {}
    for name, x0 in [("rosenbrock2", [-1.2, 1.0]), ("rosenbrock5", [-1.2, 1.0, -1.2, 1.0, 0.5])]:
        result = minimize(rosen, np.array(x0), jac=rosen_der, method="L-BFGS-B",
                          options=dict(gtol=1e-5, ftol=64 * np.finfo(float).eps, maxls=50, maxiter=15000))
        out["optimizer"][name] = {"x0": x0, "x": result.x.tolist(), "fun": float(result.fun),
                                  "nit": int(result.nit), "nfev": int(result.nfev), "message": result.message}

    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    warnings.simplefilter("ignore", ConvergenceWarning)
    main()
