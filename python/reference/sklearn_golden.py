"""Golden files dumped by scikit-learn through brine.dump, with scikit-learn's own outputs.

Writes Tests/BrineTests/Fixtures/sklearn/<name>.brine[.gz] and <name>.expected.json (scikit-learn's
predictions and probabilities, or transformed values, on the bundled dataset's fixed test split, and
the scikit-learn / numpy versions). The Swift suite (ScikitLearnGoldenTests) loads each file and
compares; the pytest suite checks brine.load reproduces them under the scikit-learn it runs.

Run: .venv/bin/python python/reference/sklearn_golden.py
"""

import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import brine  # noqa: E402

DATASETS = os.path.join(REPO, "Sources", "Brine", "Resources", "Datasets")
OUT = os.path.join(REPO, "Tests", "BrineTests", "Fixtures", "sklearn")


def split(name):
    frame = pd.read_csv(os.path.join(DATASETS, name + ".csv"))
    with open(os.path.join(DATASETS, name + ".split.json")) as handle:
        indices = json.load(handle)
    x, y = frame.drop(columns=["target"]), frame["target"].to_numpy()
    return x.iloc[indices["train"]], y[indices["train"]], x.iloc[indices["test"]], y[indices["test"]]


def target_names(name):
    with open(os.path.join(DATASETS, name + ".meta.json")) as handle:
        meta = json.load(handle)
    return meta.get("target_names")


CASES = [
    ("sklearn_scaler_wine", "wine", lambda: StandardScaler(), False, ""),
    ("sklearn_logreg_iris_string", "iris", lambda: LogisticRegression(max_iter=1000), True, ""),
    ("sklearn_pipeline_newton_breast_cancer", "breast_cancer",
     lambda: Pipeline([("scaler", StandardScaler()), ("logreg", LogisticRegression(solver="newton-cholesky"))]),
     False, ".gz"),
    ("sklearn_pipeline_nested_wine", "wine",
     lambda: Pipeline([("outer", StandardScaler(with_std=False)),
                       ("model", Pipeline([("scaler", StandardScaler()), ("logreg", LogisticRegression(C=0.5))]))]),
     False, ""),
    ("sklearn_forest_breast_cancer", "breast_cancer",
     lambda: RandomForestClassifier(n_estimators=8, max_depth=7, random_state=3), False, ""),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, dataset, make, string_labels, suffix in CASES:
        x_train, y_train, x_test, _ = split(dataset)
        if string_labels:
            names = np.array(target_names(dataset), dtype=object)
            y_train = names[y_train]
        model = make().fit(x_train, y_train)
        path = os.path.join(OUT, name + ".brine" + suffix)
        brine.dump(model, path, metadata={"golden": name}, overwrite=True)
        expected = {"sklearnVersion": sklearn.__version__, "numpyVersion": np.__version__, "dataset": dataset,
                    "split": "test"}
        if hasattr(model, "predict_proba"):
            expected["classes"] = [c if isinstance(c, str) else int(c) for c in model.classes_.tolist()]
            expected["predictions"] = [c if isinstance(c, str) else int(c) for c in model.predict(x_test).tolist()]
            expected["probabilities"] = model.predict_proba(x_test).tolist()
        else:
            expected["transformed"] = model.transform(x_test).tolist()
        with open(os.path.join(OUT, name + ".expected.json"), "w") as handle:
            json.dump(expected, handle, indent=1)
            handle.write("\n")
        print("wrote", path)


if __name__ == "__main__":
    main()
