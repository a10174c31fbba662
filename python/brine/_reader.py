"""numpy-only models built from Brine files: ``predict`` / ``predict_proba`` / ``transform``.

A model type is added by registering one builder function in :data:`READERS`::

    @register("MyType")
    def _my_type(node, arrays, prefix, children):
        return MyModel(...)   # an object with transform and/or predict / predict_proba

``node`` is the manifest node, ``arrays`` maps full names to arrays, ``prefix`` is this node's
array prefix (``"step."``), ``children`` the already-built child models as ``[(name, model)]``.
Loading never runs code named by a file: an unregistered type is an error.
"""

import numpy as np

from ._format import BrineFormatError, read_file

#: type name (manifest ``type``) -> builder ``(node, arrays, prefix, children) -> model``.
READERS = {}


def register(type_name):
    """Decorator registering a builder for the manifest type ``type_name``."""
    def decorate(builder):
        READERS[type_name] = builder
        return builder
    return decorate


class ColumnMismatchError(ValueError):
    """The input's columns do not match the model's feature names or count."""


def node_array(node, arrays, prefix, name, dtype=np.float64, shape=None, required=True):
    """The array ``name`` of a node, checked for dtype and shape; ``None`` when absent and optional."""
    if name not in node["arrays"]:
        if required:
            raise BrineFormatError("%s has no array %s" % (node["type"], prefix + name))
        return None
    array = arrays[prefix + name]
    if array.dtype != np.dtype(dtype).newbyteorder("<"):
        raise BrineFormatError("array %s is %s, expected %s" % (prefix + name, array.dtype, np.dtype(dtype)))
    if shape is not None and tuple(array.shape) != tuple(shape):
        raise BrineFormatError("array %s has shape %s, expected %s" % (prefix + name, list(array.shape), list(shape)))
    return array


def finite_array(array, name):
    """Refuses NaN or infinity in a stored array (``name`` names it in the error)."""
    if array is not None and array.dtype.kind == "f" and not np.isfinite(array).all():
        index = int(np.flatnonzero(~np.isfinite(array.ravel()))[0])
        raise BrineFormatError("array %s has a non-finite value at flat index %d" % (name, index))
    return array


def feature_count(node):
    """The node's ``attributes.featureCount`` (a positive integer) or ``None``."""
    value = node.get("attributes", {}).get("featureCount")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BrineFormatError("%s attributes.featureCount must be a positive integer" % node["type"])
    return value


def as_matrix(x, columns, allow_nan=False, what="model"):
    """``x`` as a float64 matrix of ``columns`` columns; NaN/infinity refused unless ``allow_nan``."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        raise ColumnMismatchError("expected a 2-D input (rows x %s features), got a 1-D array; "
                                  "use x.reshape(1, -1) for one row" % columns)
    if x.ndim != 2:
        raise ColumnMismatchError("expected a 2-D input, got %d dimensions" % x.ndim)
    if columns is not None and x.shape[1] != columns:
        raise ColumnMismatchError("%s expects %d features, the input has %d columns" % (what, columns, x.shape[1]))
    if allow_nan:
        if np.isinf(x).any():
            raise ValueError("%s: the input contains infinity" % what)
    elif not np.isfinite(x).all():
        row, column = np.argwhere(~np.isfinite(x))[0]
        raise ValueError("%s does not accept NaN or infinity (row %d, column %d)" % (what, row, column))
    return x


class ReadModel:
    """Base of the reader's models: ``feature_names``, ``n_features``, ``classes`` (classifiers)."""

    classes = None
    feature_names = None
    n_features = None
    #: Whether NaN may reach this model's input (scikit-learn's ``allow_nan`` tag).
    allow_nan = False
    #: Whether the input may be a table with text columns (an object array), not only numbers.
    accepts_table = False

    def _x(self, x):
        if self.accepts_table:
            from ._table import as_table
            return as_table(x, self.n_features, type(self).__name__)
        return as_matrix(x, self.n_features, self.allow_nan, type(self).__name__)


