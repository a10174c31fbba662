"""Version independence: files dumped under one scikit-learn load under another with identical outputs.

    python python/tests/cross_version.py dump DIR    # fit every case, write DIR/<case>.brine + DIR/<case>.json
    python python/tests/cross_version.py check DIR   # brine.load / brine.read each file, compare bit for bit

``make test`` dumps under the project venv's scikit-learn (1.9) and checks under the cached
``.venv-sklearn15`` (1.5), then the reverse. The cases are the round-trip cases of test_sklearn.py
and test_tables.py; outputs are recorded as JSON (floats by ``repr``, which round-trips exactly).
A case the dumping version refuses (newton-cholesky multiclass is one-vs-rest before 1.6) is
recorded as refused, with its message, and must be refused for that reason only.
Exit status 1 on any difference.
"""

import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import numpy as np  # noqa: E402
import sklearn  # noqa: E402

import brine  # noqa: E402
import test_sklearn  # noqa: E402
import test_columns  # noqa: E402
import test_tables  # noqa: E402


def cases():
    """``(name, make_fitted)`` where ``make_fitted()`` returns ``(fitted estimator, input rows)``."""
    for name, dataset, make, labels in test_sklearn.ESTIMATORS:
        yield "bundled_" + name, (lambda d=dataset, m=make, l=labels: test_sklearn.fitted(d, m, l))
    for name, columns, make in test_tables.CASES:
        def fit(columns=columns, make=make):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = make().fit(test_tables.TRAIN[columns])
            rows = test_tables.TEST[columns]
            try:
                model.transform(rows)
            except ValueError:  # an unknown test category with handle_unknown="error"
                rows = test_tables.TRAIN[columns]
            return model, rows
        yield "table_" + name, fit
    for name, make in test_columns.CASES:
        def fit_columns(make=make):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return make().fit(test_tables.TRAIN[test_columns.COLUMNS]), test_tables.TEST[test_columns.COLUMNS]
        yield "columns_" + name, fit_columns


def cells(array):
    """A 2-D output as JSON: floats by repr (NaN as null), strings as strings."""
    array = np.asarray(array, dtype=object)
    if array.ndim == 1:
        array = array.reshape(-1, 1)
    return [[v if isinstance(v, str) else (None if np.isnan(float(v)) else repr(float(v))) for v in row]
            for row in array.tolist()]


def outputs(model, rows):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        classifier = (model.classes is not None) if isinstance(model, brine.Model) else hasattr(model, "predict_proba")
        if classifier:
            return {"predict": [str(v) for v in np.asarray(model.predict(rows)).tolist()],
                    "predict_proba": cells(model.predict_proba(rows))}
        return {"transform": cells(model.transform(rows))}


def dump(folder):
    os.makedirs(folder, exist_ok=True)
    for name, make in cases():
        model, rows = make()
        record = {"sklearn": sklearn.__version__, "outputs": outputs(model, rows)}
        try:
            brine.dump(model, os.path.join(folder, name + ".brine"), overwrite=True)
        except ValueError as error:
            record["refused"] = str(error)
        with open(os.path.join(folder, name + ".json"), "w") as handle:
            json.dump(record, handle)
    print("cross_version: dumped %d cases under scikit-learn %s into %s" % (len(list(cases())), sklearn.__version__,
                                                                            folder))
    return 0


def check(folder):
    failures, identical, refused = [], 0, 0
    for name, make in cases():
        with open(os.path.join(folder, name + ".json")) as handle:
            record = json.load(handle)
        _, rows = make()
        if "refused" in record:
            if "one-vs-rest in scikit-learn" not in record["refused"]:
                failures.append("%s: refused under %s: %s" % (name, record["sklearn"], record["refused"]))
            refused += 1
            continue
        path = os.path.join(folder, name + ".brine")
        try:
            loaded = outputs(brine.load(path), rows)
        except ValueError as error:
            if "would keep them" not in str(error):  # the documented refusal (SimpleImputer, empty columns)
                failures.append("%s: brine.load failed: %s" % (name, error))
            refused += 1
            loaded = None
        except Exception as error:  # reported, not raised: every case is checked
            failures.append("%s: brine.load failed: %s: %s" % (name, type(error).__name__, error))
            continue
        if loaded is not None and loaded != record["outputs"]:
            failures.append("%s: outputs under scikit-learn %s differ from %s's" % (name, sklearn.__version__,
                                                                                record["sklearn"]))
        elif loaded is not None:
            identical += 1
        reader = brine.read(path)
        read = outputs(reader, rows)
        if read != record["outputs"]:
            failures.append("%s: brine.read outputs differ from scikit-learn %s's" % (name, record["sklearn"]))
    for failure in failures:
        print("cross_version: FAIL " + failure)
    print("cross_version: %d files dumped under scikit-learn %s loaded under %s with identical outputs%s; %d failures"
          % (identical, record["sklearn"], sklearn.__version__,
             " (%d refused as documented)" % refused if refused else "", len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    warnings.simplefilter("ignore")  # scikit-learn's notes on empty columns and unknown categories
    if len(sys.argv) != 3 or sys.argv[1] not in ("dump", "check"):
        sys.exit(__doc__)
    sys.exit((dump if sys.argv[1] == "dump" else check)(sys.argv[2]))
