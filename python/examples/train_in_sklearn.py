"""Walkthrough: train in scikit-learn, serve in Swift (docs/PYTHON.md).

Trains a RandomForestClassifier and a StandardScaler + LogisticRegression pipeline on the bundled
breast_cancer dataset with scikit-learn, saves both with ``brine.dump`` (no pickle), and writes what
scikit-learn predicts for the fixed test split, so the Swift side can check it serves the same
answers. ``ScikitLearnWalkthroughTests`` runs this script and loads the files with ``Brine.load``.

    .venv/bin/python python/examples/train_in_sklearn.py OUT_FOLDER
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
from sklearn.preprocessing import StandardScaler

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "python"))
import brine  # noqa: E402

DATASETS = os.path.join(REPO, "Sources", "Brine", "Resources", "Datasets")


def main(out):
    os.makedirs(out, exist_ok=True)
    # 1. Data: a pandas DataFrame, so the models record their feature names.
    frame = pd.read_csv(os.path.join(DATASETS, "breast_cancer.csv"))
    with open(os.path.join(DATASETS, "breast_cancer.split.json")) as handle:
        split = json.load(handle)
    x, y = frame.drop(columns=["target"]), frame["target"].to_numpy()
    x_train, y_train, x_test = x.iloc[split["train"]], y[split["train"]], x.iloc[split["test"]]

    # 2. Train in scikit-learn as usual.
    models = {
        "forest": RandomForestClassifier(n_estimators=50, max_depth=8, random_state=0),
        "logreg": Pipeline([("scaler", StandardScaler()), ("logreg", LogisticRegression())]),
    }
    expected = {"sklearnVersion": sklearn.__version__, "dataset": "breast_cancer", "split": "test"}
    for name, model in models.items():
        model.fit(x_train, y_train)
        # 3. Save with brine.dump instead of joblib.dump: no pickle, readable by Swift and any scikit-learn >= 1.5.
        brine.dump(model, os.path.join(out, name + ".brine"), metadata={"trainedIn": "scikit-learn"}, overwrite=True)
        # What the Swift server must answer for the test rows.
        expected[name] = {"predictions": model.predict(x_test).tolist(),
                          "probabilities": model.predict_proba(x_test).tolist()}
        # 4. The file loads back as a live scikit-learn estimator, predicting identically.
        assert np.array_equal(brine.load(os.path.join(out, name + ".brine")).predict_proba(x_test),
                              model.predict_proba(x_test))
    with open(os.path.join(out, "expected.json"), "w") as handle:
        json.dump(expected, handle)
    print("wrote forest.brine, logreg.brine and expected.json to %s (scikit-learn %s)" % (out, sklearn.__version__))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
