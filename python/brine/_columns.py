"""ColumnTransformer: the numpy reader and the scikit-learn bridge (docs/FORMAT.md, "ColumnTransformer").

Entries run on named input columns (``transformer`` children, ``passthrough``, ``drop``), then the
remainder; the output is the entries' outputs side by side. scikit-learn records no column dtypes, so
a dump infers each input column's kind from the transformer that reads it (encoders read text,
scalers numbers, an imputer says per column) and records passed-through and dropped columns as
numeric (Brine then refuses text there rather than guessing).
"""

import numpy as np

from ._format import BrineFormatError, node
from ._reader import ReadModel, feature_count, register
from ._table import _finish, as_table, numeric_column, text_column


def _names_list(value, what):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BrineFormatError("ColumnTransformer %s must be a list of strings" % what)
    return value


class ColumnTransformer(ReadModel):
    """Entries over named columns, then the remainder, outputs concatenated in order."""

    allow_nan = True
    accepts_table = True

    def __init__(self, node_, children):
        hyper, attributes = node_["hyperparameters"], node_.get("attributes", {})
        features = feature_count(node_)
        if features is None:
            raise BrineFormatError("ColumnTransformer has no attributes.featureCount")
        self.n_features = features
        self.feature_names = node_.get("featureNames")
        names = self.feature_names or ["x%d" % j for j in range(features)]
        if len(names) != features or len(set(names)) != features:
            raise BrineFormatError("ColumnTransformer needs %d distinct feature names" % features)
        self.position = {name: j for j, name in enumerate(names)}
        kinds = attributes.get("columnKinds")
        if not isinstance(kinds, list) or len(kinds) != features or any(k not in ("numeric", "categorical") for k in kinds):
            raise BrineFormatError("ColumnTransformer attributes.columnKinds must give one kind per input column")
        self.kinds = kinds
        remainder = hyper.get("remainder")
        if remainder not in ("drop", "passthrough"):
            raise BrineFormatError("ColumnTransformer remainder must be drop or passthrough, not %r" % (remainder,))
        self.verbose = hyper.get("verboseFeatureNames")
        if not isinstance(self.verbose, bool):
            raise BrineFormatError("ColumnTransformer verboseFeatureNames must be a boolean")
        entries = hyper.get("entries")
        columns = attributes.get("entryColumns")
        if not isinstance(entries, list) or not isinstance(columns, list) or len(entries) != len(columns):
            raise BrineFormatError("ColumnTransformer entries and attributes.entryColumns must correspond")
        by_name = dict(children)
        if len(by_name) != len(children):
            raise BrineFormatError("ColumnTransformer has two children of one name")
        self.entries, seen, used = [], set(), set()
        for entry, selected in zip(entries, columns):
            if not isinstance(entry, dict) or set(entry) != {"name", "step", "columns"}:
                raise BrineFormatError("ColumnTransformer entries must be {name, step, columns} objects")
            name, step = entry["name"], entry["step"]
            if (not isinstance(name, str) or not name or "__" in name or "." in name or name == "remainder"
                    or name in seen):
                raise BrineFormatError("ColumnTransformer entry name %r is invalid or repeated" % (name,))
            seen.add(name)
            if step not in ("transformer", "passthrough", "drop"):
                raise BrineFormatError("ColumnTransformer entry %s has step %r" % (name, step))
            selected = _names_list(selected, "entryColumns")
            if any(c not in self.position for c in selected) or len(set(selected)) != len(selected):
                raise BrineFormatError("ColumnTransformer entry %s lists a column outside the input or twice" % name)
            used.update(selected)
            child = by_name.get(name)
            if (child is not None) != (step == "transformer" and bool(selected)):
                raise BrineFormatError("ColumnTransformer entry %s %s a fitted child" % (
                    name, "lacks" if child is None else "should not have"))
            if child is not None and not hasattr(child, "transform"):
                raise BrineFormatError("ColumnTransformer entry %s is not a transformer" % name)
            self.entries.append((name, step, [self.position[c] for c in selected], child))
        if set(by_name) - seen:
            raise BrineFormatError("ColumnTransformer child %s is not an entry" % sorted(set(by_name) - seen)[0])
        remainder_columns = _names_list(attributes.get("remainderColumns"), "remainderColumns")
        expected = [n for n in names if n not in used] if remainder == "passthrough" else []
        if remainder_columns != expected:
            raise BrineFormatError("ColumnTransformer remainderColumns are not the unselected input columns")
        self.remainder = [self.position[c] for c in remainder_columns]
        self.output_names = _names_list(attributes.get("outputColumnNames"), "outputColumnNames")
        if not self.output_names:
            raise BrineFormatError("ColumnTransformer outputs no columns")

    def _column(self, x, j):
        if self.kinds[j] == "numeric":
            return numeric_column(x[:, j], j, "ColumnTransformer"), "numeric"
        return np.array(text_column(x[:, j], j, "ColumnTransformer"), dtype=object), "categorical"

    def transform(self, x):
        x = as_table(x, self.n_features, "ColumnTransformer")
        columns, kinds = [], []
        for name, step, positions, child in self.entries:
            if step == "drop" or not positions:
                continue
            if step == "passthrough":
                for j in positions:
                    column, kind = self._column(x, j)
                    columns.append(column)
                    kinds.append(kind)
                continue
            part = np.empty((x.shape[0], len(positions)), dtype=object)
            for k, j in enumerate(positions):
                part[:, k] = self._column(x, j)[0]
            if not getattr(child, "accepts_table", False):
                part = part.astype(np.float64)
            out = np.asarray(child.transform(part))
            for k in range(out.shape[1]):
                column = out[:, k]
                text = out.dtype == object and any(isinstance(v, str) for v in column)
                columns.append(column if text else column.astype(np.float64))
                kinds.append("categorical" if text else "numeric")
        for j in self.remainder:
            column, kind = self._column(x, j)
            columns.append(column)
            kinds.append(kind)
        if len(columns) != len(self.output_names):
            raise BrineFormatError("ColumnTransformer outputs %d columns, its outputColumnNames list %d"
                                   % (len(columns), len(self.output_names)))
        return _finish(columns, kinds)


