"""Table transformers: SimpleImputer, OneHotEncoder, OrdinalEncoder (numpy reader and scikit-learn bridge).

A *table* here is a 2-D numpy object array (a pandas DataFrame is converted by column name first):
a **numeric** column holds numbers (NaN = missing), a **categorical** column holds strings
(``None`` or NaN = missing). The rules are Swift's (docs/TABULAR.md): categories in Python's
code-point order, a missing cell is a category of its own (``nan``) for OneHotEncoder and NaN for
OrdinalEncoder, the imputer drops columns with no value seen at fit.

The scikit-learn side never sets private attributes: ``brine.load`` builds each estimator with
explicit ``categories=`` (and ``fill_value``) and fits it on a few synthetic rows that reproduce the
file's fitted state exactly (a one-value column has that value as mean, median and mode; an
infrequent category gets one row, a frequent one several), then restores the public parameters. So
the estimator's private fitted state is always the installed scikit-learn's own.
"""

import math

import numpy as np

from ._format import BrineFormatError, node
from ._reader import ColumnMismatchError, ReadModel, feature_count, finite_array, node_array, register


# ---------------------------------------------------------------- cells

def is_missing(value):
    """``None``, NaN (float or numpy) and pandas' ``NA`` are missing cells."""
    if value is None:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _is_text(value):
    return isinstance(value, (str, np.str_))


def as_table(x, columns, what):
    """``x`` as a 2-D object array of ``columns`` columns (a bare 1-D input is refused)."""
    if hasattr(x, "to_numpy") and hasattr(x, "columns"):
        x = x.to_numpy(dtype=object)
    x = np.asarray(x, dtype=object) if not isinstance(x, np.ndarray) or x.dtype != object else x
    if x.ndim != 2:
        raise ColumnMismatchError("%s expects a 2-D table (rows x %s columns), got %d dimension(s)"
                                  % (what, columns, x.ndim))
    if columns is not None and x.shape[1] != columns:
        raise ColumnMismatchError("%s expects %d columns, the input has %d" % (what, columns, x.shape[1]))
    return x


def numeric_column(column, j, what):
    """A column as float64 (NaN = missing); text or infinity is an error naming the column."""
    out = np.empty(len(column), dtype=np.float64)
    for i, value in enumerate(column):
        if is_missing(value):
            out[i] = np.nan
        elif _is_text(value) or isinstance(value, (bool, np.bool_)):
            raise ValueError("%s: column %d is numeric, row %d holds %r" % (what, j, i, value))
        else:
            out[i] = float(value)
            if math.isinf(out[i]):
                raise ValueError("%s: column %d, row %d is infinite" % (what, j, i))
    return out


def text_column(column, j, what):
    """A column as a list of strings and ``None`` (missing); a number is an error naming the column."""
    out = []
    for i, value in enumerate(column):
        if is_missing(value):
            out.append(None)
        elif _is_text(value):
            out.append(str(value))
        else:
            raise ValueError("%s: column %d is categorical (text), row %d holds %r; read codes as text"
                             % (what, j, i, value))
    return out


def _finish(columns, kinds):
    """Output columns as a float64 matrix when all numeric, else an object table."""
    rows = len(columns[0]) if columns else 0
    if all(kind == "numeric" for kind in kinds):
        return np.column_stack(columns).astype(np.float64) if columns else np.zeros((rows, 0))
    out = np.empty((rows, len(columns)), dtype=object)
    for j, column in enumerate(columns):
        out[:, j] = column
    return out


def _string_list(value, what):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BrineFormatError("%s must be a list of strings" % what)
    return value


def _category_lists(node_, key, features):
    lists = node_.get("attributes", {}).get(key)
    if not isinstance(lists, list) or len(lists) != features:
        raise BrineFormatError("%s attributes.%s must list one entry per feature (%d)" % (node_["type"], key, features))
    result = []
    for j, categories in enumerate(lists):
        categories = _string_list(categories, "%s attributes.%s[%d]" % (node_["type"], key, j))
        if len(categories) > 1 << 20 or any(len(c.encode("utf-8")) > 65536 for c in categories):
            raise BrineFormatError("%s attributes.%s[%d] is too large" % (node_["type"], key, j))
        if any(a >= b for a, b in zip(categories, categories[1:])):
            raise BrineFormatError("%s attributes.%s[%d] is not strictly increasing" % (node_["type"], key, j))
        result.append(categories)
    return result


