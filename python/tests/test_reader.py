"""The numpy-only reader against Swift's golden files, its column handling and its command line."""

import gzip
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import brine
from conftest import GOLDEN, PYTHON_DIR, load_split

GOLDEN_CLASSIFIERS = [("logreg_wine_int_v1.brine", "wine"), ("forest_iris_string_v1.brine", "iris"),
                      ("pipeline_breast_cancer_int_v1_gzip.brine.gz", "breast_cancer"),
                      ("forest_breast_cancer_int_v2.brine", "breast_cancer")]


def expected_outputs(file_name):
    stem = file_name.split(".brine")[0]
    with open(os.path.join(GOLDEN, stem + ".expected.json")) as handle:
        return np.array(json.load(handle)["outputs"], dtype=np.float64)


@pytest.mark.parametrize("file_name,dataset", GOLDEN_CLASSIFIERS)
def test_golden_classifiers_reproduce_swift(file_name, dataset):
    model = brine.read(os.path.join(GOLDEN, file_name))
    _, _, _, x_test, _ = load_split(dataset)
    expected = expected_outputs(file_name)
    rows, classes = x_test.shape[0], len(model.classes)
    assert expected.shape == (rows + rows * classes,)
    predicted = [model.classes.index(label) for label in model.predict(x_test)]
    assert predicted == expected[:rows].astype(int).tolist()
    np.testing.assert_allclose(model.predict_proba(x_test), expected[rows:].reshape(rows, classes), rtol=0, atol=1e-12)


def test_golden_scaler_reproduces_swift():
    model = brine.read(os.path.join(GOLDEN, "scaler_iris_v1.brine"))
    _, _, _, x_test, _ = load_split("iris")
    np.testing.assert_allclose(model.transform(x_test).ravel(), expected_outputs("scaler_iris_v1.brine"),
                               rtol=0, atol=1e-12)


def test_inspect_reads_only_the_header(tmp):
    path = os.path.join(GOLDEN, "logreg_wine_int_v1.brine")
    with open(path, "rb") as handle:
        raw = handle.read()
    cut = tmp / "cut.brine"
    cut.write_bytes(raw[:-100])  # arrays damaged; the header intact
    manifest = brine.inspect(cut)
    assert manifest["model"]["type"] == "LogisticRegression"
    assert manifest["arrayTable"]["coefficients"] == {"dtype": "F64", "shape": [3, 13]}
    with pytest.raises(brine.BrineFormatError, match="cover"):
        brine.read(cut)


def test_inspect_of_gzip_file_decompresses_only_the_header(tmp):
    path = os.path.join(GOLDEN, "pipeline_breast_cancer_int_v1_gzip.brine.gz")
    with open(path, "rb") as handle:
        whole = gzip.decompress(handle.read())
    header_end = 8 + int.from_bytes(whole[:8], "little")
    partial = tmp / "partial.brine.gz"
    partial.write_bytes(gzip.compress(whole[:header_end + 10])[:-8])  # header complete, stream cut short
    assert brine.inspect(partial)["model"]["type"] == "Pipeline"
    with pytest.raises(brine.BrineFormatError):
        brine.read(partial)


def wine():
    names, _, _, x_test, _ = load_split("wine")
    return names, x_test, brine.read(os.path.join(GOLDEN, "logreg_wine_int_v1.brine"))


def test_dataframe_columns_are_matched_by_name():
    import pandas
    names, x, model = wine()
    expected = model.predict_proba(x)
    frame = pandas.DataFrame(x, columns=names)
    reversed_frame = frame[names[::-1]]
    np.testing.assert_array_equal(model.predict_proba(reversed_frame), expected)
    assert model.predict(reversed_frame) == model.predict(x)
    # The same reordered values without names are applied positionally, i.e. differently.
    assert not np.array_equal(model.predict_proba(reversed_frame.to_numpy()), expected)