@register("ColumnTransformer")
def _column_transformer(node_, arrays, prefix, children):
    return ColumnTransformer(node_, children)


# ---------------------------------------------------------------- scikit-learn: to Brine

def _kinds_of(child_node, count):
    """Input kinds a child reads: encoders text, an imputer per column, anything else numbers."""
    kind = child_node["type"]
    if kind in ("OneHotEncoder", "OrdinalEncoder"):
        return ["categorical"] * count
    if kind == "SimpleImputer":
        return list(child_node["attributes"]["columnKinds"])
    if kind == "Pipeline" and child_node["children"]:
        return _kinds_of(child_node["children"][0]["model"], count)
    if kind == "ColumnTransformer":
        return list(child_node["attributes"]["columnKinds"])
    return ["numeric"] * count


def _give_names(child_node, names):
    """A child fitted on unnamed columns gets the entry's column names (and its first step, if a pipeline)."""
    if "featureNames" not in child_node:
        child_node["featureNames"] = list(names)
        if child_node["type"] == "Pipeline" and child_node["children"]:
            _give_names(child_node["children"][0]["model"], names)


def column_transformer_to_brine(transformer):
    from ._sklearn import _check_fitted, _feature_names, to_brine
    _check_fitted(transformer, "transformers_")
    name = "ColumnTransformer"
    if transformer.transformer_weights:
        raise ValueError("%s(transformer_weights=%r) is not supported by Brine" % (name, transformer.transformer_weights))
    if getattr(transformer, "sparse_output_", False):
        raise ValueError("%s produces sparse output; Brine's is dense (use sparse_threshold=0 or dense steps)" % name)
    verbose = transformer.verbose_feature_names_out
    if not isinstance(verbose, bool):
        raise ValueError("%s(verbose_feature_names_out=%r) is not supported by Brine (True or False)" % (name, verbose))
    features = int(transformer.n_features_in_)
    names = _feature_names(transformer)
    inputs = names or ["x%d" % j for j in range(features)]
    kinds = ["numeric"] * features
    decided = [False] * features
    entries, entry_columns, children = [], [], []
    remainder = "drop"
    indices = transformer._transformer_to_input_indices if hasattr(transformer, "_transformer_to_input_indices") else None
    original = {entry[0]: entry[1] for entry in transformer.transformers}
    for entry_name, fitted, columns in transformer.transformers_:
        positions = _positions(transformer, entry_name, columns, indices, inputs)
        selected = [inputs[j] for j in positions]
        if entry_name == "remainder":
            if isinstance(transformer.remainder, str):
                remainder = transformer.remainder
                continue
            raise ValueError("%s(remainder=%s) is not supported by Brine (remainder 'drop' or 'passthrough')"
                             % (name, type(fitted).__name__))
        if "." in entry_name:
            raise ValueError("%s entry name %r cannot be stored (no '.')" % (name, entry_name))
        declared = original.get(entry_name)  # scikit-learn >= 1.4 fits 'passthrough' as a FunctionTransformer
        if isinstance(declared, str) and declared in ("drop", "passthrough"):
            step = declared
        elif isinstance(fitted, str) and fitted in ("drop", "passthrough"):
            step = fitted
        else:
            step = "transformer"
            if positions:
                child = to_brine(fitted)
                _give_names(child, selected)
                if child.get("featureNames") != selected:
                    raise ValueError("%s entry %r was fitted on columns %r, not %r"
                                     % (name, entry_name, child.get("featureNames"), selected))
                if "classes" in child:
                    raise ValueError("%s entry %r is a classifier" % (name, entry_name))
                for j, kind in zip(positions, _kinds_of(child, len(positions))):
                    if decided[j] and kinds[j] != kind:
                        raise ValueError("%s reads column %r as both numbers and text" % (name, inputs[j]))
                    kinds[j], decided[j] = kind, True
                children.append((entry_name, child))
        entries.append({"name": entry_name, "step": step, "columns": {"names": selected}})
        entry_columns.append(selected)
    used = {c for columns in entry_columns for c in columns}
    remainder_columns = [c for c in inputs if c not in used] if remainder == "passthrough" else []
    attributes = {"featureCount": features, "columnKinds": kinds, "entryColumns": entry_columns,
                  "remainderColumns": remainder_columns,
                  "outputColumnNames": [str(n) for n in transformer.get_feature_names_out()]}
    return node(name, 1, {"remainder": remainder, "verboseFeatureNames": verbose, "entries": entries},
                attributes=attributes, feature_names=names, children=children)