def _per_column(node_, key, features, check, what):
    values = node_.get("attributes", {}).get(key)
    if not isinstance(values, list) or len(values) != features or not all(check(v) for v in values):
        raise BrineFormatError("%s attributes.%s must list one %s per feature (%d)" % (node_["type"], key, what, features))
    return values


def _positions(node_, key, features):
    values = node_.get("attributes", {}).get(key)
    if (not isinstance(values, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in values)
            or any(not 0 <= v < features for v in values) or any(a >= b for a, b in zip(values, values[1:]))):
        raise BrineFormatError("%s attributes.%s must be increasing positions below %d" % (node_["type"], key, features))
    return values


def _features(node_):
    features = feature_count(node_)
    if features is None:
        raise BrineFormatError("%s has no attributes.featureCount" % node_["type"])
    names = node_.get("featureNames")
    if names is not None and len(names) != features:
        raise BrineFormatError("%s has %d feature names for %d features" % (node_["type"], len(names), features))
    return features


# ---------------------------------------------------------------- numpy readers

class SimpleImputer(ReadModel):
    """Fills missing cells per column (numeric statistic or text), drops empty columns, adds indicators."""

    allow_nan = True
    accepts_table = True

    def __init__(self, node_, arrays, prefix):
        hyper = node_["hyperparameters"]
        self.strategy = hyper.get("strategy")
        if self.strategy not in ("mean", "median", "mostFrequent", "constant"):
            raise BrineFormatError("SimpleImputer strategy %r is not known" % (self.strategy,))
        self.numeric_fill = hyper.get("numericFillValue")
        self.text_fill = hyper.get("categoricalFillValue")
        self.add_indicator = hyper.get("addIndicator")
        if (not isinstance(self.numeric_fill, (int, float)) or isinstance(self.numeric_fill, bool)
                or not math.isfinite(self.numeric_fill) or not isinstance(self.text_fill, str)
                or not isinstance(self.add_indicator, bool)):
            raise BrineFormatError("SimpleImputer hyperparameters numericFillValue (finite), categoricalFillValue "
                                   "(text), addIndicator (bool) are required")
        features = self.n_features = _features(node_)
        self.feature_names = node_.get("featureNames")
        self.kinds = _per_column(node_, "columnKinds", features, lambda v: v in ("numeric", "categorical"),
                                 "\"numeric\" or \"categorical\"")
        self.texts = _per_column(node_, "categoricalStatistics", features, lambda v: v is None or isinstance(v, str),
                                 "string or null")
        self.numbers = finite_array(node_array(node_, arrays, prefix, "numericStatistics", shape=(features,)),
                                    prefix + "numericStatistics")
        self.empty = set(_positions(node_, "emptyColumns", features))
        self.indicators = _positions(node_, "indicatorColumns", features)
        if self.indicators and not self.add_indicator:
            raise BrineFormatError("SimpleImputer lists indicator columns but addIndicator is off")
        for j in range(features):
            if self.kinds[j] == "numeric" and self.texts[j] is not None:
                raise BrineFormatError("SimpleImputer numeric column %d has a text statistic" % j)
            if self.kinds[j] == "categorical":
                if self.numbers[j] != 0 or (self.texts[j] is None) != (j in self.empty):
                    raise BrineFormatError("SimpleImputer categorical column %d has inconsistent statistics" % j)
                if self.strategy in ("mean", "median"):
                    raise BrineFormatError("SimpleImputer categorical column %d with strategy %s" % (j, self.strategy))
        if len(self.empty) == features and not self.indicators:
            raise BrineFormatError("the imputer outputs no columns")

    def output_names(self):
        names = self.feature_names or ["x%d" % j for j in range(self.n_features)]
        return ([names[j] for j in range(self.n_features) if j not in self.empty]
                + ["missingindicator_%s" % names[j] for j in self.indicators])

    def transform(self, x):
        x = as_table(x, self.n_features, "SimpleImputer")
        columns, kinds, missing = [], [], {}
        for j in range(self.n_features):
            if self.kinds[j] == "numeric":
                values = numeric_column(x[:, j], j, "SimpleImputer")
                gaps = np.isnan(values)
                if j not in self.empty:
                    columns.append(np.where(gaps, self.numbers[j], values))
                    kinds.append("numeric")
            else:
                values = text_column(x[:, j], j, "SimpleImputer")
                gaps = np.array([v is None for v in values], dtype=bool)
                if j not in self.empty:
                    columns.append(np.array([self.texts[j] if v is None else v for v in values], dtype=object))
                    kinds.append("categorical")
            missing[j] = gaps
        for j in self.indicators:
            columns.append(missing[j].astype(np.float64))
            kinds.append("numeric")
        return _finish(columns, kinds)


