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
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

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


# Table transformers, fitted on the preprocessing reference table (Tests/BrineTests/Fixtures/
# preprocessing_reference.json: numeric columns with NaN and an all-NaN column, text columns with
# missing cells, test rows with the unseen category "Atlantis").
NUMERIC = ["bill_length_mm", "body_mass_g", "flipper_mm", "empty"]
TEXT = ["island", "sex", "species", "tagged"]
TABLE_CASES = [
    ("sklearn_imputer_median_penguins", NUMERIC, lambda: SimpleImputer(strategy="median", add_indicator=True)),
    ("sklearn_imputer_most_frequent_penguins", NUMERIC + TEXT,
     lambda: SimpleImputer(strategy="most_frequent", add_indicator=True)),
    ("sklearn_onehot_penguins", TEXT,
     lambda: OneHotEncoder(sparse_output=False, handle_unknown="ignore", min_frequency=4, drop="if_binary")),
    ("sklearn_ordinal_penguins", TEXT,
     lambda: OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)),
    ("sklearn_column_transformer_penguins", NUMERIC + TEXT,
     lambda: ColumnTransformer([
         ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), NUMERIC[:3]),
         ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                           ("encode", OneHotEncoder(sparse_output=False, handle_unknown="ignore"))]), ["island", "sex"]),
         ("codes", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1), ["species"]),
         ("flag", "passthrough", ["flipper_mm"])])),
    ("sklearn_pipeline_impute_onehot_penguins", TEXT,
     lambda: Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="unknown")),
                       ("encode", OneHotEncoder(sparse_output=False, handle_unknown="ignore"))])),
]


def reference_tables():
    with open(os.path.join(REPO, "Tests", "BrineTests", "Fixtures", "preprocessing_reference.json")) as handle:
        reference = json.load(handle)

    def frame(columns):
        data = {}
        for column in columns:
            if column["kind"] == "numeric":
                data[column["name"]] = np.array([np.nan if v is None else v for v in column["values"]], dtype=float)
            else:
                data[column["name"]] = pd.Series([np.nan if v is None else v for v in column["values"]], dtype=object)
        return pd.DataFrame(data)
    return frame(reference["train"]), frame(reference["test"])


def output_columns(array, names):
    """Transformed rows as named columns: numbers (null for NaN) or strings (null for missing)."""
    columns = []
    for j, name in enumerate(names):
        values = array[:, j].tolist()
        if any(isinstance(v, str) for v in values):
            columns.append({"name": str(name), "kind": "categorical",
                            "values": [v if isinstance(v, str) else None for v in values]})
        else:
            columns.append({"name": str(name), "kind": "numeric",
                            "values": [None if np.isnan(float(v)) else float(v) for v in values]})
    return columns


def main():
    os.makedirs(OUT, exist_ok=True)
    train, test = reference_tables()
    for name, columns, make in TABLE_CASES:
        model = make().fit(train[columns])
        path = os.path.join(OUT, name + ".brine")
        brine.dump(model, path, metadata={"golden": name}, overwrite=True)
        expected = {"sklearnVersion": sklearn.__version__, "numpyVersion": np.__version__,
                    "dataset": "preprocessing_reference", "split": "test", "columns": columns,
                    "test_output": output_columns(np.asarray(model.transform(test[columns]), dtype=object),
                                                  model.get_feature_names_out())}
        with open(os.path.join(OUT, name + ".expected.json"), "w") as handle:
            json.dump(expected, handle, indent=1)
            handle.write("\n")
        print("wrote", path)
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
