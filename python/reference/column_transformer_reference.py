#!/usr/bin/env python3
"""Reference values from scikit-learn for Brine's ColumnTransformer.

Writes Tests/BrineTests/Fixtures/column_transformer_reference.json. Run from the package root with the
project's virtual environment (`make python-test-deps` installs scikit-learn and pandas):

    .venv/bin/python python/reference/column_transformer_reference.py

The input is a mixed pandas DataFrame: float columns with NaN, text columns (object dtype) with missing
cells (NaN) and, in the test rows, categories unseen at fit. Each case is a ColumnTransformer written
as a small JSON spec that the Swift test rebuilds with Brine's types (entries: name, step, columns;
a step is "passthrough", "drop" or a transformer spec, a Pipeline spec listing named steps). Outputs
are recorded column by column: numbers (NaN as null) or text (missing as null), with
get_feature_names_out. OneHotEncoder runs with sparse_output=False and the ColumnTransformer with
sparse_threshold=0, so every output is dense, as Brine's.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "BrineTests", "Fixtures", "column_transformer_reference.json")

NUMERIC = ["age", "fare", "sibsp"]
TEXT = ["sex", "embarked", "deck"]
COLUMNS = ["age", "sex", "fare", "embarked", "sibsp", "deck"]
TRAIN = {
    "age": [22.0, 38.0, None, 35.0, 54.0, 2.0, 27.0, None, 14.0, 4.0, 58.0, 20.0, 39.0, None, 55.0, 31.0,
            0.83, 35.5, 28.0, 8.0],
    "sex": ["male", "female", "female", None, "male", "male", "female", "female", "female", "male", "female",
            "male", None, "male", "female", "male", "male", "female", "male", "female"],
    "fare": [7.25, 71.2833, 7.925, 53.1, 51.8625, 21.075, 11.1333, 30.0708, 16.7, 26.55, 8.05, 31.275,
             7.8542, 16.0, 29.125, 13.0, 18.0, 7.225, 26.0, 21.075],
    "embarked": ["S", "C", "S", "S", None, "S", "S", "C", "S", "S", "S", "Q", "S", "S", None, "Q", "S", "C",
                 "S", "S"],
    "sibsp": [1.0, 1.0, 0.0, 1.0, 0.0, 3.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0],
    "deck": [None, "C", None, "C", "E", None, "G", None, "G", "C", "C", None, None, "B", None, "E", "D", None,
             "A", "é"],
}
TEST = {
    "age": [None, 30.0, 61.5, 19.0, None],
    "sex": ["female", None, "male", "male", "female"],
    "fare": [8.6625, 263.0, 7.75, 0.0, 15.5],
    "embarked": ["Q", "X", None, "S", "C"],
    "sibsp": [0.0, 2.0, 8.0, 0.0, 1.0],
    "deck": ["Z", None, "C", "é", "F"],
}


def imputer(strategy, **extra):
    return dict(type="SimpleImputer", strategy=strategy, **extra)


def pipeline(*steps):
    return dict(type="Pipeline", steps=[dict(name=name, **step) for name, step in steps])


SCALER = dict(type="StandardScaler")
ONEHOT_IGNORE = dict(type="OneHotEncoder", handle_unknown="ignore")
NUMERIC_PIPE = pipeline(("impute", imputer("mean")), ("scale", SCALER))
TEXT_PIPE = pipeline(("impute", imputer("most_frequent")), ("onehot", ONEHOT_IGNORE))

# (case name, remainder, verbose_feature_names_out, entries)
CASES = [
    ("by_name", "drop", True, [
        ("num", NUMERIC_PIPE, {"names": ["age", "fare"]}),
        ("cat", TEXT_PIPE, {"names": ["sex", "embarked"]}),
    ]),
    ("by_kind", "drop", True, [
        ("num", NUMERIC_PIPE, {"kind": "numeric"}),
        ("cat", TEXT_PIPE, {"kind": "categorical"}),
    ]),
    ("remainder_passthrough", "passthrough", True, [
        ("num", pipeline(("impute", imputer("median", add_indicator=True)), ("scale", SCALER)), {"names": ["age"]}),
        ("cat", TEXT_PIPE, {"names": ["embarked"]}),
    ]),
    ("passthrough_and_drop_entries", "passthrough", True, [
        ("keep", "passthrough", {"names": ["deck", "fare"]}),
        ("gone", "drop", {"names": ["sex"]}),
        ("scale", SCALER, {"names": ["fare", "sibsp"]}),
    ]),
    ("ordinal", "drop", True, [
        ("codes", pipeline(("impute", imputer("constant", fill_value="missing")),
                           ("ordinal", dict(type="OrdinalEncoder", handle_unknown="use_encoded_value", unknown_value=-1))),
         {"kind": "categorical"}),
        ("num", imputer("median"), {"kind": "numeric"}),
    ]),
    ("nested_pipeline_and_empty_selection", "drop", True, [
        ("num", pipeline(("inner", NUMERIC_PIPE)), {"names": ["age", "sibsp"]}),
        ("nothing", SCALER, {"names": []}),
        ("cat", pipeline(("impute", imputer("constant", fill_value="none")), ("onehot", dict(type="OneHotEncoder", handle_unknown="ignore", drop="if_binary"))),
         {"names": ["sex", "deck"]}),
    ]),
    ("not_verbose", "passthrough", False, [
        ("scale", SCALER, {"names": ["fare"]}),
        ("keep", "passthrough", {"names": ["sex"]}),
    ]),
]


def build(spec):
    kind = spec["type"]
    if kind == "Pipeline":
        return Pipeline([(step["name"], build(step)) for step in spec["steps"]])
    if kind == "SimpleImputer":
        options = {"strategy": spec["strategy"], "add_indicator": spec.get("add_indicator", False)}
        if "fill_value" in spec:
            options["fill_value"] = spec["fill_value"]
        return SimpleImputer(**options)
    if kind == "StandardScaler":
        return StandardScaler()
    if kind == "OneHotEncoder":
        return OneHotEncoder(handle_unknown=spec.get("handle_unknown", "error"), drop=spec.get("drop"), sparse_output=False)
    if kind == "OrdinalEncoder":
        return OrdinalEncoder(handle_unknown=spec["handle_unknown"], unknown_value=spec["unknown_value"])
    raise ValueError(kind)


def selector(columns):
    if "names" in columns:
        return list(columns["names"])
    return make_column_selector(dtype_include=np.number if columns["kind"] == "numeric" else object)


def frame(columns):
    data = {}
    for name in COLUMNS:
        if name in NUMERIC:
            data[name] = pd.Series([np.nan if v is None else v for v in columns[name]], dtype="float64")
        else:
            data[name] = pd.Series([np.nan if v is None else v for v in columns[name]], dtype="object")
    return pd.DataFrame(data)


def cell(value):
    if isinstance(value, str):
        return value
    value = float(value)
    return None if math.isnan(value) else value


def columns_of(array):
    array = np.asarray(array, dtype=object)
    out = []
    for j in range(array.shape[1]):
        values = [cell(v) for v in array[:, j]]
        text = any(isinstance(v, str) for v in values)
        out.append({"kind": "categorical" if text else "numeric", "values": values})
    return out


def main():
    x_train, x_test = frame(TRAIN), frame(TEST)
    cases = []
    for name, remainder, verbose, entries in CASES:
        transformer = ColumnTransformer(
            [(entry, step if isinstance(step, str) else build(step), selector(columns)) for entry, step, columns in entries],
            remainder=remainder, verbose_feature_names_out=verbose, sparse_threshold=0)
        train_output = transformer.fit_transform(x_train)
        cases.append({
            "name": name, "remainder": remainder, "verbose_feature_names_out": verbose,
            "entries": [{"name": entry, "step": step, "columns": columns} for entry, step, columns in entries],
            "feature_names_out": [str(n) for n in transformer.get_feature_names_out()],
            "train_output": columns_of(train_output),
            "test_output": columns_of(transformer.transform(x_test)),
        })
    reference = {"sklearn_version": sklearn.__version__, "pandas_version": pd.__version__,
                 "numpy_version": np.__version__, "python_version": sys.version.split()[0],
                 "columns": COLUMNS, "numeric": NUMERIC, "train": TRAIN, "test": TEST, "cases": cases}
    with open(OUT, "w", encoding="utf-8") as handle:
        json.dump(reference, handle, indent=1, ensure_ascii=False, allow_nan=False)
        handle.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
