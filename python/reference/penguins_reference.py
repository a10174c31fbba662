#!/usr/bin/env python3
"""scikit-learn's accuracy on the Palmer penguins, for `brine train` on a raw CSV (issue 9).

Reads Tests/BrineTests/Fixtures/penguins/penguins.csv (the palmerpenguins package's file: 344
rows, target `species`, text columns `island` and `sex`, `NA` cells) and writes
Tests/BrineTests/Fixtures/penguins/penguins_reference.json. Run from the package root with the
project venv (`make peer-deps` installs scikit-learn there):

    .venv/bin/python python/reference/penguins_reference.py

The split is scikit-learn's `train_test_split` (test_size 0.25, stratified on species,
random_state 42); its row indices (0-based data rows, header not counted) are written into the
fixture so that the Swift test holds out exactly the same rows. On the training rows it fits, as
a scikit-learn user would on this file:

- forest: ColumnTransformer(numeric: SimpleImputer(mean); categorical: SimpleImputer(most_frequent)
  + OneHotEncoder(handle_unknown="ignore")) + RandomForestClassifier(100 trees), once per
  random_state 0..9; the accuracies on the held-out rows and their mean are recorded (a forest's
  accuracy moves with its seed; the Swift test compares with the mean);
- logreg: the same with a StandardScaler after the numeric imputer, + LogisticRegression(C=1,
  max_iter=1000): deterministic, one accuracy.

Re-running it with the same versions rewrites the same file.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FOLDER = os.path.join(ROOT, "Tests", "BrineTests", "Fixtures", "penguins")
CSV = os.path.join(FOLDER, "penguins.csv")
OUT = os.path.join(FOLDER, "penguins_reference.json")

TARGET = "species"
TEST_SIZE = 0.25
SPLIT_SEED = 42
FOREST_SEEDS = list(range(10))


def preprocessing(numeric, categorical, scale):
    numeric_steps = [("impute", SimpleImputer(strategy="mean"))]
    if scale:
        numeric_steps.append(("scale", StandardScaler()))
    return ColumnTransformer([
        ("num", Pipeline(numeric_steps), numeric),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                          ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical),
    ], remainder="drop")


def main():
    frame = pd.read_csv(CSV)
    y = frame[TARGET].astype(str).to_numpy()
    x = frame.drop(columns=[TARGET])
    numeric = [c for c in x.columns if pd.api.types.is_numeric_dtype(x[c])]
    categorical = [c for c in x.columns if c not in numeric]
    rows = np.arange(len(frame))
    train, test = train_test_split(rows, test_size=TEST_SIZE, random_state=SPLIT_SEED, stratify=y)
    train, test = sorted(int(i) for i in train), sorted(int(i) for i in test)

    forest_accuracies = []
    for seed in FOREST_SEEDS:
        model = Pipeline([("preprocess", preprocessing(numeric, categorical, scale=False)),
                          ("forest", RandomForestClassifier(n_estimators=100, random_state=seed))])
        model.fit(x.iloc[train], y[train])
        forest_accuracies.append(float(np.mean(model.predict(x.iloc[test]) == y[test])))

    logistic = Pipeline([("preprocess", preprocessing(numeric, categorical, scale=True)),
                         ("logreg", LogisticRegression(C=1.0, max_iter=1000))])
    logistic.fit(x.iloc[train], y[train])
    logistic_accuracy = float(np.mean(logistic.predict(x.iloc[test]) == y[test]))
    names = [str(n) for n in logistic.named_steps["preprocess"].get_feature_names_out()]

    reference = {
        "sklearn_version": sklearn.__version__, "pandas_version": pd.__version__,
        "python_version": sys.version.split()[0],
        "file": "penguins.csv", "rows": int(len(frame)), "target": TARGET,
        "numeric_columns": numeric, "categorical_columns": categorical,
        "preprocessed_feature_names": names,
        "split": {"function": "sklearn.model_selection.train_test_split", "test_size": TEST_SIZE,
                  "random_state": SPLIT_SEED, "stratify": TARGET,
                  "train_rows": train, "test_rows": test},
        "forest": {"n_estimators": 100, "random_states": FOREST_SEEDS, "test_accuracies": forest_accuracies,
                   "mean_test_accuracy": float(np.mean(forest_accuracies))},
        "logreg": {"C": 1.0, "max_iter": 1000, "test_accuracy": logistic_accuracy},
    }
    with open(OUT, "w", encoding="utf-8") as handle:
        json.dump(reference, handle, indent=1, allow_nan=False)
        handle.write("\n")
    print(f"wrote {OUT}: forest mean accuracy {reference['forest']['mean_test_accuracy']:.4f} "
          f"(min {min(forest_accuracies):.4f}, max {max(forest_accuracies):.4f}), logreg {logistic_accuracy:.4f}")


if __name__ == "__main__":
    main()
