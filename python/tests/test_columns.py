"""ColumnTransformer: reader, dump/load round trips (nested pipelines inside), refusals, hostile files."""

import os
import warnings

import numpy as np
import pytest
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, OrdinalEncoder, StandardScaler

import brine
from conftest import rewrite
from test_tables import TEST, TEXT, TRAIN, same_cells

NUMBERS = ["bill_length_mm", "body_mass_g", "flipper_mm"]
COLUMNS = NUMBERS + ["empty"] + TEXT


def numeric_then_text():
    return ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), NUMBERS),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                          ("encode", OneHotEncoder(sparse_output=False, handle_unknown="ignore"))]), ["island", "sex"])])


CASES = [
    ("pipelines_inside", numeric_then_text),
    ("passthrough_drop_remainder", lambda: ColumnTransformer(
        [("codes", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1), ["species", "tagged"]),
         ("keep", "passthrough", ["flipper_mm"]), ("gone", "drop", ["empty", "island", "sex"])],
        remainder="passthrough", sparse_threshold=0)),
    ("selector_unprefixed_names", lambda: ColumnTransformer(
        [("n", SimpleImputer(strategy="median"), make_column_selector(dtype_include=np.number)),
         ("t", OneHotEncoder(sparse_output=False, handle_unknown="ignore"), ["species", "tagged"])],
        verbose_feature_names_out=False)),
    ("nested_column_transformer", lambda: ColumnTransformer(
        [("inner", numeric_then_text(), NUMBERS + ["island", "sex"]),
         ("codes", OrdinalEncoder(), ["tagged"])])),
]


def quiet(function, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args)


@pytest.mark.parametrize("name,make", CASES, ids=[c[0] for c in CASES])
def test_round_trip(tmp, name, make):
    model = quiet(make().fit, TRAIN[COLUMNS])
    expected = quiet(model.transform, TEST[COLUMNS])
    path = tmp / (name + ".brine")
    brine.dump(model, path)
    same_cells(brine.read(path).transform(TEST[COLUMNS]), expected)
    loaded = brine.load(path)
    assert type(loaded) is ColumnTransformer
    same_cells(quiet(loaded.transform, TEST[COLUMNS]), expected)
    assert list(loaded.get_feature_names_out()) == list(model.get_feature_names_out())
    assert [entry[0] for entry in loaded.transformers] == [entry[0] for entry in model.transformers]
    brine.dump(loaded, tmp / "again.brine")
    first, second = brine.inspect(path), brine.inspect(tmp / "again.brine")
    assert first["model"] == second["model"] and first["checksums"] == second["checksums"]
    same_cells(brine.read(path).transform(TEST[list(reversed(COLUMNS))]), expected)  # by name


def test_classifier_pipeline_on_a_raw_table(tmp):
    columns = NUMBERS + TEXT[:2]
    model = Pipeline([("prepare", numeric_then_text()), ("forest", RandomForestClassifier(n_estimators=5, random_state=0))])
    model = quiet(model.fit, TRAIN[columns], TRAIN["species"])
    brine.dump(model, tmp / "c.brine")
    np.testing.assert_array_equal(brine.read(tmp / "c.brine").predict_proba(TEST[columns]), model.predict_proba(TEST[columns]))
    loaded = brine.load(tmp / "c.brine")
    np.testing.assert_array_equal(loaded.predict_proba(TEST[columns]), model.predict_proba(TEST[columns]))
    assert brine.read(tmp / "c.brine").predict(TEST[columns]) == model.predict(TEST[columns]).tolist()


def test_logistic_pipeline_on_unnamed_columns(tmp):
    x_train = TRAIN[NUMBERS].to_numpy()
    model = Pipeline([("prepare", ColumnTransformer([("num", SimpleImputer(), [0, 1]), ("keep", "passthrough", [2])])),
                      ("scale", StandardScaler()), ("logreg", LogisticRegression())])
    model = quiet(model.fit, x_train, TRAIN["tagged"])
    brine.dump(model, tmp / "u.brine")
    x_test = np.nan_to_num(TEST[NUMBERS].to_numpy())
    np.testing.assert_array_equal(brine.load(tmp / "u.brine").predict_proba(x_test), model.predict_proba(x_test))
    np.testing.assert_allclose(brine.read(tmp / "u.brine").predict_proba(x_test), model.predict_proba(x_test),
                               rtol=0, atol=1e-12)


def test_text_passed_through_is_recorded_as_numeric_and_refused_by_brine(tmp):
    model = quiet(ColumnTransformer([("codes", OrdinalEncoder(), ["tagged"])], remainder="passthrough").fit,
                  TRAIN[["tagged", "island"]])
    brine.dump(model, tmp / "t.brine")
    with pytest.raises(ValueError, match="column 1 is numeric, row 0 holds 'Torgersen'"):
        brine.read(tmp / "t.brine").transform(TEST[["tagged", "island"]])


@pytest.mark.parametrize("make,error,match", [
    (lambda: ColumnTransformer([("f", FunctionTransformer(), ["flipper_mm"])]), TypeError, "FunctionTransformer"),
    (lambda: ColumnTransformer([("o", OrdinalEncoder(), ["island"])], remainder=StandardScaler()), ValueError,
     "remainder=StandardScaler"),
    (lambda: ColumnTransformer([("s", StandardScaler(), ["flipper_mm"])], transformer_weights={"s": 2.0}), ValueError,
     "transformer_weights"),
    (lambda: ColumnTransformer([("o", OneHotEncoder(), ["island"])]), ValueError, "sparse"),
])
def test_unsupported_column_transformers_are_refused(tmp, make, error, match):
    model = quiet(make().fit, TRAIN[["flipper_mm", "island", "body_mass_g"]])
    with pytest.raises(error, match=match):
        brine.dump(model, tmp / "r.brine")


@pytest.mark.parametrize("change,match", [
    (lambda m: m["model"]["hyperparameters"].__setitem__("remainder", "keep"), "remainder must be drop or passthrough"),
    (lambda m: m["model"]["attributes"]["entryColumns"][0].append("nope"), "outside the input or twice"),
    (lambda m: m["model"]["attributes"]["columnKinds"].pop(), "one kind per input column"),
    (lambda m: m["model"]["hyperparameters"]["entries"][1].__setitem__("name", "num"), "invalid or repeated"),
    (lambda m: m["model"]["attributes"]["remainderColumns"].append("empty"), "remainderColumns"),
])
def test_hostile_column_transformer_files_are_refused(tmp, change, match):
    model = quiet(numeric_then_text().fit, TRAIN[COLUMNS])
    brine.dump(model, tmp / "good.brine")
    bad = rewrite(tmp / "good.brine", tmp / "bad.brine", change_manifest=change)
    with pytest.raises(brine.BrineFormatError, match=match):
        brine.read(bad)
