#!/usr/bin/env python3
"""scikit-learn reference values for Brine's RandomForestClassifier tests.

For each bundled dataset (iris, wine, breast_cancer, digits) and the shared fixed split
(<name>.split.json next to the CSV), fits RandomForestClassifier(n_estimators=100,
random_state=seed) for seeds 0..SEEDS-1 and records the test accuracy of each seed and
their mean. Brine's test averages its own forests over the same number of seeds and must
land within 1.5 accuracy points of this mean. Forests are random: a single seed's accuracy
varies by a few points on the small test sets (iris has 38 test rows, one row = 2.6 points),
so only averages are compared.

Writes Tests/BrineTests/Fixtures/random_forest_reference.json.
Run from the repository root:  python3 python/reference/forest_reference.py
"""
import csv
import json
import pathlib
import sys

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATASETS = ["iris", "wine", "breast_cancer", "digits"]
SEEDS = 5  # see docs/random-forest.md for why averages over seeds are compared


def load(name):
    with open(ROOT / "Sources" / "Brine" / "Resources" / "Datasets" / f"{name}.csv") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    target = header.index("target")
    x = np.array([[float(v) for i, v in enumerate(r) if i != target] for r in body])
    y = np.array([int(r[target]) for r in body])
    split = json.loads((ROOT / "Sources" / "Brine" / "Resources" / "Datasets" / f"{name}.split.json").read_text())
    return x[split["train"]], y[split["train"]], x[split["test"]], y[split["test"]]


def main():
    out = {
        "generator": "python/reference/forest_reference.py",
        "sklearn_version": sklearn.__version__,
        "model": "RandomForestClassifier(n_estimators=100, random_state=seed), other parameters default",
        "seeds": list(range(SEEDS)),
        "datasets": {},
    }
    for name in DATASETS:
        x_train, y_train, x_test, y_test = load(name)
        accuracies = []
        entropy_accuracies = []
        oob_scores = []
        importances = np.zeros(x_train.shape[1])
        for seed in range(SEEDS):
            forest = RandomForestClassifier(n_estimators=100, random_state=seed, oob_score=True).fit(x_train, y_train)
            accuracies.append(float((forest.predict(x_test) == y_test).mean()))
            oob_scores.append(float(forest.oob_score_))
            importances += forest.feature_importances_
            entropy = RandomForestClassifier(n_estimators=100, random_state=seed, criterion="entropy").fit(x_train, y_train)
            entropy_accuracies.append(float((entropy.predict(x_test) == y_test).mean()))
        out["datasets"][name] = {
            "n_train": int(len(y_train)),
            "n_test": int(len(y_test)),
            "accuracies": accuracies,
            "mean_accuracy": float(np.mean(accuracies)),
            "mean_feature_importances": (importances / SEEDS).tolist(),
            "entropy_accuracies": entropy_accuracies,
            "entropy_mean_accuracy": float(np.mean(entropy_accuracies)),
            "oob_scores": oob_scores,
            "mean_oob_score": float(np.mean(oob_scores)),
        }
        print(f"{name:14s} mean accuracy {np.mean(accuracies):.4f}  per seed {np.round(accuracies, 4).tolist()}"
              f"  entropy {np.mean(entropy_accuracies):.4f}  oob {np.mean(oob_scores):.4f}", file=sys.stderr)
    path = ROOT / "Tests" / "BrineTests" / "Fixtures" / "random_forest_reference.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