class OrdinalEncoder(ReadModel):
    """Each text column becomes its category codes (NaN for a missing cell)."""

    allow_nan = True
    accepts_table = True

    def __init__(self, node_, arrays, prefix):
        hyper = node_["hyperparameters"]
        self.n_features = _features(node_)
        self.feature_names = node_.get("featureNames")
        self.categories = _category_lists(node_, "categories", self.n_features)
        unknown, value = hyper.get("handleUnknown"), hyper.get("unknownValue", "absent")
        if unknown == "error" and value is None:
            self.unknown_value = None
        elif unknown == "useEncodedValue" and (value is None or (isinstance(value, int) and not isinstance(value, bool))):
            self.unknown_value = np.nan if value is None else float(value)
            if value is not None and 0 <= value < max(len(c) for c in self.categories):
                raise BrineFormatError("OrdinalEncoder unknownValue %d is a category code" % value)
        else:
            raise BrineFormatError("OrdinalEncoder handleUnknown must be \"error\" (unknownValue null) or "
                                   "\"useEncodedValue\" (an integer or null)")
        self.handle_unknown = unknown
        self.codes = [{c: float(i) for i, c in enumerate(categories)} for categories in self.categories]

    def transform(self, x):
        x = as_table(x, self.n_features, "OrdinalEncoder")
        out = np.empty(x.shape, dtype=np.float64)
        for j in range(self.n_features):
            for i, value in enumerate(text_column(x[:, j], j, "OrdinalEncoder")):
                if value is None:
                    out[i, j] = np.nan
                elif value in self.codes[j]:
                    out[i, j] = self.codes[j][value]
                elif self.unknown_value is None:
                    raise ValueError("OrdinalEncoder: unknown category %r in column %d, row %d" % (value, j, i))
                else:
                    out[i, j] = self.unknown_value
        return out


