"""The scikit-learn bridge: dump/load round trips, Swift-written files as live estimators, refusals."""

import json
import os
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

import brine
from conftest import GOLDEN, REPO, load_split

SKLEARN_GOLDEN = os.path.join(REPO, "Tests", "BrineTests", "Fixtures", "sklearn")


def frame(dataset):
    names, x_train, y_train, x_test, y_test = load_split(dataset)
    return pd.DataFrame(x_train, columns=names), y_train, pd.DataFrame(x_test, columns=names)


ESTIMATORS = [
    ("scaler", "wine", lambda: StandardScaler(), None),
    ("scaler_no_mean", "wine", lambda: StandardScaler(with_mean=False), None),
    ("scaler_no_std", "wine", lambda: StandardScaler(with_std=False), None),
    ("logreg_binary", "breast_cancer", lambda: Pipeline([("s", StandardScaler()), ("lr", LogisticRegression())]), None),
    ("logreg_multinomial", "iris", lambda: LogisticRegression(max_iter=1000, C=3.0), None),
    ("logreg_newton_multinomial", "wine",
     lambda: Pipeline([("s", StandardScaler()), ("lr", LogisticRegression(solver="newton-cholesky"))]), None),
    ("logreg_strings_no_intercept", "iris", lambda: LogisticRegression(max_iter=1000, fit_intercept=False), "names"),
    ("nested", "wine", lambda: Pipeline([("a", StandardScaler(with_std=False)),
                                         ("b", Pipeline([("c", StandardScaler()), ("d", LogisticRegression())]))]), None),
    ("forest", "breast_cancer", lambda: RandomForestClassifier(n_estimators=6, random_state=1), None),
    ("forest_entropy_strings", "iris",
     lambda: RandomForestClassifier(n_estimators=4, criterion="entropy", max_features=2, random_state=2), "names"),
]


def newton_is_one_vs_rest():
    """scikit-learn before 1.6 fits several classes with newton-cholesky one-vs-rest."""
    return brine._sklearn.sklearn_version() < (1, 6)


def fitted(dataset, make, labels):
    x_train, y_train, x_test = frame(dataset)
    if labels == "names":
        y_train = np.array(["setosa", "versicolor", "virginica"], dtype=object)[y_train]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return make().fit(x_train, y_train), x_test


@pytest.mark.parametrize("name,dataset,make,labels", ESTIMATORS, ids=[e[0] for e in ESTIMATORS])
def test_round_trip_dump_load_and_read(tmp, name, dataset, make, labels):
    model, x_test = fitted(dataset, make, labels)
    path = tmp / (name + ".brine")
    if name == "logreg_newton_multinomial" and newton_is_one_vs_rest():
        with pytest.raises(ValueError, match="one-vs-rest in scikit-learn 1\\.5.*multinomial models only"):
            brine.dump(model, path)
        return
    assert brine.dump(model, path) == [str(path)]
    reader = brine.read(path)
    if hasattr(model, "predict_proba"):
        expected = model.predict_proba(x_test)
        np.testing.assert_array_equal(reader.predict_proba(x_test), expected)
        assert reader.predict(x_test) == model.predict(x_test).tolist()
        assert reader.classes == model.classes_.tolist()
    else:
        np.testing.assert_array_equal(reader.transform(x_test), model.transform(x_test))
    loaded = brine.load(path)
    assert type(loaded) is type(model)
    if hasattr(model, "predict_proba"):
        np.testing.assert_array_equal(loaded.predict_proba(x_test), model.predict_proba(x_test))
        np.testing.assert_array_equal(loaded.predict(x_test), model.predict(x_test))
    else:
        np.testing.assert_array_equal(loaded.transform(x_test), model.transform(x_test))
    assert list(loaded.feature_names_in_) == list(model.feature_names_in_)
    if name.startswith("forest"):
        np.testing.assert_allclose(loaded.feature_importances_, model.feature_importances_, rtol=0, atol=1e-12)
    # Re-dumping the loaded estimator gives the same arrays and model description.
    again = tmp / (name + "_again.brine")
    brine.dump(loaded, again)
    first, second = brine.inspect(path), brine.inspect(again)
    assert first["model"] == second["model"] and first["checksums"] == second["checksums"]


def expected_outputs(stem):
    with open(os.path.join(GOLDEN, stem + ".expected.json")) as handle:
        return np.array(json.load(handle)["outputs"], dtype=np.float64)


@pytest.mark.parametrize("file_name,dataset,kind", [
    ("scaler_iris_v1.brine", "iris", StandardScaler),
    ("logreg_wine_int_v1.brine", "wine", LogisticRegression),
    ("pipeline_breast_cancer_int_v1_gzip.brine.gz", "breast_cancer", Pipeline)])
