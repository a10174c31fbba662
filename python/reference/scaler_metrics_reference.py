#!/usr/bin/env python3
"""Reference values from scikit-learn for Brine's StandardScaler, metrics and train/test split tests.

Writes Tests/BrineTests/Fixtures/scaler_metrics_reference.json. Run from the package root:

    python3 python/reference/scaler_metrics_reference.py

Everything is deterministic (fixed seeds, the bundled datasets and their fixed splits), so
re-running it with the same scikit-learn version rewrites the same file.
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATASETS = ["iris", "wine", "breast_cancer", "digits"]
# Transformed test rows stored per dataset: up to 120 with the default options
# (all of them for iris and wine), 10 for the other option combinations.
MAX_TEST_ROWS = 120
MAX_TEST_ROWS_OTHER_OPTIONS = 10


def load(name):
    path = os.path.join(ROOT, "Sources", "Brine", "Resources", "Datasets", name + ".csv")
    with open(path) as handle:
        header = handle.readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    target = header.index("target")
    x = np.delete(data, target, axis=1)
    y = data[:, target].astype(np.int64)
    with open(os.path.join(ROOT, "Sources", "Brine", "Resources", "Datasets", name + ".split.json")) as handle:
        split = json.load(handle)
    with open(os.path.join(ROOT, "Sources", "Brine", "Resources", "Datasets", name + ".meta.json")) as handle:
        meta = json.load(handle)
    return x, y, np.array(split["train"]), np.array(split["test"]), meta["target_names"]


def floats(array):
    return [float(v) for v in np.asarray(array).ravel()]


def scaler_reference():
    out = {}
    for name in DATASETS:
        x, y, train, test, _ = load(name)
        entry = {}
        for with_mean, with_std in [(True, True), (False, True), (True, False)]:
            scaler = StandardScaler(with_mean=with_mean, with_std=with_std).fit(x[train])
            rows = test[:MAX_TEST_ROWS if with_mean and with_std else MAX_TEST_ROWS_OTHER_OPTIONS]
            key = "mean%d_std%d" % (with_mean, with_std)
            entry[key] = {
                "mean": floats(scaler.mean_) if scaler.mean_ is not None else None,
                "variance": floats(scaler.var_) if scaler.var_ is not None else None,
                "scale": floats(scaler.scale_) if scaler.scale_ is not None else None,
                "n_samples_seen": int(scaler.n_samples_seen_),
                "test_row_count": int(len(rows)),
                "test_transformed": [floats(r) for r in scaler.transform(x[rows])],
            }
        out[name] = entry
    return out


def report_case(name, truth, predicted, target_names=None, label_type="int"):
    labels = sorted(set(truth) | set(predicted))
    return {
        "name": name,
        "label_type": label_type,
        "truth": list(truth),
        "predicted": list(predicted),
        "target_names": target_names,
        "labels": labels,
        "accuracy": float(accuracy_score(truth, predicted)),
        "confusion": confusion_matrix(truth, predicted, labels=labels).tolist(),
        "report": classification_report(truth, predicted, target_names=target_names, zero_division=0),
    }


def logloss_case(name, truth, classes, probabilities, label_type="int"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = log_loss(truth, probabilities, labels=classes)
    return {
        "name": name,
        "label_type": label_type,
        "truth": list(truth),
        "classes": list(classes),
        "probabilities": [floats(r) for r in probabilities],
        "log_loss": float(value),
    }


def metrics_reference():
    reports, losses = [], []
    for name in DATASETS:
        x, y, train, test, target_names = load(name)
        scaler = StandardScaler().fit(x[train])
        model = LogisticRegression(max_iter=2000).fit(scaler.transform(x[train]), y[train])
        z = scaler.transform(x[test])
        predicted = [int(v) for v in model.predict(z)]
        truth = [int(v) for v in y[test]]
        reports.append(report_case(name + "_lr", truth, predicted, target_names=list(target_names)))
        reports.append(report_case(name + "_lr_no_names", truth, predicted))
        losses.append(logloss_case(name + "_lr", truth, [int(c) for c in model.classes_], model.predict_proba(z)))

    # Zero division: class 3 is predicted but never true; classes 1 and 2 are never predicted.
    reports.append(report_case("zero_division", [0, 0, 1, 1, 2, 2], [0, 0, 0, 0, 0, 3]))
    # Exact ties at the rounding digit: precision 1/8 = 0.125 and 3/8 = 0.375 (round half to even).
    reports.append(report_case(
        "rounding_ties", [0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2],
        [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 1, 1, 1, 1, 1]))
    rng = np.random.default_rng(7)
    animals = ["cat", "dog", "bird", "a-very-long-class-name"]
    truth = [animals[i] for i in rng.integers(0, 4, 60)]
    predicted = [t if rng.random() < 0.6 else animals[rng.integers(0, 4)] for t in truth]
    reports.append(report_case("strings", truth, predicted, label_type="string"))
    truth = [int(v) for v in rng.integers(0, 2, 41)]
    predicted = [t if rng.random() < 0.7 else 1 - t for t in truth]
    reports.append(report_case("binary", truth, predicted, target_names=["negative", "positive"]))
    reports.append(report_case("negative_labels", [-1, -1, 1, 1, 10], [-1, 1, 1, 1, 10]))

    # Log loss with probabilities that need clipping (0 and 1) and string classes.
    losses.append(logloss_case(
        "clipping", [0, 1, 2, 1], [0, 1, 2],
        np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.2, 0.7, 0.1]])))
    losses.append(logloss_case(
        "strings", ["ham", "spam", "spam", "ham"], ["ham", "spam"],
        np.array([[0.9, 0.1], [0.1, 0.9], [0.35, 0.65], [0.2, 0.8]]), label_type="string"))
    return reports, losses


def split_reference():
    out = {}
    for name in DATASETS:
        x, y, train, test, _ = load(name)
        classes, counts = np.unique(y, return_counts=True)
        n_test = int(np.ceil(0.25 * len(y)))
        out[name] = {
            "n_samples": int(len(y)),
            "n_test": n_test,
            "class_counts": [int(c) for c in counts],
            "sklearn_test_counts": [int((y[test] == c).sum()) for c in classes],
        }
    return out


def numpy_sums():
    """np.sum / np.mean of vectors whose rounding depends on the summation order (Brine reproduces numpy's)."""
    rng = np.random.default_rng(11)
    out = []
    for n in [3, 7, 8, 9, 15, 16, 17, 100, 128, 129, 300, 1000]:
        values = rng.random(n) * 10.0 ** rng.integers(-8, 9, n)
        out.append({"values": floats(values), "sum": float(np.sum(values)), "mean": float(np.mean(values))})
    return out


def main():
    reports, losses = metrics_reference()
    fixture = {
        "generator": "python/reference/scaler_metrics_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "scaler": scaler_reference(),
        "reports": reports,
        "log_loss": losses,
        "split": split_reference(),
        "numpy_sums": numpy_sums(),
    }
    path = os.path.join(ROOT, "Tests", "BrineTests", "Fixtures", "scaler_metrics_reference.json")
    with open(path, "w") as handle:
        json.dump(fixture, handle, indent=None, separators=(",", ":"))
        handle.write("\n")
    print("wrote", os.path.relpath(path, ROOT), os.path.getsize(path), "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
