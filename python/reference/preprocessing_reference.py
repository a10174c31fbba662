#!/usr/bin/env python3
"""Reference values from scikit-learn for Brine's preprocessing transformers (SimpleImputer, ...).

Writes Tests/BrineTests/Fixtures/preprocessing_reference.json. Run from the package root with
the project venv (`make peer-deps` installs scikit-learn there):

    .venv/bin/python python/reference/preprocessing_reference.py

The inputs are generated from a fixed seed (a penguins-like table: numeric columns with NaN, one
numeric column with no observed value, text columns with missing cells, and test rows holding
categories unseen at fit). They are given to scikit-learn as pandas DataFrames, as a user would,
so numeric column sums run in numpy's pairwise order (Brine's Table matches that). Re-running it
with the same versions rewrites the same file.
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "BrineTests", "Fixtures", "preprocessing_reference.json")


def make_tables():
    rng = np.random.default_rng(20261202)
    n_train, n_test = 40, 12

    def numeric(n, scale, missing):
        values = np.round(rng.normal(40.0, scale, n), 3)
        values[rng.random(n) < missing] = np.nan
        return values

    def text(n, choices, missing, weights=None):
        values = rng.choice(choices, size=n, p=weights).astype(object)
        values[rng.random(n) < missing] = np.nan
        return pd.Series(values, dtype=object)  # object, not pandas 3's string dtype: what sklearn sees as text

    def table(n, islands):
        return pd.DataFrame({
            "bill_length_mm": numeric(n, 5.0, 0.15),
            "body_mass_g": numeric(n, 800.0, 0.1) * 100.0,
            "flipper_mm": numeric(n, 1e-3, 0.0) + 0.1,
            "empty": np.full(n, np.nan),
            "island": text(n, islands, 0.15),
            "sex": text(n, ["male", "female"], 0.2),
            "species": text(n, ["Adelie", "Gentoo", "Chinstrap"], 0.0, [0.6, 0.3, 0.1]),
            "tagged": text(n, ["yes", "no"], 0.0),
        })

    train = table(n_train, ["Torgersen", "Biscoe", "Dream"])
    test = table(n_test, ["Torgersen", "Biscoe", "Dream", "Atlantis"])
    return train, test


NUMERIC = ["bill_length_mm", "body_mass_g", "flipper_mm", "empty"]
CATEGORICAL = ["island", "sex", "species", "tagged"]


def column_json(frame):
    columns = []
    for name in frame.columns:
        series = frame[name]
        if name in CATEGORICAL:
            columns.append({"name": name, "kind": "categorical",
                            "values": [None if (isinstance(v, float) and np.isnan(v)) else str(v) for v in series]})
        else:
            columns.append({"name": name, "kind": "numeric",
                            "values": [None if np.isnan(v) else float(v) for v in series.astype(float)]})
    return columns


def output_json(array, names):
    """An output array as named columns: numbers (null for NaN) or strings."""
    columns = []
    for j, name in enumerate(names):
        column = array[:, j]
        if all(isinstance(v, str) for v in column):
            columns.append({"name": str(name), "kind": "categorical", "values": [str(v) for v in column]})
        else:
            columns.append({"name": str(name), "kind": "numeric",
                            "values": [None if np.isnan(float(v)) else float(v) for v in column]})
    return columns


def imputer_cases(train, test):
    cases = []
    for columns in [NUMERIC, ["bill_length_mm"], CATEGORICAL]:
        numeric = columns[0] in NUMERIC
        strategies = ["mean", "median", "most_frequent", "constant"] if numeric else ["most_frequent", "constant"]
        for strategy in strategies:
            for add_indicator in [False, True]:
                imputer = SimpleImputer(strategy=strategy, add_indicator=add_indicator)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # "Skipping features without any observed values"
                    imputer.fit(train[columns])
                    names = list(imputer.get_feature_names_out())
                    cases.append({
                        "columns": columns, "strategy": strategy, "add_indicator": add_indicator,
                        "statistics": [None if (isinstance(v, float) and np.isnan(v)) else (v if isinstance(v, str) else float(v))
                                       for v in imputer.statistics_],
                        "feature_names": names,
                        "train_output": output_json(imputer.transform(train[columns]), names),
                        "test_output": output_json(imputer.transform(test[columns]), names),
                    })
    return cases


def nan_to_none(value):
    return None if (isinstance(value, float) and np.isnan(value)) else str(value)


def one_hot_cases(train, test):
    cases = []
    options = [
        {},
        {"handle_unknown": "ignore"},
        {"handle_unknown": "ignore", "drop": "first"},
        {"handle_unknown": "ignore", "drop": "if_binary"},
        {"handle_unknown": "ignore", "min_frequency": 5},
        {"handle_unknown": "ignore", "min_frequency": 0.2},
        {"handle_unknown": "ignore", "max_categories": 2},
        {"handle_unknown": "ignore", "min_frequency": 3, "max_categories": 3, "drop": "if_binary"},
        {"drop": "if_binary", "max_categories": 2},
    ]
    for option in options:
        encoder = OneHotEncoder(sparse_output=False, **option)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown categories encoded as zeros with drop
            encoder.fit(train[CATEGORICAL])
            names = list(encoder.get_feature_names_out())
            case = {
                "options": option, "feature_names": names,
                "categories": [[nan_to_none(v) for v in c] for c in encoder.categories_],
                "infrequent_categories": [None if c is None else [nan_to_none(v) for v in c]
                                          for c in getattr(encoder, "infrequent_categories_", [None] * len(CATEGORICAL))],
                "drop_idx": None if encoder.drop_idx_ is None else [None if v is None else int(v) for v in encoder.drop_idx_],
                "train_output": output_json(encoder.transform(train[CATEGORICAL]), names),
            }
            try:
                case["test_output"] = output_json(encoder.transform(test[CATEGORICAL]), names)
            except ValueError as error:
                case["test_error"] = str(error)
        cases.append(case)
    return cases


def main():
    train, test = make_tables()
    reference = {
        "sklearn_version": sklearn.__version__, "numpy_version": np.__version__, "pandas_version": pd.__version__,
        "train": column_json(train), "test": column_json(test),
        "simple_imputer": imputer_cases(train, test),
        "one_hot_encoder": one_hot_cases(train, test),
    }
    with open(OUT, "w") as handle:
        json.dump(reference, handle, indent=1)
        handle.write("\n")
    print(f"wrote {OUT} (scikit-learn {sklearn.__version__})")


if __name__ == "__main__":
    main()