class OneHotEncoder(ReadModel):
    """One 0/1 column per (frequent) category, an infrequent group, a missing category, drops."""

    allow_nan = True
    accepts_table = True

    def __init__(self, node_, arrays, prefix):
        hyper = node_["hyperparameters"]
        self.handle_unknown = hyper.get("handleUnknown")
        self.drop = hyper.get("drop")
        if self.handle_unknown not in ("error", "ignore") or self.drop not in ("none", "first", "ifBinary"):
            raise BrineFormatError("OneHotEncoder handleUnknown must be error|ignore and drop none|first|ifBinary")
        frequency = "minimumFrequency" in hyper or "maximumCategories" in hyper
        self.n_features = features = _features(node_)
        self.feature_names = node_.get("featureNames")
        self.categories = _category_lists(node_, "categories", features)
        self.missing = _per_column(node_, "missingIsCategory", features, lambda v: isinstance(v, bool), "bool")
        infrequent = _per_column(node_, "infrequentCategories", features, lambda v: isinstance(v, list), "list")
        dropped = _per_column(node_, "droppedColumns", features,
                              lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)), "integer or null")
        self.maps, self.widths, self.dropped = [], [], []
        for j in range(features):
            count = len(self.categories[j]) + (1 if self.missing[j] else 0)
            if count == 0:
                raise BrineFormatError("OneHotEncoder column %d has no categories" % j)
            rare = infrequent[j]
            if (not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < count for v in rare)
                    or any(a >= b for a, b in zip(rare, rare[1:]))):
                raise BrineFormatError("OneHotEncoder attributes.infrequentCategories[%d] must be increasing "
                                       "indices below %d" % (j, count))
            if rare and not frequency:
                raise BrineFormatError("OneHotEncoder column %d has infrequent categories but no frequency option" % j)
            frequent = [i for i in range(count) if i not in set(rare)]
            width = len(frequent) + (1 if rare else 0)
            mapping = {index: position for position, index in enumerate(frequent)}
            for index in rare:
                mapping[index] = len(frequent)
            expected = {"none": None, "first": 0, "ifBinary": 0 if width == 2 else None}[self.drop]
            if dropped[j] != expected:
                raise BrineFormatError("OneHotEncoder column %d drops %r, which drop %s does not give"
                                       % (j, dropped[j], self.drop))
            self.maps.append(mapping)
            self.widths.append(width)
            self.dropped.append(expected)

    def transform(self, x):
        x = as_table(x, self.n_features, "OneHotEncoder")
        blocks = []
        for j in range(self.n_features):
            index = {c: i for i, c in enumerate(self.categories[j])}
            block = np.zeros((x.shape[0], self.widths[j]))
            for i, value in enumerate(text_column(x[:, j], j, "OneHotEncoder")):
                category = len(self.categories[j]) if value is None and self.missing[j] else index.get(value)
                if category is None:
                    if self.handle_unknown == "error":
                        raise ValueError("OneHotEncoder: unknown category %r in column %d, row %d"
                                         % ("nan" if value is None else value, j, i))
                    continue
                block[i, self.maps[j][category]] = 1.0
            if self.dropped[j] is not None:
                block = np.delete(block, self.dropped[j], axis=1)
            blocks.append(block)
        return np.hstack(blocks)


@register("SimpleImputer")
def _simple_imputer(node_, arrays, prefix, children):
    return SimpleImputer(node_, arrays, prefix)


@register("OrdinalEncoder")
def _ordinal_encoder(node_, arrays, prefix, children):
    return OrdinalEncoder(node_, arrays, prefix)


@register("OneHotEncoder")
def _one_hot_encoder(node_, arrays, prefix, children):
    return OneHotEncoder(node_, arrays, prefix)


# ---------------------------------------------------------------- scikit-learn: to Brine

def _text_categories(estimator, j, values):
    """A fitted ``categories_[j]`` as (strings, missing seen): trailing NaN stripped, text required."""
    values = list(values)
    missing = bool(values) and is_missing(values[-1])
    if missing:
        values = values[:-1]
    if not all(_is_text(v) for v in values):
        raise ValueError("%s column %d has categories %r; Brine encodes text columns only (cast codes to str "
                         "before fitting)" % (type(estimator).__name__, j, values[:3]))
    values = [str(v) for v in values]
    if any(a >= b for a, b in zip(values, values[1:])):
        raise ValueError("%s column %d has unsorted or duplicate categories" % (type(estimator).__name__, j))
    return values, missing


def _common_refusals(estimator, name):
    from ._sklearn import _refuse_options
    params = estimator.get_params(deep=False)
    if not (isinstance(params.get("categories"), str) and params["categories"] == "auto"):
        raise ValueError("%s(categories=%r) is not supported by Brine (supported: 'auto')" % (name, params.get("categories")))
    if np.dtype(params.get("dtype", np.float64)) != np.float64:
        raise ValueError("%s(dtype=%r) is not supported by Brine (supported: numpy.float64)" % (name, params.get("dtype")))
    return _refuse_options


