"""SimpleImputer, OneHotEncoder, OrdinalEncoder: reader, dump/load round trips, golden files, refusals."""

import json
import os
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

import brine
from conftest import REPO, rewrite

SKLEARN_GOLDEN = os.path.join(REPO, "Tests", "BrineTests", "Fixtures", "sklearn")
REFERENCE = os.path.join(REPO, "Tests", "BrineTests", "Fixtures", "preprocessing_reference.json")
NUMERIC = ["bill_length_mm", "body_mass_g", "flipper_mm", "empty"]
TEXT = ["island", "sex", "species", "tagged"]


def frame(columns):
    data = {}
    for column in columns:
        values = [np.nan if v is None else v for v in column["values"]]
        data[column["name"]] = (np.array(values, dtype=float) if column["kind"] == "numeric"
                                else pd.Series(values, dtype=object))
    return pd.DataFrame(data)


with open(REFERENCE) as _handle:
    _reference = json.load(_handle)
TRAIN, TEST = frame(_reference["train"]), frame(_reference["test"])


def same_cells(a, b):
    """Every cell equal: numbers bit for bit (NaN = NaN), strings exactly."""
    a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
    assert a.shape == b.shape
    for i, (x, y) in enumerate(zip(a.ravel(), b.ravel())):
        if isinstance(x, str) or isinstance(y, str):
            assert x == y, "cell %d: %r != %r" % (i, x, y)
        else:
            assert np.float64(x).tobytes() == np.float64(y).tobytes() or (np.isnan(x) and np.isnan(y)), \
                "cell %d: %r != %r" % (i, x, y)


CASES = [
    ("imputer_mean", NUMERIC, lambda: SimpleImputer()),
    ("imputer_median_indicator", NUMERIC, lambda: SimpleImputer(strategy="median", add_indicator=True)),
    ("imputer_constant_number", NUMERIC, lambda: SimpleImputer(strategy="constant", fill_value=-1.5)),
    ("imputer_most_frequent_mixed", NUMERIC + TEXT, lambda: SimpleImputer(strategy="most_frequent", add_indicator=True)),
    ("imputer_constant_text", TEXT, lambda: SimpleImputer(strategy="constant", add_indicator=True)),
    ("ordinal", TEXT, lambda: OrdinalEncoder()),
    ("ordinal_unknown_code", TEXT, lambda: OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)),
    ("ordinal_unknown_nan", TEXT, lambda: OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan)),
    ("onehot", TEXT, lambda: OneHotEncoder(sparse_output=False)),
    ("onehot_ignore_first", TEXT, lambda: OneHotEncoder(sparse_output=False, handle_unknown="ignore", drop="first")),
    ("onehot_if_binary", TEXT, lambda: OneHotEncoder(sparse_output=False, handle_unknown="ignore", drop="if_binary")),
    ("onehot_min_frequency", TEXT, lambda: OneHotEncoder(sparse_output=False, handle_unknown="ignore", min_frequency=5)),
    ("onehot_max_categories", TEXT, lambda: OneHotEncoder(sparse_output=False, handle_unknown="ignore", max_categories=2)),
    ("onehot_fraction_first", TEXT,
     lambda: OneHotEncoder(sparse_output=False, handle_unknown="ignore", min_frequency=0.2, drop="first")),
    ("pipeline_impute_encode_scale", TEXT,
     lambda: Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                       ("encode", OneHotEncoder(sparse_output=False, handle_unknown="ignore")),
                       ("scale", StandardScaler())])),
]


def quiet(function, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args)


@pytest.mark.parametrize("name,columns,make", CASES, ids=[c[0] for c in CASES])
def test_round_trip(tmp, name, columns, make):
    model = quiet(make().fit, TRAIN[columns])
    rows = TEST[columns]
    try:
        expected = quiet(model.transform, rows)
    except ValueError:  # handle_unknown="error" and the unseen "Atlantis": compare on the training rows
        brine.dump(model, tmp / "e.brine")
        with pytest.raises(ValueError, match="unknown category 'Atlantis'"):
            brine.read(tmp / "e.brine").transform(rows)
        rows = TRAIN[columns]
        expected = quiet(model.transform, rows)
    path = tmp / (name + ".brine")
    brine.dump(model, path, overwrite=True)
    same_cells(brine.read(path).transform(rows), expected)
    loaded = brine.load(path)
    assert type(loaded) is type(model)
    same_cells(quiet(loaded.transform, rows), expected)
    assert list(loaded.get_feature_names_out()) == list(model.get_feature_names_out())
    assert loaded.get_params() .keys() == model.get_params().keys()
    brine.dump(loaded, tmp / "again.brine")
    first, second = brine.inspect(path), brine.inspect(tmp / "again.brine")
    assert first["model"] == second["model"] and first["checksums"] == second["checksums"]
    # Columns are matched by name: a reordered DataFrame gives the same output.
    same_cells(brine.read(path).transform(rows[list(reversed(columns))]), expected)


def test_first_category_infrequent_with_drop_first(tmp):
    x = np.array([["a"], ["b"], ["b"], ["b"], ["c"], ["c"], ["c"]], dtype=object)
    model = OneHotEncoder(sparse_output=False, min_frequency=2, drop="first").fit(x)
    brine.dump(model, tmp / "d.brine")
    same_cells(brine.read(tmp / "d.brine").transform(x), model.transform(x))
    same_cells(brine.load(tmp / "d.brine").transform(x), model.transform(x))