def test_missing_extra_and_duplicate_columns_are_errors():
    import pandas
    names, x, model = wine()
    frame = pandas.DataFrame(x, columns=names)
    with pytest.raises(brine.ColumnMismatchError, match="missing column 'proline'"):
        model.predict(frame.drop(columns=["proline"]))
    extra = frame.assign(colour=1.0)
    with pytest.raises(brine.ColumnMismatchError, match="unexpected column 'colour'"):
        model.predict(extra)
    renamed = frame.rename(columns={"ash": "alcohol"})
    with pytest.raises(brine.ColumnMismatchError, match="duplicate column 'alcohol'"):
        model.predict(renamed)
    with pytest.raises(brine.ColumnMismatchError, match="13 features, the input has 12"):
        model.predict(x[:, :12])


def test_columns_argument_matches_names_for_arrays():
    names, x, model = wine()
    order = list(range(len(names)))[::-1]
    np.testing.assert_array_equal(model.predict_proba(x[:, order], columns=[names[i] for i in order]),
                                  model.predict_proba(x))


def test_nan_is_refused_by_logistic_regression_and_passed_by_the_scaler():
    names, x, model = wine()
    x = x.copy()
    x[2, 3] = np.nan
    with pytest.raises(ValueError, match="NaN or infinity .row 2, column 3"):
        model.predict(x)
    scaler = brine.read(os.path.join(GOLDEN, "scaler_iris_v1.brine"))
    _, _, _, iris, _ = load_split("iris")
    iris = iris.copy()
    iris[0, 1] = np.nan
    out = scaler.transform(iris)
    assert np.isnan(out[0, 1]) and np.isfinite(np.delete(out.ravel(), 1)).all()


def run_cli(*args):
    environment = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    return subprocess.run([sys.executable, "-m", "brine", *map(str, args)], capture_output=True, text=True,
                          env=environment)


def test_cli_predict_matches_reordered_header(tmp):
    names, x, model = wine()
    order = list(range(len(names)))[::-1]
    lines = [",".join(names[i] for i in order)] + [",".join(repr(float(row[i])) for i in order) for row in x]
    csv_path = tmp / "rows.csv"
    csv_path.write_text("\n".join(lines) + "\n")
    result = run_cli("predict", os.path.join(GOLDEN, "logreg_wine_int_v1.brine"), csv_path, "--proba")
    assert result.returncode == 0, result.stderr
    rows = [line.split(",") for line in result.stdout.strip().split("\n")]
    assert rows[0] == ["prediction", "proba_0", "proba_1", "proba_2"]
    assert [int(r[0]) for r in rows[1:]] == model.predict(x)
    np.testing.assert_array_equal(np.array([[float(v) for v in r[1:]] for r in rows[1:]]), model.predict_proba(x))


def test_cli_predict_refuses_a_missing_column_in_one_line(tmp):
    names, x, _ = wine()
    csv_path = tmp / "rows.csv"
    csv_path.write_text(",".join(names[1:]) + "\n" + ",".join(repr(float(v)) for v in x[0, 1:]) + "\n")
    result = run_cli("predict", os.path.join(GOLDEN, "logreg_wine_int_v1.brine"), csv_path)
    assert result.returncode == 1
    assert result.stderr.strip() == ("brine: error: the input's columns do not match the model's features: "
                                     "missing column 'alcohol'")


def test_cli_inspect_prints_the_manifest():
    result = run_cli("inspect", os.path.join(GOLDEN, "forest_iris_string_v1.brine"))
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert manifest["model"]["classes"] == ["setosa", "versicolor", "virginica"]
    assert manifest["arrayTable"]["values"]["shape"] == [59, 3]


def test_unknown_model_type_is_refused():
    with pytest.raises(brine.BrineFormatError, match="model type BrineTestModel is not supported"):
        brine.read(os.path.join(GOLDEN, "test_model_v1.brine"))


def test_registering_one_function_adds_a_model_type():
    class Doubler:
        feature_names, classes, n_features = None, None, None

        def transform(self, x):
            return np.asarray(x) * 2

    brine.register("BrineTestModel")(lambda node, arrays, prefix, children: Doubler())
    try:
        model = brine.read(os.path.join(GOLDEN, "test_model_v1.brine"))
        np.testing.assert_array_equal(model.transform([[1.5, -2.0]]), [[3.0, -4.0]])
    finally:
        del brine.READERS["BrineTestModel"]