def ordinal_to_brine(encoder):
    from ._sklearn import _check_fitted, _feature_names
    _check_fitted(encoder, "categories_")
    refuse = _common_refusals(encoder, "OrdinalEncoder")
    refuse(encoder, {"handle_unknown": ("error", "use_encoded_value"), "min_frequency": (None,),
                     "max_categories": (None,)})
    if not is_missing(encoder.encoded_missing_value):
        raise ValueError("OrdinalEncoder(encoded_missing_value=%r) is not supported by Brine (supported: nan)"
                         % (encoder.encoded_missing_value,))
    categories = [_text_categories(encoder, j, values)[0] for j, values in enumerate(encoder.categories_)]
    if encoder.handle_unknown == "error":
        hyper = {"handleUnknown": "error", "unknownValue": None}
    else:
        value = encoder.unknown_value
        hyper = {"handleUnknown": "useEncodedValue", "unknownValue": None if is_missing(value) else int(value)}
    return node("OrdinalEncoder", 1, hyper, attributes={"featureCount": len(categories), "categories": categories},
                feature_names=_feature_names(encoder))


def one_hot_to_brine(encoder):
    from ._sklearn import _check_fitted, _feature_names
    _check_fitted(encoder, "categories_")
    refuse = _common_refusals(encoder, "OneHotEncoder")
    refuse(encoder, {"handle_unknown": ("error", "ignore"), "sparse_output": (False,),
                     "drop": (None, "first", "if_binary"), "feature_name_combiner": ("concat",)})
    params = encoder.get_params(deep=False)
    hyper = {"handleUnknown": params["handle_unknown"],
             "drop": {None: "none", "first": "first", "if_binary": "ifBinary"}[params["drop"]]}
    minimum, maximum = params.get("min_frequency"), params.get("max_categories")
    if minimum is not None:
        if isinstance(minimum, (int, np.integer)) and not isinstance(minimum, bool):
            hyper["minimumFrequency"] = {"count": int(minimum)}
        else:
            hyper["minimumFrequency"] = {"fraction": float(minimum)}
    if maximum is not None:
        hyper["maximumCategories"] = int(maximum)
    categories, missing, infrequent, dropped = [], [], [], []
    for j, values in enumerate(encoder.categories_):
        strings, seen = _text_categories(encoder, j, values)
        categories.append(strings)
        missing.append(seen)
        rare = getattr(encoder, "infrequent_categories_", None)
        rare = [] if rare is None or rare[j] is None else list(rare[j])
        order = list(values)
        indices = sorted(len(strings) if is_missing(v) else strings.index(str(v)) for v in rare)
        infrequent.append(indices)
        width = len(order) - len(indices) + (1 if indices else 0)
        dropped.append({None: None, "first": 0, "if_binary": 0 if width == 2 else None}[params["drop"]])
    return node("OneHotEncoder", 1, hyper,
                attributes={"featureCount": len(categories), "categories": categories, "missingIsCategory": missing,
                            "infrequentCategories": infrequent, "droppedColumns": dropped},
                feature_names=_feature_names(encoder))


