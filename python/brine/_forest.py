"""RandomForest: the numpy reader (every layout this package knows) and, later, the scikit-learn bridge.

Layout 1 (Brine 0.1) and layout 2 with ``inputPrecision: "float64"`` compare float64 inputs with
float64 thresholds. scikit-learn casts inputs to float32 first, so such a forest and a scikit-learn
forest can disagree on rows that fall between a threshold and its float32 neighbours; the bridge
refuses or flags such conversions, never approximates silently (docs/PYTHON.md). Layout 2 with
``inputPrecision: "float32"`` is scikit-learn's rule exactly.
"""

import numpy as np

from ._format import BrineFormatError
from ._reader import Classifier, feature_count, finite_array, node_array, register

#: Forest layout versions this reader understands.
READABLE_LAYOUTS = (1, 2)


class RandomForest(Classifier):
    """Mean over trees of the leaf class fractions; go left iff ``x[feature] <= threshold``.

    Layout 2 (node records ``nodes`` I64 [N, 2], ``leafValues`` [L, K], attribute ``inputPrecision``)
    and layout 1 (separate child/feature/threshold arrays, per-node ``values``, float64 comparisons)
    are both held as per-node ``left``/``right``/``features``/``thresholds``/``values`` arrays.
    """

    def __init__(self, node, arrays, prefix):
        super().__init__(node)
        layout = node.get("layoutVersion")
        if layout not in READABLE_LAYOUTS:
            raise BrineFormatError("RandomForest layout %r is not read by this version (reads %s)"
                                   % (layout, ", ".join(map(str, READABLE_LAYOUTS))))
        self.layout = layout
        offsets = node_array(node, arrays, prefix, "treeOffsets", np.int64)
        if offsets.ndim != 1 or offsets.shape[0] < 2:
            raise BrineFormatError("array %streeOffsets must list at least one tree" % prefix)
        if offsets[0] != 0 or (np.diff(offsets) < 1).any():
            raise BrineFormatError("array %streeOffsets must start at 0 and increase" % prefix)
        nodes = int(offsets[-1])
        self.offsets = offsets.astype(np.int64)
        sizes = np.repeat(np.diff(self.offsets), np.diff(self.offsets))
        local = np.arange(nodes) - np.repeat(self.offsets[:-1], np.diff(self.offsets))
        classes = len(self.classes)
        if layout == 2:
            records = node_array(node, arrays, prefix, "nodes", np.int64, shape=(nodes, 2))
            words = np.ascontiguousarray(records, dtype=np.int64)
            thresholds = words[:, 0].copy().view(np.float64)
            self.features = (words[:, 1] & 0xFFFFFFFF).astype(np.uint32).view(np.int32).astype(np.int64)
            link = words[:, 1] >> 32  # arithmetic shift: the signed high half
            split = self.features >= 0
            leaf_values = finite_array(node_array(node, arrays, prefix, "leafValues"), prefix + "leafValues")
            if leaf_values.ndim != 2 or leaf_values.shape[1] != classes:
                raise BrineFormatError("array %sleafValues has shape %s for %d classes"
                                       % (prefix, list(leaf_values.shape), classes))
            leaves = ~split
            if (self.features[leaves] != -1).any():
                raise BrineFormatError("array %snodes has a feature below -1" % prefix)
            if ((link[leaves] < 0) | (link[leaves] >= leaf_values.shape[0])).any():
                raise BrineFormatError("array %snodes has a leaf row outside leafValues" % prefix)
            if ((link[split] <= local[split] + 1) | (link[split] >= sizes[split])).any():
                raise BrineFormatError("array %snodes has a right child outside its tree" % prefix)
            if (local[split] + 1 >= sizes[split]).any():
                raise BrineFormatError("array %snodes has a split as the last node of its tree" % prefix)
            self.left = np.where(split, local + 1, -1)
            self.right = np.where(split, link, -1)
            self.values = leaf_values[np.where(split, 0, link)]
            self.leaf_values = leaf_values
            precision = node.get("attributes", {}).get("inputPrecision")
            if precision not in ("float32", "float64"):
                raise BrineFormatError("RandomForest layout 2 needs attributes.inputPrecision float32|float64, "
                                       "found %r" % (precision,))
            self.input_precision = precision
            self.thresholds = thresholds
            finite_array(thresholds[split], prefix + "nodes (thresholds)")
        else:
            for name in ("leftChildren", "rightChildren", "features"):
                node_array(node, arrays, prefix, name, np.int32, shape=(nodes,))
            self.left = arrays[prefix + "leftChildren"].astype(np.int64)
            self.right = arrays[prefix + "rightChildren"].astype(np.int64)
            self.features = arrays[prefix + "features"].astype(np.int64)
            self.thresholds = finite_array(node_array(node, arrays, prefix, "thresholds", shape=(nodes,)),
                                           prefix + "thresholds")
            self.values = finite_array(node_array(node, arrays, prefix, "values", shape=(nodes, classes)),
                                       prefix + "values")
            split = self.features >= 0
            if (self.features < -1).any():
                raise BrineFormatError("array %sfeatures has an index below -1" % prefix)
            for name, children in (("leftChildren", self.left), ("rightChildren", self.right)):
                if (children[split] <= local[split]).any() or (children[split] >= sizes[split]).any():
                    raise BrineFormatError("array %s%s points outside its tree" % (prefix, name))
            self.input_precision = "float64"
        importances = node_array(node, arrays, prefix, "featureImportances", required=False)
        self.feature_importances = importances
        features = feature_count(node)
        if features is None and importances is not None:
            features = importances.shape[0]
        if features is None:
            features = int(self.features.max()) + 1 if nodes else 1
        if importances is not None and importances.shape != (features,):
            raise BrineFormatError("array %sfeatureImportances has shape %s for %d features"
                                   % (prefix, list(importances.shape), features))
        self.n_features = features
        if (self.features[split] >= features).any():
            raise BrineFormatError("a RandomForest split uses a feature outside 0..<%d" % features)

    def predict_proba(self, x):
        x = self._x(x)
        if self.input_precision == "float32":
            # scikit-learn's rule: round each feature to float32, compare it (widened) with the double threshold.
            x = x.astype(np.float32).astype(np.float64)
        rows = np.arange(x.shape[0])
        total = np.zeros((x.shape[0], self.values.shape[1]))
        tree_count = len(self.offsets) - 1
        for t in range(tree_count):
            base = self.offsets[t]
            size = self.offsets[t + 1] - base
            node = np.zeros(x.shape[0], dtype=np.int64)
            for _ in range(size + 1):  # bounded even if a hostile file has a cycle
                feature = self.features[base + node]
                active = feature >= 0
                if not active.any():
                    break
                f = np.where(active, feature, 0)
                go_left = x[rows, f] <= self.thresholds[base + node]
                child = np.where(go_left, self.left[base + node], self.right[base + node])
                node = np.where(active, child, node)
            total += self.values[base + node]
        return total / tree_count


