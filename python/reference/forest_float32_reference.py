#!/usr/bin/env python3
"""scikit-learn reference values for Brine's float32 forest semantics (RandomForest layout 2).

scikit-learn casts X to float32 before fitting its trees and before comparing with its float64
thresholds. For each bundled dataset and its shared split this records:

- "forest": RandomForestClassifier(n_estimators=7, random_state=0) fitted on the training rows:
  every tree's arrays (children, feature, threshold, leaf fractions as scikit-learn's
  predict_proba computes them, i.e. tree_.value normalized by its row sum) and predict_proba on
  the test rows. Brine must predict these probabilities bit for bit from the same trees with
  inputPrecision float32 (the mean is the sum in tree order divided by the tree count, as
  scikit-learn does).
- "float64_changed_rows": on how many test rows comparing the unrounded float64 inputs instead
  would change some tree's leaf (so the test shows whether the rule matters on this data).
- "probes": test rows with one feature moved to just above a threshold on the row's path (the
  next double above it) where that value rounds to a float32 at or below the threshold: float32
  comparisons go left, float64 comparisons right. Their inputs and scikit-learn's predict_proba;
  Brine's float32 forest must reproduce them bit for bit, a float64 forest cannot.
- "single_feature_trees": for the first FEATURES columns j, RandomForestClassifier(n_estimators=1,
  bootstrap=False, max_depth=4, random_state=0) fitted on column j alone: a tree the data
  determines (one feature, so no ties between features; no bootstrap). Brine's tree fitted with the
  same settings and inputPrecision float32 must have the same thresholds bit for bit (midpoints of
  float32-rounded values).

Doubles are stored as 16-digit hexadecimal bit patterns, so nothing is lost in JSON.
Writes Tests/BrineTests/Fixtures/forest_float32_reference.json.
Run from the repository root:  .venv/bin/python python/reference/forest_float32_reference.py
"""
import json
import pathlib
import sys

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from forest_reference import DATASETS, ROOT, load  # noqa: E402


FEATURES = 3


def bits(values):
    return [format(int(v), "016x") for v in np.asarray(values, dtype=np.float64).view(np.uint64).ravel()]


def tree_arrays(tree):
    t = tree.tree_
    value = t.value[:, 0, :]
    normalizer = value.sum(axis=1, keepdims=True)
    normalizer[normalizer == 0.0] = 1.0
    return {
        "children_left": t.children_left.tolist(),
        "children_right": t.children_right.tolist(),
        "feature": t.feature.tolist(),
        "threshold_bits": bits(t.threshold),
        "value_bits": bits(value / normalizer),
    }


def leaves(tree, x):
    """Leaf reached by each row of x (float64 array) comparing in float64."""
    t = tree.tree_
    node = np.zeros(len(x), dtype=np.int64)
    rows = np.arange(len(x))
    while True:
        active = t.children_left[node] != -1
        if not active.any():
            return node
        f = np.where(active, t.feature[node], 0)
        go_left = x[rows, f] <= t.threshold[node]
        child = np.where(go_left, t.children_left[node], t.children_right[node])
        node = np.where(active, child, node)


def path(tree, row):
    t = tree.tree_
    node, nodes = 0, []
    while t.children_left[node] != -1:
        nodes.append(node)
        node = t.children_left[node] if row[t.feature[node]] <= t.threshold[node] else t.children_right[node]
    return nodes


def probes(forest, x_test, count=40):
    rows = []
    for i, row in enumerate(x_test[:count]):
        tree = forest.estimators_[i % len(forest.estimators_)]
        for node in path(tree, row):
            threshold = tree.tree_.threshold[node]
            above = np.nextafter(threshold, np.inf)
            if np.float64(np.float32(above)) <= threshold:
                probe = row.copy()
                probe[tree.tree_.feature[node]] = above
                x32 = probe.astype(np.float32).astype(np.float64)[None, :]
                if leaves(tree, probe[None, :])[0] != leaves(tree, x32)[0]:
                    rows.append(probe)
                    break
    return np.array(rows)


def main():
    out = {
        "generator": "python/reference/forest_float32_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "datasets": {},
    }
    for name in DATASETS:
        x_train, y_train, x_test, _ = load(name)
        forest = RandomForestClassifier(n_estimators=7, random_state=0).fit(x_train, y_train)
        x32 = x_test.astype(np.float32).astype(np.float64)
        changed = np.zeros(len(x_test), dtype=bool)
        for estimator in forest.estimators_:
            changed |= leaves(estimator, x_test) != leaves(estimator, x32)
        probe_rows = probes(forest, x_test)
        single = {}
        for j in range(FEATURES):
            tree = RandomForestClassifier(n_estimators=1, bootstrap=False, max_depth=4, random_state=0)
            single[str(j)] = tree_arrays(tree.fit(x_train[:, [j]], y_train).estimators_[0])
        out["datasets"][name] = {
            "classes": forest.classes_.tolist(),
            "forest": {
                "trees": [tree_arrays(e) for e in forest.estimators_],
                "predict_proba_bits": bits(forest.predict_proba(x_test)),
            },
            "float64_changed_rows": int(changed.sum()),
            "probes": {
                "rows": len(probe_rows),
                "x_bits": bits(probe_rows),
                "predict_proba_bits": bits(forest.predict_proba(probe_rows)),
            },
            "single_feature_trees": single,
        }
    path = ROOT / "Tests" / "BrineTests" / "Fixtures" / "forest_float32_reference.json"
    path.write_text(json.dumps(out, sort_keys=True) + "\n")
    print(f"wrote {path} (scikit-learn {sklearn.__version__})")
    for name, entry in out["datasets"].items():
        print(f"  {name}: float32 rule changes a leaf on {entry['float64_changed_rows']} test rows; "
              f"{entry['probes']['rows']} probe rows")


if __name__ == "__main__":
    main()