def imputer_to_brine(imputer):
    from ._sklearn import _check_fitted, _feature_names, _refuse_options
    _check_fitted(imputer, "statistics_")
    name = "SimpleImputer"
    if not is_missing(imputer.missing_values):
        raise ValueError("SimpleImputer(missing_values=%r) is not supported by Brine (supported: nan)"
                         % (imputer.missing_values,))
    _refuse_options(imputer, {"strategy": ("mean", "median", "most_frequent", "constant"),
                              "keep_empty_features": (False,)})
    statistics = imputer.statistics_
    features = len(statistics)
    strategy = {"mean": "mean", "median": "median", "most_frequent": "mostFrequent", "constant": "constant"}[imputer.strategy]
    text_mode = any(_is_text(v) for v in statistics.tolist())
    if imputer.strategy == "constant":
        fit_dtype = getattr(imputer, "_fit_dtype", None)  # which default fill scikit-learn used
        text_mode = _is_text(imputer.fill_value) or (imputer.fill_value is None and fit_dtype is not None
                                                      and np.dtype(fit_dtype).kind == "O")
    kinds, numbers, texts, empty = [], np.zeros(features), [], []
    fill = imputer.fill_value
    numeric_fill, text_fill = 0.0, "missing_value"
    if imputer.strategy == "constant":
        if text_mode:
            if fill is not None and not _is_text(fill):
                raise ValueError("SimpleImputer(fill_value=%r) on text columns: Brine fills text with text" % (fill,))
            text_fill = "missing_value" if fill is None else str(fill)
        else:
            numeric_fill = 0.0 if fill is None else float(fill)
            if not math.isfinite(numeric_fill):
                raise ValueError("SimpleImputer(fill_value=%r) is not finite" % (fill,))
    for j, value in enumerate(statistics.tolist()):
        if is_missing(value):
            kinds.append("categorical" if text_mode and imputer.strategy == "constant" else "numeric")
            texts.append(None)
            empty.append(j)
        elif _is_text(value):
            if imputer.strategy == "constant" and str(value) != text_fill:
                raise ValueError("SimpleImputer column %d is filled with %r, not the constant" % (j, value))
            kinds.append("categorical")
            texts.append(str(value))
        else:
            if text_mode and imputer.strategy == "constant":
                raise ValueError("SimpleImputer(strategy='constant') on object data fills every column with %r; "
                                 "Brine fills numeric columns with a number" % (fill,))
            kinds.append("numeric")
            texts.append(None)
            numbers[j] = float(value)
            if not math.isfinite(numbers[j]):
                raise ValueError("SimpleImputer statistic of column %d is not finite" % j)
    if text_mode and imputer.strategy == "constant":
        kinds = ["categorical"] * features
    indicators = sorted(int(v) for v in imputer.indicator_.features_) if imputer.add_indicator else []
    hyper = {"strategy": strategy, "numericFillValue": numeric_fill, "categoricalFillValue": text_fill,
             "addIndicator": bool(imputer.add_indicator)}
    return node(name, 1, hyper, arrays={"numericStatistics": numbers},
                attributes={"featureCount": features, "columnKinds": kinds, "categoricalStatistics": texts,
                            "emptyColumns": empty, "indicatorColumns": indicators},
                feature_names=_feature_names(imputer))


# ---------------------------------------------------------------- scikit-learn: from Brine

def _synthetic_fit(estimator, columns, names, padding=None):
    """Fits on synthetic columns (padded to one length with ``padding[j]``) and sets the file's names."""
    import warnings
    rows = max(len(c) for c in columns)
    padded = []
    for j, column in enumerate(columns):
        pad = column[0] if padding is None else padding[j]
        padded.append(list(column) + [pad] * (rows - len(column)))
    if all(all(isinstance(v, float) for v in c) for c in padded):
        x = np.array(padded, dtype=np.float64).T.copy()
    else:
        x = np.empty((rows, len(padded)), dtype=object)
        for j, column in enumerate(padded):
            x[:, j] = column
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimator.fit(x)
    if names is not None:
        estimator.feature_names_in_ = np.array(names, dtype=object)
    return estimator


def ordinal_from_brine(node_, arrays, prefix, children):
    from sklearn.preprocessing import OrdinalEncoder as Encoder
    reader = OrdinalEncoder(node_, arrays, prefix)
    if reader.unknown_value is None:
        unknown = {"handle_unknown": "error"}
    elif np.isnan(reader.unknown_value):
        unknown = {"handle_unknown": "use_encoded_value", "unknown_value": np.nan}
    else:
        unknown = {"handle_unknown": "use_encoded_value", "unknown_value": int(reader.unknown_value)}
    # A trailing NaN category makes scikit-learn encode a missing cell as NaN, as Brine always does.
    categories = [list(c) + [np.nan] for c in reader.categories]
    encoder = Encoder(categories=categories, **unknown)
    _synthetic_fit(encoder, categories, reader.feature_names)
    encoder.set_params(categories="auto")
    return encoder


