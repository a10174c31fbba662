"""``python -m brine convert`` (pickle/joblib -> Brine, with its warning) and ``predict`` on a text table."""

import pickle

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

import brine
from test_reader import run_cli

ROWS = pd.DataFrame({"size": pd.Series(["S", "M", "L", "S", "M", np.nan, "L", "M"], dtype=object),
                     "color": pd.Series(["red", "blue", np.nan, "red", "green", "blue", "red", "green"], dtype=object)})
LABELS = ["no", "yes", "yes", "no", "yes", "no", "yes", "no"]


def pipeline():
    return Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                     ("encode", OneHotEncoder(sparse_output=False, handle_unknown="ignore")),
                     ("forest", RandomForestClassifier(n_estimators=5, random_state=0))]).fit(ROWS, LABELS)


def test_convert_joblib_and_pickle_warn_and_predict_exactly(tmp):
    model = pipeline()
    joblib.dump(model, tmp / "m.joblib")
    with open(tmp / "m.pkl", "wb") as handle:
        pickle.dump(model, handle)
    for source, target in (("m.joblib", "m.brine"), ("m.pkl", "m.brine.gz")):
        result = run_cli("convert", tmp / source, tmp / target)
        assert result.returncode == 0, result.stderr
        assert "WARNING: convert unpickles" in result.stderr and "trust" in result.stderr
        assert result.stdout.startswith("wrote ") and "(Pipeline," in result.stdout
        loaded = brine.load(tmp / target)
        np.testing.assert_array_equal(loaded.predict_proba(ROWS), model.predict_proba(ROWS))
        assert brine.inspect(tmp / target)["metadata"] == {"convertedFrom": source}
    # Reordered header, text cells and a missing cell: predicted by name, as scikit-learn does.
    (tmp / "rows.csv").write_text("color,size\n" + "\n".join("%s,%s" % (c if isinstance(c, str) else "", s if isinstance(s, str) else "")
                                                              for s, c in zip(ROWS["size"], ROWS["color"])) + "\n")
    result = run_cli("predict", tmp / "m.brine", tmp / "rows.csv", "--proba")
    assert result.returncode == 0, result.stderr
    lines = [line.split(",") for line in result.stdout.strip().split("\n")]
    assert lines[0] == ["prediction", "proba_no", "proba_yes"]
    assert [line[0] for line in lines[1:]] == model.predict(ROWS).tolist()
    np.testing.assert_array_equal([[float(v) for v in line[1:]] for line in lines[1:]], model.predict_proba(ROWS))


def test_convert_refuses_before_unpickling(tmp):
    (tmp / "out.brine").write_bytes(b"existing")
    # Not a pickle at all: the existing output is reported first, so the input is never unpickled.
    (tmp / "in.pkl").write_bytes(b"not a pickle")
    result = run_cli("convert", tmp / "in.pkl", tmp / "out.brine")
    assert result.returncode == 1 and "out.brine exists (pass --overwrite" in result.stderr
    assert "WARNING" not in result.stderr
    result = run_cli("convert", tmp / "in.pkl", tmp / "new.brine")
    assert result.returncode == 1 and result.stderr.strip().splitlines()[-1].startswith("brine: error:")
    assert not (tmp / "new.brine").exists()


def test_convert_refuses_an_unsupported_estimator_by_name(tmp):
    from sklearn.svm import SVC
    joblib.dump(SVC().fit([[0.0], [1.0]], [0, 1]), tmp / "svc.joblib")
    result = run_cli("convert", tmp / "svc.joblib", tmp / "svc.brine")
    assert result.returncode == 1
    assert "brine: error: brine.dump does not support sklearn.svm._classes.SVC" in result.stderr
    assert not (tmp / "svc.brine").exists()


def test_predict_refuses_text_for_a_numeric_model(tmp):
    from conftest import GOLDEN
    import os
    (tmp / "rows.csv").write_text("a,b\nx,1\n")
    result = run_cli("predict", os.path.join(GOLDEN, "logreg_wine_int_v1.brine"), tmp / "rows.csv")
    assert result.returncode == 1
    assert result.stderr.strip() == "brine: error: LogisticRegression reads numbers only; %s has text in column 'a'" % (
        tmp / "rows.csv")