def _positions(transformer, entry_name, columns, indices, inputs):
    """The input positions an entry reads (scikit-learn's resolved selection)."""
    if indices is not None and entry_name in indices:
        return [int(j) for j in indices[entry_name]]
    if isinstance(columns, slice):
        return list(range(len(inputs)))[columns]
    columns = np.atleast_1d(np.asarray(columns))
    if columns.dtype == bool:
        return [int(j) for j in np.flatnonzero(columns)]
    if columns.dtype.kind in "iu":
        return [int(j) for j in columns]
    return [inputs.index(str(c)) for c in columns]


# ---------------------------------------------------------------- scikit-learn: from Brine

def column_transformer_from_brine(node_, arrays, prefix, children):
    """A fitted ColumnTransformer: fitted on one synthetic row with 'passthrough' in place of each
    child (which sets the installed scikit-learn's own private state), then given the rebuilt children
    and the matching public ``output_indices_``."""
    import warnings
    from sklearn.compose import ColumnTransformer as Transformer
    reader = ColumnTransformer(node_, [(n, _ReaderStub()) for n, _ in children])
    fitted = dict(children)
    names = node_.get("featureNames")
    inputs = names or ["x%d" % j for j in range(reader.n_features)]
    column_key = (lambda positions: [inputs[j] for j in positions]) if names else (lambda positions: list(positions))
    placeholder, final = [], []
    for (entry_name, step, positions, _), entry in zip(reader.entries, node_["hyperparameters"]["entries"]):
        key = column_key(positions)
        if step == "transformer" and not positions:
            placeholder.append((entry_name, "drop", key))  # never fitted (no columns): outputs nothing
            final.append((entry_name, "drop", key))
        elif step == "transformer":
            placeholder.append((entry_name, "passthrough", key))
            final.append((entry_name, fitted[entry_name], key))
        else:
            placeholder.append((entry_name, step, key))
            final.append((entry_name, step, key))
    transformer = Transformer(placeholder, remainder=node_["hyperparameters"]["remainder"],
                              verbose_feature_names_out=reader.verbose, sparse_threshold=0)
    row = np.empty((1, reader.n_features), dtype=object)
    for j, kind in enumerate(reader.kinds):
        row[0, j] = 0.0 if kind == "numeric" else "a"
    if names:
        import pandas as pd
        frame = pd.DataFrame({name: pd.Series([row[0, j]], dtype=object if reader.kinds[j] == "categorical" else float)
                              for j, name in enumerate(names)})
    else:
        frame = row if "categorical" in reader.kinds else row.astype(np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        transformer.fit(frame)
    # Swap in the rebuilt children and record where each entry's output lands.
    swapped = [(entry_name, fitted.get(entry_name, trans), columns)
               for entry_name, trans, columns in transformer.transformers_]
    transformer.transformers_ = swapped
    start, indices = 0, {}
    for entry_name, trans, columns in swapped:
        width = 0
        if entry_name in fitted:
            width = len(fitted[entry_name].get_feature_names_out())
        elif not (isinstance(trans, str) and trans == "drop"):
            width = len(np.atleast_1d(columns)) if not isinstance(columns, slice) else \
                len(range(reader.n_features)[columns])
        indices[entry_name] = slice(start, start + width)
        start += width
    transformer.output_indices_ = indices
    transformer.set_params(transformers=final)
    if len(transformer.get_feature_names_out()) != len(reader.output_names):
        raise ValueError("brine.load: the rebuilt ColumnTransformer names %d outputs, the file %d"
                         % (len(transformer.get_feature_names_out()), len(reader.output_names)))
    return transformer


class _ReaderStub:
    """Stands for a child while the node is validated (the bridge builds the real child separately)."""

    def transform(self, x):  # pragma: no cover - never called
        raise NotImplementedError


def _register_bridge():
    from ._sklearn import FROM_BRINE, TO_BRINE
    TO_BRINE["ColumnTransformer"] = column_transformer_to_brine
    FROM_BRINE["ColumnTransformer"] = column_transformer_from_brine


_register_bridge()