@register("RandomForest")
def _random_forest(node, arrays, prefix, children):
    return RandomForest(node, arrays, prefix)


# ---------------------------------------------------------------- scikit-learn bridge

FOREST_DEFAULTS = {"max_leaf_nodes": (None,), "min_weight_fraction_leaf": (0.0,), "min_impurity_decrease": (0.0,),
                   "ccp_alpha": (0.0,), "class_weight": (None,), "monotonic_cst": (None,), "max_samples": (None,),
                   "criterion": ("gini", "entropy")}


def _preorder(tree):
    """Node ids of a scikit-learn tree in preorder (left subtree first)."""
    order, stack = [], [0]
    left, right = tree.children_left, tree.children_right
    while stack:
        index = stack.pop()
        order.append(index)
        if left[index] != -1:
            stack.append(right[index])
            stack.append(left[index])
    return order


def forest_to_brine(forest):
    """A fitted RandomForestClassifier as RandomForest layout 2 with ``inputPrecision: "float32"`` (exact)."""
    from ._format import node
    from ._sklearn import _check_fitted, _feature_names, _labels, _refuse_options
    _check_fitted(forest, "estimators_")
    _refuse_options(forest, FOREST_DEFAULTS)
    if getattr(forest, "n_outputs_", 1) != 1:
        raise ValueError("RandomForestClassifier with %d outputs is not supported by Brine" % forest.n_outputs_)
    label_type, labels = _labels(forest.classes_, forest)
    classes = len(labels)
    offsets, records, leaf_rows = [0], [], []
    for estimator in forest.estimators_:
        tree = estimator.tree_
        order = _preorder(tree)
        local = {index: position for position, index in enumerate(order)}
        for index in order:
            feature = int(tree.feature[index])
            if tree.children_left[index] == -1:
                values = np.asarray(tree.value[index, 0], dtype=np.float64)
                fractions = values / values.sum()  # scikit-learn's predict_proba normalisation
                link, feature, threshold = len(leaf_rows), -1, -2.0
                leaf_rows.append(fractions)
            else:
                link, threshold = local[int(tree.children_right[index])], float(tree.threshold[index])
            word1 = (feature & 0xFFFFFFFF) | ((link & 0xFFFFFFFF) << 32)
            records.append((np.float64(threshold).view(np.int64), np.uint64(word1).view(np.int64)))
        offsets.append(offsets[-1] + len(order))
    nodes = np.array(records, dtype=np.int64).reshape(-1, 2)
    leaf_values = np.array(leaf_rows, dtype=np.float64).reshape(-1, classes)
    max_features = forest.max_features
    if isinstance(max_features, float) or (isinstance(max_features, int) and not isinstance(max_features, bool)):
        max_features = {"fraction": max_features} if isinstance(max_features, float) else {"count": max_features}
    hyper = {"nEstimators": len(forest.estimators_), "criterion": forest.criterion, "maxDepth": forest.max_depth,
             "minSamplesSplit": forest.min_samples_split, "minSamplesLeaf": forest.min_samples_leaf,
             "maxFeatures": max_features if max_features is not None else "all", "bootstrap": bool(forest.bootstrap),
             "oobScore": bool(forest.oob_score), "seed": 0, "threadCount": None, "inputPrecision": "float32"}
    return node("RandomForest", 2, hyper,
                arrays={"treeOffsets": np.array(offsets, dtype=np.int64), "nodes": nodes, "leafValues": leaf_values,
                        "featureImportances": np.asarray(forest.feature_importances_, dtype=np.float64)},
                attributes={"inputPrecision": "float32"},
                fit_statistics={"treeCount": len(forest.estimators_), "nodeCount": int(nodes.shape[0]),
                                "leafCount": int(leaf_values.shape[0])},
                classes=labels, label_type=label_type, feature_names=_feature_names(forest))


def forest_from_brine(node_, arrays, prefix, children):
    """Refuses forests whose comparisons are not scikit-learn's (layout 1, or ``inputPrecision: "float64"``)."""
    reader = RandomForest(node_, arrays, prefix)
    if reader.input_precision != "float32":
        raise ValueError("this RandomForest (layout %d) compares inputs in float64; scikit-learn compares in "
                         "float32, so it would predict differently near thresholds. Re-save it with Brine "
                         "0.2 trained with inputPrecision float32, or use brine.read(path) (exact)" % reader.layout)
    raise TypeError("brine.load cannot yet rebuild a RandomForest as a scikit-learn estimator; use brine.read(path) "
                    "(numpy, exact)")


def _register_bridge():
    from ._sklearn import FROM_BRINE, TO_BRINE
    TO_BRINE["RandomForestClassifier"] = forest_to_brine
    FROM_BRINE["RandomForest"] = forest_from_brine


_register_bridge()