def test_swift_files_load_as_live_estimators(file_name, dataset, kind):
    estimator = brine.load(os.path.join(GOLDEN, file_name))
    assert type(estimator) is kind
    _, _, _, x_test, _ = load_split(dataset)
    expected = expected_outputs(file_name.split(".brine")[0])
    if kind is StandardScaler:
        np.testing.assert_allclose(estimator.transform(x_test).ravel(), expected, rtol=0, atol=1e-12)
        return
    rows = x_test.shape[0]
    classes = len(estimator.classes_)
    np.testing.assert_array_equal(estimator.predict(x_test), estimator.classes_[expected[:rows].astype(int)])
    np.testing.assert_allclose(estimator.predict_proba(x_test), expected[rows:].reshape(rows, classes), rtol=0, atol=1e-12)


def test_swift_float32_forest_loads_as_a_live_forest():
    path = os.path.join(GOLDEN, "forest_breast_cancer_int_v2.brine")
    forest = brine.load(path)
    assert type(forest) is RandomForestClassifier and len(forest.estimators_) == 4
    _, _, _, x_test, _ = load_split("breast_cancer")
    expected = expected_outputs("forest_breast_cancer_int_v2")
    rows = x_test.shape[0]
    np.testing.assert_array_equal(forest.predict(x_test), expected[:rows].astype(int))
    np.testing.assert_array_equal(forest.predict_proba(x_test), expected[rows:].reshape(rows, 2))
    stored = brine.read(path).file.arrays["featureImportances"]
    np.testing.assert_allclose(forest.feature_importances_, stored, rtol=0, atol=1e-12)
    assert forest.estimators_[0].tree_.node_count == int(brine.read(path).file.arrays["treeOffsets"][1])


def test_loaded_forest_redumps_bit_for_bit_and_refits(tmp):
    forest = brine.load(os.path.join(GOLDEN, "forest_breast_cancer_int_v2.brine"))
    brine.dump(forest, tmp / "again.brine")
    assert brine.inspect(tmp / "again.brine")["checksums"] == brine.inspect(
        os.path.join(GOLDEN, "forest_breast_cancer_int_v2.brine"))["checksums"]
    x_train, y_train, x_test = frame("breast_cancer")
    forest.set_params(random_state=0).fit(x_train, y_train)  # a loaded forest is an ordinary estimator
    brine.dump(forest, tmp / "refit.brine")
    np.testing.assert_array_equal(brine.read(tmp / "refit.brine").predict_proba(x_test), forest.predict_proba(x_test))
    np.testing.assert_array_equal(brine.read(tmp / "refit.brine").file.arrays["featureImportances"],
                                  forest.feature_importances_)


def test_float64_forests_are_refused_by_load():
    with pytest.raises(ValueError, match="compares inputs in float64; scikit-learn compares in float32"):
        brine.load(os.path.join(GOLDEN, "forest_iris_string_v1.brine"))


SKLEARN_FILES = sorted(f for f in os.listdir(SKLEARN_GOLDEN) if ".brine" in f and "penguins" not in f)


@pytest.mark.parametrize("file_name", SKLEARN_FILES)
def test_scikit_learn_golden_files_reproduce_their_outputs(file_name):
    with open(os.path.join(SKLEARN_GOLDEN, file_name.split(".brine")[0] + ".expected.json")) as handle:
        expected = json.load(handle)
    _, x_test = frame(expected["dataset"])[1:]
    reader = brine.read(os.path.join(SKLEARN_GOLDEN, file_name))
    if "transformed" in expected:
        np.testing.assert_allclose(reader.transform(x_test), expected["transformed"], rtol=0, atol=1e-12)
    else:
        assert reader.predict(x_test) == expected["predictions"]
        np.testing.assert_allclose(reader.predict_proba(x_test), expected["probabilities"], rtol=0, atol=1e-12)
    estimator = brine.load(os.path.join(SKLEARN_GOLDEN, file_name))
    outputs = estimator.transform(x_test) if "transformed" in expected else estimator.predict_proba(x_test)
    np.testing.assert_allclose(outputs, expected.get("transformed", expected.get("probabilities")), rtol=0, atol=1e-12)