TABLE_GOLDEN = sorted(f for f in os.listdir(SKLEARN_GOLDEN) if f.endswith(".brine") and "penguins" in f)


@pytest.mark.parametrize("file_name", TABLE_GOLDEN)
def test_table_golden_files_reproduce_scikit_learn(file_name):
    with open(os.path.join(SKLEARN_GOLDEN, file_name.replace(".brine", ".expected.json"))) as handle:
        expected = json.load(handle)
    rows = TEST[expected["columns"]]
    want = np.empty((len(rows), len(expected["test_output"])), dtype=object)
    for j, column in enumerate(expected["test_output"]):
        want[:, j] = [(np.nan if v is None else v) for v in column["values"]]
    same_cells(brine.read(os.path.join(SKLEARN_GOLDEN, file_name)).transform(rows), want)
    loaded = brine.load(os.path.join(SKLEARN_GOLDEN, file_name))
    same_cells(quiet(loaded.transform, rows), want)
    assert list(loaded.get_feature_names_out()) == [c["name"] for c in expected["test_output"]]


@pytest.mark.parametrize("make,error,match", [
    (lambda: OneHotEncoder(), ValueError, "OneHotEncoder\\(sparse_output=True\\)"),
    (lambda: OneHotEncoder(sparse_output=False, handle_unknown="infrequent_if_exist"), ValueError,
     "handle_unknown='infrequent_if_exist'"),
    (lambda: OneHotEncoder(sparse_output=False, categories=[["Adelie", "Chinstrap", "Gentoo"]]), ValueError,
     "OneHotEncoder\\(categories="),
    (lambda: OneHotEncoder(sparse_output=False, dtype=np.float32), ValueError, "OneHotEncoder\\(dtype="),
    (lambda: OrdinalEncoder(encoded_missing_value=-1), ValueError, "encoded_missing_value=-1"),
    (lambda: OrdinalEncoder(min_frequency=3), ValueError, "OrdinalEncoder\\(min_frequency=3\\)"),
    (lambda: SimpleImputer(strategy="most_frequent", keep_empty_features=True), ValueError, "keep_empty_features=True"),
    (lambda: SimpleImputer(missing_values=-1, strategy="most_frequent"), ValueError, "missing_values=-1"),
])
def test_unsupported_options_are_refused(tmp, make, error, match):
    model = quiet(make().fit, TRAIN[["species"]])
    with pytest.raises(error, match=match):
        brine.dump(model, tmp / "refused.brine")
    assert not (tmp / "refused.brine").exists()


def test_numeric_categories_and_mixed_constant_fill_are_refused(tmp):
    numbers = pd.DataFrame({"code": [1.0, 2.0, 2.0]})
    with pytest.raises(ValueError, match="OneHotEncoder column 0 has categories .* text columns only"):
        brine.dump(OneHotEncoder(sparse_output=False).fit(numbers), tmp / "n.brine")
    with pytest.raises(ValueError, match="OrdinalEncoder column 0 has categories"):
        brine.dump(OrdinalEncoder().fit(numbers), tmp / "n.brine")
    # A text constant fills every column with text in scikit-learn; its statistics cannot tell which
    # columns were numeric, so Brine stores text columns and refuses numbers there (never fills them).
    mixed = TRAIN[["bill_length_mm", "island"]]
    imputer = quiet(SimpleImputer(strategy="constant", fill_value="none").fit, mixed)
    brine.dump(imputer, tmp / "m.brine")
    assert brine.inspect(tmp / "m.brine")["model"]["attributes"]["columnKinds"] == ["categorical", "categorical"]
    with pytest.raises(ValueError, match="column 0 is categorical \\(text\\), row 0 holds 36.965"):
        brine.read(tmp / "m.brine").transform(TEST[["bill_length_mm", "island"]])


def test_text_in_a_numeric_column_and_numbers_in_a_text_column_are_errors(tmp):
    model = quiet(SimpleImputer(strategy="most_frequent").fit, TRAIN[["bill_length_mm", "island"]])
    brine.dump(model, tmp / "i.brine")
    reader = brine.read(tmp / "i.brine")
    with pytest.raises(ValueError, match="column 0 is numeric, row 0 holds 'x'"):
        reader.transform(np.array([["x", "Dream"]], dtype=object))
    with pytest.raises(ValueError, match="column 1 is categorical"):
        reader.transform(np.array([[1.0, 3.0]], dtype=object))
    with pytest.raises(brine.ColumnMismatchError, match="missing column 'island'"):
        reader.transform(TEST[["bill_length_mm"]])


@pytest.mark.parametrize("change,match", [
    (lambda m: m["model"]["attributes"]["categories"][0].reverse(), "not strictly increasing"),
    (lambda m: m["model"]["attributes"]["droppedColumns"].__setitem__(0, 1), "which drop ifBinary does not give"),
    (lambda m: m["model"]["attributes"]["infrequentCategories"].__setitem__(0, [9]), "increasing indices below"),
    (lambda m: m["model"]["attributes"]["missingIsCategory"].pop(), "one bool per feature"),
])
def test_hostile_encoder_files_are_refused(tmp, change, match):
    source = os.path.join(SKLEARN_GOLDEN, "sklearn_onehot_penguins.brine")
    bad = rewrite(source, tmp / "bad.brine", change_manifest=change)
    with pytest.raises(brine.BrineFormatError, match=match):
        brine.read(bad)
    with pytest.raises(brine.BrineFormatError, match=match):
        brine.load(bad)
