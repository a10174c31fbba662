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


def _importances(forest):
    stored = getattr(forest, "_brine_importances", None)
    if stored is not None and stored[0] is forest.estimators_:
        return stored[1]
    return np.asarray(forest.feature_importances_, dtype=np.float64)


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
                # scikit-learn >= 1.4 stores class fractions and predict_proba returns them as stored.
                fractions = np.asarray(tree.value[index, 0], dtype=np.float64)
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
                        "featureImportances": _importances(forest)},
                attributes={"inputPrecision": "float32"},
                fit_statistics={"treeCount": len(forest.estimators_), "nodeCount": int(nodes.shape[0]),
                                "leafCount": int(leaf_values.shape[0])},
                classes=labels, label_type=label_type, feature_names=_feature_names(forest))


def _max_features_param(value):
    """scikit-learn's ``max_features`` for a manifest ``maxFeatures`` value."""
    if value == "all":
        return None
    if value in ("sqrt", "log2"):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (key, number), = value.items()
        if key == "fraction" and isinstance(number, (int, float)) and not isinstance(number, bool) and 0 < number <= 1:
            return float(number)
        if key == "count" and isinstance(number, int) and not isinstance(number, bool) and number >= 1:
            return number
    raise BrineFormatError("RandomForest maxFeatures %r is not sqrt, log2, all, {count} or {fraction}" % (value,))


def _sinkhorn_shares(uses, target, tree_count):
    """Per-tree feature shares ``w[t, f]`` (rows sum to 1, zero where tree ``t`` never splits on ``f``)
    whose mean over trees is ``target``: what scikit-learn's ``feature_importances_`` averages.

    Returns ``None`` when no such shares exist (the file's importances cannot come from these trees).
    """
    support = (uses > 0).astype(np.float64)
    rows = support.sum(axis=1) > 0
    if not rows.any():
        return None
    columns = target * rows.sum()
    if (columns[support[rows].sum(axis=0) == 0] > 1e-12).any():
        return None
    w = support.copy()
    for _ in range(2000):
        sums = w.sum(axis=1, keepdims=True)
        w = np.divide(w, sums, out=np.zeros_like(w), where=sums > 0)
        totals = w.sum(axis=0)
        scale = np.divide(columns, totals, out=np.zeros_like(columns), where=totals > 0)
        w = w * scale
        if np.abs(w.sum(axis=1)[rows] - 1).max() < 1e-15:
            break
    sums = w.sum(axis=1, keepdims=True)
    w = np.divide(w, sums, out=np.zeros_like(w), where=sums > 0)
    if np.abs(w[rows].mean(axis=0) - target).max() > 1e-12:
        return None
    return w


