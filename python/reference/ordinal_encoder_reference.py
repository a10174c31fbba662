#!/usr/bin/env python3
"""Reference values from scikit-learn for Brine's OrdinalEncoder.

Writes Tests/BrineTests/Fixtures/ordinal_encoder_reference.json. Run from the package root with the
project's virtual environment (`make csv-peer-deps` installs scikit-learn and pandas):

    .venv/bin/python python/reference/ordinal_encoder_reference.py

The inputs are written beside the outputs: text columns with missing cells (NaN in pandas) and,
at transform time, categories unseen at fit, some outside ASCII (code-point order). NaN is null.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.preprocessing import OrdinalEncoder

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "BrineTests", "Fixtures", "ordinal_encoder_reference.json")

COLUMNS = ["sex", "port", "cabin", "title"]
TRAIN = {
    "sex": ["male", "female", "female", "female", "male", "male", "male", None, "female", "female", "male", "female"],
    "port": ["S", "C", "S", "S", "S", "Q", "S", "S", "S", "C", None, "S"],
    "cabin": ["C85", None, "C123", None, "E46", None, "é9", "C103", None, "D56", "b12", "C23"],
    "title": ["Mr", "Mrs", "Miss", "Mrs", "Mr", "Mr", "Mr", "Master", "Mrs", "Mrs", "Master", "Miss"],
}
TEST = {
    "sex": ["female", None, "male", "male"],
    "port": ["Q", "S", "X", None],
    "cabin": ["C85", "B42", None, "ÉÀ"],
    "title": ["Dr", "Mr", "Miss", "Rev"],
}


def frame(columns):
    return pd.DataFrame({name: pd.Series([np.nan if v is None else v for v in columns[name]], dtype="object")
                         for name in COLUMNS})


def columns_of(array):
    array = np.asarray(array, dtype=np.float64)
    return [[None if math.isnan(v) else float(v) for v in array[:, j]] for j in range(array.shape[1])]


def main():
    x_train, x_test = frame(TRAIN), frame(TEST)
    cases = []
    for config in [dict(), dict(handle_unknown="use_encoded_value", unknown_value=-1),
                   dict(handle_unknown="use_encoded_value", unknown_value=np.nan),
                   dict(handle_unknown="use_encoded_value", unknown_value=99)]:
        encoder = OrdinalEncoder(**config).fit(x_train)
        unknown = config.get("unknown_value")
        cases.append({
            "handle_unknown": config.get("handle_unknown", "error"),
            "unknown_value": None if unknown is None or math.isnan(unknown) else float(unknown),
            "categories": [[v for v in c if isinstance(v, str)] for c in encoder.categories_],
            "feature_names_out": [str(n) for n in encoder.get_feature_names_out()],
            "train_output": columns_of(encoder.transform(x_train)),
            "test_output": columns_of(encoder.transform(x_test)) if "handle_unknown" in config else None,
        })
    reference = {"sklearn_version": sklearn.__version__, "pandas_version": pd.__version__,
                 "python_version": sys.version.split()[0], "columns": COLUMNS, "train": TRAIN, "test": TEST,
                 "cases": cases}
    with open(OUT, "w", encoding="utf-8") as handle:
        json.dump(reference, handle, indent=1, ensure_ascii=False, allow_nan=False)
        handle.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