class StandardScaler(ReadModel):
    """``(x - mean) / scale`` with either part optional; NaN passes through (as in scikit-learn)."""

    allow_nan = True

    def __init__(self, node, arrays, prefix):
        features = feature_count(node)
        self.mean = finite_array(node_array(node, arrays, prefix, "mean", required=False), prefix + "mean")
        self.scale = finite_array(node_array(node, arrays, prefix, "scale", required=False), prefix + "scale")
        self.variance = node_array(node, arrays, prefix, "variance", required=False)
        for name, array in (("mean", self.mean), ("scale", self.scale), ("variance", self.variance)):
            if array is not None:
                if array.ndim != 1 or (features is not None and array.shape[0] != features):
                    raise BrineFormatError("array %s%s has shape %s for %s features"
                                           % (prefix, name, list(array.shape), features))
                features = array.shape[0]
        if self.scale is not None and not (self.scale > 0).all():
            raise BrineFormatError("array %sscale has a non-positive value" % prefix)
        self.n_features = features
        self.feature_names = node.get("featureNames")

    def transform(self, x):
        x = np.array(self._x(x), dtype=np.float64, copy=True)
        if self.mean is not None:
            x -= self.mean
        if self.scale is not None:
            x /= self.scale
        return x


class Classifier(ReadModel):
    """Label handling: ``classes`` from the manifest, ``predict`` = the most probable class."""

    def __init__(self, node):
        classes = node.get("classes")
        if not isinstance(classes, list) or len(classes) < 2:
            raise BrineFormatError("%s needs at least two classes" % node["type"])
        if len(set(map(repr, classes))) != len(classes):
            raise BrineFormatError("%s lists a class twice" % node["type"])
        self.classes = list(classes)
        self.feature_names = node.get("featureNames")

    def predict(self, x):
        return np.asarray(self.classes, dtype=object)[np.argmax(self.predict_proba(x), axis=1)].tolist()


class LogisticRegression(Classifier):
    """Binary (one coefficient row, sigmoid) and multinomial (softmax) logistic regression."""

    def __init__(self, node, arrays, prefix):
        super().__init__(node)
        outputs = 1 if len(self.classes) == 2 else len(self.classes)
        coefficients = node_array(node, arrays, prefix, "coefficients")
        if coefficients.ndim != 2 or coefficients.shape[0] != outputs:
            raise BrineFormatError("array %scoefficients has shape %s, expected [%d, features] for %d classes"
                                   % (prefix, list(coefficients.shape), outputs, len(self.classes)))
        features = feature_count(node)
        if features is not None and coefficients.shape[1] != features:
            raise BrineFormatError("array %scoefficients has %d columns for %d features"
                                   % (prefix, coefficients.shape[1], features))
        self.coefficients = finite_array(coefficients, prefix + "coefficients")
        self.intercepts = finite_array(node_array(node, arrays, prefix, "intercepts", shape=(outputs,)),
                                       prefix + "intercepts")
        self.n_features = coefficients.shape[1]

    def decision_function(self, x):
        return self._x(x) @ self.coefficients.T + self.intercepts

    def predict_proba(self, x):
        d = self.decision_function(x)
        if d.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-d[:, 0]))
            return np.column_stack([1.0 - p, p])
        e = np.exp(d - d.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, x):
        d = self.decision_function(x)
        labels = np.asarray(self.classes, dtype=object)
        if d.shape[1] == 1:
            return labels[(d[:, 0] > 0).astype(np.int64)].tolist()
        return labels[np.argmax(d, axis=1)].tolist()


class Pipeline(ReadModel):
    """Steps in order: transformers, then optionally a final classifier."""

    def __init__(self, node, children):
        if not children:
            raise BrineFormatError("a pipeline has no steps")
        self.steps = children
        last = children[-1][1]
        self.classes = getattr(last, "classes", None)
        first = children[0][1]
        self.n_features = getattr(first, "n_features", None)
        self.feature_names = node.get("featureNames") or getattr(first, "feature_names", None)
        self.allow_nan = getattr(first, "allow_nan", False)
        self.accepts_table = getattr(first, "accepts_table", False)
        for name, step in children[:-1]:
            if not hasattr(step, "transform"):
                raise BrineFormatError("pipeline step %s is not a transformer" % name)

    def _through_transformers(self, x):
        x = self._x(x)
        for _, step in self.steps[:-1]:
            x = step.transform(x)
        return x

    def transform(self, x):
        last = self.steps[-1][1]
        if not hasattr(last, "transform"):
            raise TypeError("this pipeline ends with a classifier; use predict or predict_proba")
        return last.transform(self._through_transformers(x))

    def predict(self, x):
        return self.steps[-1][1].predict(self._through_transformers(x))

    def predict_proba(self, x):
        return self.steps[-1][1].predict_proba(self._through_transformers(x))


@register("StandardScaler")
def _standard_scaler(node, arrays, prefix, children):
    return StandardScaler(node, arrays, prefix)


@register("LogisticRegression")
def _logistic_regression(node, arrays, prefix, children):
    return LogisticRegression(node, arrays, prefix)