def forest_from_brine(node_, arrays, prefix, children):
    """A live RandomForestClassifier from a layout-2 ``float32`` forest (scikit-learn's comparison rule).

    Each tree is rebuilt through scikit-learn's ``Tree.__setstate__`` from a node array of the
    installed scikit-learn's own ``NODE_DTYPE`` (fields filled by name, so 1.3's
    ``missing_go_to_left`` and any later field is handled) and a value array holding the file's leaf
    fractions, which scikit-learn (>= 1.4) returns from ``predict_proba`` as stored. Brine does not
    store training statistics (sample counts, impurities, split-node values): brine.load derives them
    so that ``feature_importances_`` equals the file's ``featureImportances`` (docs/PYTHON.md).
    Layout 1 and ``inputPrecision: "float64"`` forests are refused (they compare in float64).
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.tree import DecisionTreeClassifier
    from sklearn.tree._tree import NODE_DTYPE, Tree
    from ._sklearn import _classes_array, _set_names
    reader = RandomForest(node_, arrays, prefix)
    if reader.input_precision != "float32":
        raise ValueError("this RandomForest (layout %d, inputPrecision float64) compares inputs in float64; "
                         "scikit-learn compares in float32, so it would predict differently near thresholds. "
                         "Re-train it in Brine with inputPrecision float32 (the default since 0.2), or use "
                         "brine.read(path), which predicts it exactly" % reader.layout)
    hyper = node_["hyperparameters"]
    criterion = hyper.get("criterion", "gini")
    if criterion not in ("gini", "entropy", "log_loss"):
        raise BrineFormatError("RandomForest criterion %r is not known to scikit-learn" % (criterion,))
    max_depth = hyper.get("maxDepth")
    forest = RandomForestClassifier(
        n_estimators=len(reader.offsets) - 1, criterion=criterion, max_depth=max_depth,
        min_samples_split=int(hyper.get("minSamplesSplit", 2)), min_samples_leaf=int(hyper.get("minSamplesLeaf", 1)),
        max_features=_max_features_param(hyper.get("maxFeatures", "sqrt")), bootstrap=bool(hyper.get("bootstrap", True)),
        oob_score=bool(hyper.get("oobScore", False)))
    features, classes = reader.n_features, len(reader.classes)
    tree_count = len(reader.offsets) - 1
    importances = reader.feature_importances
    shares = None
    # Whole-forest arrays (global node indices), so the derivations below are numpy passes by depth.
    sizes = np.diff(reader.offsets)
    total = int(reader.offsets[-1])
    tree_of = np.repeat(np.arange(tree_count), sizes)
    base = np.repeat(reader.offsets[:-1], sizes)
    split = reader.features >= 0
    left = np.where(split, reader.left + base, -1)
    right = np.where(split, reader.right + base, -1)
    uses = np.zeros((tree_count, features))
    np.add.at(uses, (tree_of[split], reader.features[split]), 1.0)
    if importances is not None and np.isfinite(importances).all() and (importances >= 0).all() \
            and abs(importances.sum() - 1) < 1e-9:
        shares = _sinkhorn_shares(uses, np.asarray(importances, dtype=np.float64), tree_count)
    if importances is not None and shares is None:
        import warnings
        warnings.warn("brine.load: this RandomForest's featureImportances cannot come from its trees' splits; "
                      "the loaded forest's feature_importances_ will differ from the file's", UserWarning)
    # Depths, top-down (the reader checked every child lies after its node inside its tree: no cycles).
    depth = np.zeros(total, dtype=np.int64)
    frontier, level = reader.offsets[:-1].astype(np.int64), 0
    while frontier.size:
        depth[frontier] = level
        frontier = frontier[split[frontier]]
        frontier = np.concatenate([left[frontier], right[frontier]])
        level += 1
    # Statistics Brine does not store: every node weighs 1, leaves have impurity 0, and a split's
    # impurity exceeds its children's by its tree's share of its feature's importance.
    gain = np.zeros(total)
    if shares is not None:
        per_split = np.divide(shares, uses, out=np.zeros_like(shares), where=uses > 0)
        gain[split] = per_split[tree_of[split], reader.features[split]]
    else:
        gain[split] = 1.0
    impurity = np.zeros(total)
    counts = np.ones(total, dtype=np.int64)
    values = np.array(reader.values, dtype=np.float64)  # leaves: the file's rows; splits: set below
    by_depth = np.argsort(depth, kind="stable")
    starts = np.searchsorted(depth[by_depth], np.arange(level + 1))
    for d in range(level - 1, -1, -1):  # children before parents
        nodes = by_depth[starts[d]:starts[d + 1]]
        nodes = nodes[split[nodes]]
        l, r = left[nodes], right[nodes]
        impurity[nodes] = gain[nodes] + impurity[l] + impurity[r]
        counts[nodes] = counts[l] + counts[r]
        values[nodes] = (values[l] * counts[l, None] + values[r] * counts[r, None]) / counts[nodes, None]
    records = np.zeros(total, dtype=NODE_DTYPE)
    fields = NODE_DTYPE.names
    records["left_child"] = np.where(split, reader.left, -1)
    records["right_child"] = np.where(split, reader.right, -1)
    records["feature"] = np.where(split, reader.features, -2)
    records["threshold"] = np.where(split, reader.thresholds, -2.0)
    records["impurity"] = impurity
    if "n_node_samples" in fields:
        records["n_node_samples"] = counts
    if "weighted_n_node_samples" in fields:
        records["weighted_n_node_samples"] = 1.0
    if "missing_go_to_left" in fields:
        records["missing_go_to_left"] = 1
    values = values.reshape(total, 1, classes)
    max_depths = np.maximum.reduceat(depth, reader.offsets[:-1])
    params = {name: getattr(forest, name) for name in forest.estimator_params if name != "random_state"}
    max_features = _resolved_max_features(params.get("max_features"), features)
    estimators = []
    for t in range(tree_count):
        begin, end = int(reader.offsets[t]), int(reader.offsets[t + 1])
        tree = Tree(features, np.array([classes], dtype=np.intp), 1)
        tree.__setstate__({"max_depth": int(max_depths[t]), "node_count": end - begin,
                           "nodes": np.ascontiguousarray(records[begin:end]),
                           "values": np.ascontiguousarray(values[begin:end])})
        estimator = DecisionTreeClassifier(**params)
        estimator.tree_ = tree
        estimator.n_features_in_ = features
        estimator.n_outputs_ = 1
        estimator.n_classes_ = classes
        estimator.classes_ = np.arange(classes, dtype=np.float64)  # forests fit their trees on class indices
        estimator.max_features_ = max_features
        estimators.append(estimator)
    forest.estimators_ = estimators
    forest.estimator_ = DecisionTreeClassifier(**params)
    forest.classes_ = _classes_array(reader.classes)
    forest.n_classes_ = classes
    forest.n_outputs_ = 1
    forest.n_features_in_ = features
    if importances is not None:
        # Re-dumping this forest unchanged writes the file's importances bit for bit (a refit replaces
        # estimators_, and then scikit-learn's own feature_importances_ is used).
        forest._brine_importances = (forest.estimators_, np.array(importances, dtype=np.float64))
    _set_names(forest, node_)
    return forest


def _resolved_max_features(max_features, features):
    if max_features is None:
        return features
    if max_features == "sqrt":
        return max(1, int(np.sqrt(features)))
    if max_features == "log2":
        return max(1, int(np.log2(features)))
    if isinstance(max_features, float):
        return max(1, int(max_features * features))
    return int(max_features)


def _register_bridge():
    from ._sklearn import FROM_BRINE, TO_BRINE
    TO_BRINE["RandomForestClassifier"] = forest_to_brine
    FROM_BRINE["RandomForest"] = forest_from_brine


_register_bridge()