def one_hot_from_brine(node_, arrays, prefix, children):
    from sklearn.preprocessing import OneHotEncoder as Encoder
    reader = OneHotEncoder(node_, arrays, prefix)
    hyper = node_["hyperparameters"]
    drop = {"none": None, "first": "first", "ifBinary": "if_binary"}[reader.drop]
    categories, data, padding = [], [], []
    any_rare = False
    for j in range(reader.n_features):
        values = list(reader.categories[j]) + ([np.nan] if reader.missing[j] else [])
        rare = set(node_["attributes"]["infrequentCategories"][j])
        frequent = [v for index, v in enumerate(values) if index not in rare]
        if rare and not frequent:
            raise ValueError("brine.load: OneHotEncoder column %d has only infrequent categories, which this "
                             "loader cannot rebuild (use brine.read)" % j)
        any_rare = any_rare or bool(rare)
        column = []
        for index, value in enumerate(values):
            column += [value] * (1 if index in rare else 3)
        categories.append(values)
        data.append(column)
        padding.append(frequent[0])
    fit_params = {"min_frequency": 2} if any_rare else {}  # one row per infrequent category, three per frequent one
    encoder = Encoder(categories=categories, handle_unknown=reader.handle_unknown, drop=drop, sparse_output=False,
                      **fit_params)
    _synthetic_fit(encoder, data, reader.feature_names, padding)
    minimum = hyper.get("minimumFrequency")
    encoder.set_params(categories="auto",
                       min_frequency=None if minimum is None else minimum.get("count", minimum.get("fraction")),
                       max_categories=hyper.get("maximumCategories"))
    return encoder


def imputer_from_brine(node_, arrays, prefix, children):
    from sklearn.impute import SimpleImputer as Imputer
    reader = SimpleImputer(node_, arrays, prefix)
    kinds = set(reader.kinds[j] for j in range(reader.n_features) if j not in reader.empty)
    strategy = {"mean": "mean", "median": "median", "mostFrequent": "most_frequent", "constant": "constant"}[reader.strategy]
    text = "categorical" in kinds
    if reader.strategy == "constant" and text and "numeric" in kinds:
        raise ValueError("brine.load: this SimpleImputer fills numeric columns with %r and text columns with %r; "
                         "scikit-learn's has one fill_value for all columns (use brine.read)"
                         % (reader.numeric_fill, reader.text_fill))
    fill = None
    if reader.strategy == "constant":
        fill = reader.text_fill if text else float(reader.numeric_fill)
    columns = []
    for j in range(reader.n_features):
        if j in reader.empty:
            column = [np.nan]
        elif reader.kinds[j] == "numeric":
            column = [float(reader.numbers[j])]
        else:
            column = [reader.texts[j]]
        if j in reader.indicators and j not in reader.empty:
            column.append(np.nan)  # a missing cell at fit: the column gets an indicator
        columns.append(column)
    imputer = Imputer(strategy=strategy, fill_value=fill, add_indicator=reader.add_indicator)
    _synthetic_fit(imputer, columns, reader.feature_names)
    width = len(reader.output_names())
    if len(imputer.get_feature_names_out()) != width:
        # Older scikit-learn (1.5) keeps columns with no observed value under strategy="constant".
        import sklearn
        raise ValueError("brine.load: this SimpleImputer drops %d column(s) that had no value at fit; "
                         "scikit-learn %s's SimpleImputer(strategy=%r) would keep them, so it cannot be "
                         "rebuilt here (use a scikit-learn that drops them, such as 1.9, or brine.read)"
                         % (len(reader.empty), sklearn.__version__, strategy))
    return imputer


def _register_bridge():
    from ._sklearn import FROM_BRINE, TO_BRINE
    TO_BRINE.update({"SimpleImputer": imputer_to_brine, "OneHotEncoder": one_hot_to_brine,
                     "OrdinalEncoder": ordinal_to_brine})
    FROM_BRINE.update({"SimpleImputer": imputer_from_brine, "OneHotEncoder": one_hot_from_brine,
                       "OrdinalEncoder": ordinal_from_brine})


_register_bridge()