@register("Pipeline")
def _pipeline(node, arrays, prefix, children):
    return Pipeline(node, children)


def build_node(node, arrays, prefix=""):
    """The reader model of one manifest node (children first)."""
    builder = READERS.get(node["type"])
    if builder is None:
        raise BrineFormatError("model type %s is not supported by this reader (supported: %s)"
                               % (node["type"], ", ".join(sorted(READERS))))
    children = [(child["name"], build_node(child["model"], arrays, prefix + child["name"] + "."))
                for child in node["children"]]
    return builder(node, arrays, prefix, children)


class Model:
    """A model read from a Brine file, predicting by column name where names exist.

    ``predict``, ``predict_proba`` and ``transform`` take a pandas DataFrame (columns matched to the
    model's ``feature_names`` by name and reordered; missing or extra columns are an error), a numpy
    array of the right width (positional), or an array plus ``columns=[names]`` (matched by name).
    """

    def __init__(self, brine_file, inner):
        self.file = brine_file
        self.manifest = brine_file.manifest
        self._inner = inner
        self.feature_names = inner.feature_names
        self.n_features = inner.n_features
        self.classes = inner.classes
        self.type = brine_file.manifest["model"]["type"]
        self.accepts_table = getattr(inner, "accepts_table", False)

    def __repr__(self):
        return "<brine.Model %s, %s features%s>" % (
            self.type, self.n_features, ", classes %r" % (self.classes,) if self.classes is not None else "")

    def align(self, x, columns=None):
        """``x`` as a float64 matrix in the model's feature order (see the class documentation)."""
        if columns is None and hasattr(x, "columns") and hasattr(x, "to_numpy"):
            columns = [str(c) for c in x.columns]
            x = x.to_numpy(dtype=object) if self.accepts_table else x.to_numpy(dtype=np.float64, na_value=np.nan)
        if self.accepts_table:
            x = np.asarray(x) if isinstance(x, np.ndarray) else np.asarray(x, dtype=object)
        else:
            x = np.asarray(x, dtype=np.float64)
        if columns is None or self.feature_names is None:
            if columns is not None and self.n_features is not None and len(columns) != self.n_features:
                raise ColumnMismatchError("the model expects %d features (it records no names), the input has %d "
                                          "columns" % (self.n_features, len(columns)))
            return x
        return x[:, column_order(self.feature_names, columns)]

    def predict(self, x, columns=None):
        """Class labels (classifiers)."""
        if not hasattr(self._inner, "predict"):
            raise TypeError("%s is a transformer; use transform" % self.type)
        return self._inner.predict(self.align(x, columns))

    def predict_proba(self, x, columns=None):
        """Class probabilities, columns in ``classes`` order (classifiers)."""
        if not hasattr(self._inner, "predict_proba"):
            raise TypeError("%s is a transformer; use transform" % self.type)
        return self._inner.predict_proba(self.align(x, columns))

    def transform(self, x, columns=None):
        """Transformed features (transformers and pipelines of transformers)."""
        if not hasattr(self._inner, "transform"):
            raise TypeError("%s is a classifier; use predict or predict_proba" % self.type)
        return self._inner.transform(self.align(x, columns))


def column_order(feature_names, columns):
    """Indices taking ``columns`` to ``feature_names``' order; a clear error if the sets differ."""
    columns = [str(c) for c in columns]
    if len(set(columns)) != len(columns):
        duplicated = sorted({c for c in columns if columns.count(c) > 1})
        raise ColumnMismatchError("the input has duplicate column %r" % duplicated[0])
    position = {name: index for index, name in enumerate(columns)}
    missing = [name for name in feature_names if name not in position]
    known = set(feature_names)
    extra = [name for name in columns if name not in known]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing column%s %s" % ("s" if len(missing) > 1 else "", ", ".join(map(repr, missing[:5]))))
        if extra:
            parts.append("unexpected column%s %s" % ("s" if len(extra) > 1 else "", ", ".join(map(repr, extra[:5]))))
        raise ColumnMismatchError("the input's columns do not match the model's features: %s" % "; ".join(parts))
    return [position[name] for name in feature_names]


def read(path, verify_checksums=True, mmap_mode=None):
    """Reads a Brine file as a numpy-only :class:`Model` (no scikit-learn needed)."""
    from . import _forest  # noqa: F401  (registers RandomForest)
    brine_file = read_file(path, verify_checksums=verify_checksums, mmap_mode=mmap_mode)
    return Model(brine_file, build_node(brine_file.model, brine_file.arrays))