@pytest.mark.parametrize("make,error,match", [
    (lambda: LogisticRegression(class_weight="balanced"), ValueError, "LogisticRegression\\(class_weight='balanced'\\)"),
    (lambda: LogisticRegression(solver="saga"), ValueError, "LogisticRegression\\(solver='saga'\\)"),
    (lambda: LogisticRegression(solver="liblinear"), ValueError, "LogisticRegression\\(solver='liblinear'\\)"),
    (lambda: RandomForestClassifier(n_estimators=2, monotonic_cst=[1, 0, 0, 0]), ValueError,
     "RandomForestClassifier\\(monotonic_cst=\\[1, 0, 0, 0\\]\\)"),
    (lambda: RandomForestClassifier(n_estimators=2, max_leaf_nodes=5), ValueError, "max_leaf_nodes=5"),
    (lambda: SVC(probability=True), TypeError, "does not support sklearn.svm._classes.SVC"),
    (lambda: Pipeline([("s", StandardScaler()), ("svc", SVC())]), TypeError, "SVC"),
    (lambda: Pipeline([("s", "passthrough"), ("lr", LogisticRegression())]), ValueError, "'passthrough'"),
])
def test_unsupported_estimators_and_options_are_refused(tmp, make, error, match):
    x_train, y_train, _ = frame("iris")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = make().fit(x_train, (y_train == 0).astype(int))  # binary: every option here fits
    with pytest.raises(error, match=match):
        brine.dump(model, tmp / "refused.brine")
    assert not (tmp / "refused.brine").exists()


def test_unfitted_and_float_labels_are_refused(tmp):
    with pytest.raises(ValueError, match="StandardScaler is not fitted"):
        brine.dump(StandardScaler(), tmp / "x.brine")
    x_train, y_train, _ = frame("iris")
    model = LogisticRegression(max_iter=1000).fit(x_train, y_train.astype(float))
    with pytest.raises(TypeError, match="classes of dtype float64"):
        brine.dump(model, tmp / "x.brine")


def test_multinomial_coefficients_keep_scikit_learns_memory_layout(tmp):
    # digits, standardized: BLAS rounds X @ coef_.T differently for C and Fortran layouts.
    _, x_train, y_train, x_test, _ = load_split("digits")
    scaler = StandardScaler().fit(x_train)
    model = LogisticRegression(max_iter=1000).fit(scaler.transform(x_train), y_train)
    brine.dump(model, tmp / "d.brine")
    loaded = brine.load(tmp / "d.brine")
    assert loaded.coef_.flags["F_CONTIGUOUS"] == model.coef_.flags["F_CONTIGUOUS"]
    np.testing.assert_array_equal(loaded.predict_proba(scaler.transform(x_test)), model.predict_proba(scaler.transform(x_test)))


def test_overwrite_compress_and_metadata(tmp):
    x_train, y_train, x_test = frame("iris")
    model = LogisticRegression(max_iter=1000).fit(x_train, y_train)
    path = tmp / "m.brine"
    brine.dump(model, path, metadata={"owner": "team a", "rows": 112})
    with pytest.raises(FileExistsError):
        brine.dump(model, path)
    brine.dump(model, path, compress=9, overwrite=True, metadata={"owner": "team b"})
    assert path.read_bytes()[:3] == b"\x1f\x8b\x08"
    assert brine.inspect(path)["metadata"] == {"owner": "team b"}
    brine.dump(model, tmp / "m.brine.gz")
    assert (tmp / "m.brine.gz").read_bytes()[:3] == b"\x1f\x8b\x08"
    np.testing.assert_array_equal(brine.load(tmp / "m.brine.gz").predict_proba(x_test), model.predict_proba(x_test))
    with pytest.raises(ValueError, match="compress must be an integer 0..9"):
        brine.dump(model, tmp / "n.brine", compress=10)


def test_mmap_load(tmp):
    x_train, y_train, x_test = frame("wine")
    model = Pipeline([("s", StandardScaler()), ("lr", LogisticRegression())]).fit(x_train, y_train)
    brine.dump(model, tmp / "p.brine")
    loaded = brine.load(tmp / "p.brine", mmap_mode="r")
    np.testing.assert_array_equal(loaded.predict_proba(x_test), model.predict_proba(x_test))
    brine.dump(model, tmp / "p.brine.gz")
    with pytest.raises(brine.BrineFormatError, match="mmap_mode needs an uncompressed file"):
        brine.load(tmp / "p.brine.gz", mmap_mode="r")


def test_dumped_bytes_are_deterministic(tmp):
    x_train, y_train, _ = frame("iris")
    model = Pipeline([("s", StandardScaler()), ("lr", LogisticRegression(max_iter=1000))]).fit(x_train, y_train)
    brine.dump(model, tmp / "a.brine")
    brine.dump(model, tmp / "b.brine")
    assert (tmp / "a.brine").read_bytes() == (tmp / "b.brine").read_bytes()
