"""The scikit-learn bridge: ``dump`` a fitted estimator to a Brine file, ``load`` one back, no pickle.

Converters live in two tables: :data:`TO_BRINE` (scikit-learn class name -> function returning a
manifest node) and :data:`FROM_BRINE` (Brine type -> function returning a fitted estimator).
Anything not in the tables, and any option Brine does not model, is refused with a TypeError or
ValueError naming the estimator and the option: nothing is silently approximated.
"""

import numpy as np

from ._format import BrineFormatError, node, read_file, write_file

TO_BRINE = {}
FROM_BRINE = {}


def _sklearn():
    try:
        import sklearn
    except ImportError:
        raise ImportError("brine.dump/brine.load need scikit-learn: pip install 'brine[sklearn]'") from None
    return sklearn


def sklearn_version():
    """The installed scikit-learn's (major, minor)."""
    parts = _sklearn().__version__.split(".")
    return int(parts[0]), int("".join(c for c in parts[1] if c.isdigit()) or 0)


def _check_fitted(estimator, attribute):
    if not hasattr(estimator, attribute):
        raise ValueError("%s is not fitted (no %s); fit it before brine.dump" % (type(estimator).__name__, attribute))


def _feature_names(estimator):
    names = getattr(estimator, "feature_names_in_", None)
    return None if names is None else [str(n) for n in names]


def _refuse_options(estimator, allowed):
    """Refuses any parameter whose value differs from ``allowed[name]`` (a value or a set of values)."""
    name = type(estimator).__name__
    for key, value in estimator.get_params(deep=False).items():
        if key not in allowed:
            continue
        accepted = allowed[key]
        ok = value in accepted if isinstance(accepted, (set, frozenset, tuple, list)) else value == accepted
        if not ok:
            raise ValueError("%s(%s=%r) is not supported by Brine (supported: %s)"
                             % (name, key, value, ", ".join(map(repr, accepted))
                                if isinstance(accepted, (set, frozenset, tuple, list)) else repr(accepted)))


def _labels(classes, estimator):
    classes = np.asarray(classes)
    if classes.dtype.kind in "iu":
        return "Int", [int(c) for c in classes]
    if classes.dtype.kind in "UO" and all(isinstance(c, str) for c in classes.tolist()):
        return "String", [str(c) for c in classes]
    raise TypeError("%s has classes of dtype %s; Brine stores integer or string labels (convert y before fitting)"
                    % (type(estimator).__name__, classes.dtype))


def _classes_array(classes):
    if all(isinstance(c, str) for c in classes):
        return np.array(classes)
    return np.array(classes, dtype=np.int64)


def to_brine(estimator):
    """The manifest node (with arrays) of a fitted scikit-learn estimator."""
    converter = TO_BRINE.get(type(estimator).__name__)
    if converter is None or not type(estimator).__module__.startswith("sklearn."):
        raise TypeError("brine.dump does not support %s.%s (supported: %s)"
                        % (type(estimator).__module__, type(estimator).__name__, ", ".join(sorted(TO_BRINE))))
    return converter(estimator)


def _kind(estimator):
    if hasattr(estimator, "predict_proba") and hasattr(estimator, "classes_"):
        return "classifier"
    if hasattr(estimator, "transform"):
        return "transformer"
    raise TypeError("%s is neither a transformer nor a classifier" % type(estimator).__name__)


# ---------------------------------------------------------------- StandardScaler

def _scaler_to_brine(scaler):
    _check_fitted(scaler, "n_features_in_")
    features = int(scaler.n_features_in_)
    seen = np.asarray(scaler.n_samples_seen_)
    if seen.ndim > 0:
        if not (seen == seen.flat[0]).all():
            raise ValueError("StandardScaler was fitted on data with missing values (n_samples_seen_ differs by "
                             "feature); Brine's StandardScaler records one sample count")
        seen = seen.flat[0]
    arrays = {}
    if scaler.with_mean:
        arrays["mean"] = np.asarray(scaler.mean_, dtype=np.float64)
    if scaler.with_std:
        arrays["variance"] = np.asarray(scaler.var_, dtype=np.float64)
        arrays["scale"] = np.asarray(scaler.scale_, dtype=np.float64)
    for name, array in arrays.items():
        if not np.isfinite(array).all():
            raise ValueError("StandardScaler.%s_ has a non-finite value" % ("var" if name == "variance" else name))
    return node("StandardScaler", 1, {"withMean": bool(scaler.with_mean), "withStd": bool(scaler.with_std)},
                arrays=arrays, attributes={"featureCount": features, "sampleCount": int(seen)},
                fit_statistics={"samples": int(seen)}, feature_names=_feature_names(scaler))


def _scaler_from_brine(node_, arrays, prefix, children):
    from sklearn.preprocessing import StandardScaler
    hyper = node_["hyperparameters"]
    scaler = StandardScaler(with_mean=bool(hyper.get("withMean")), with_std=bool(hyper.get("withStd")))
    get = lambda name: np.array(arrays[prefix + name], dtype=np.float64) if name in node_["arrays"] else None
    scaler.mean_, scaler.var_, scaler.scale_ = get("mean"), get("variance"), get("scale")
    scaler.n_features_in_ = int(node_["attributes"]["featureCount"])
    scaler.n_samples_seen_ = np.int64(node_["attributes"].get("sampleCount", 0))
    _set_names(scaler, node_)
    return scaler


def _set_names(estimator, node_):
    names = node_.get("featureNames")
    if names is not None:
        estimator.feature_names_in_ = np.array(names, dtype=object)


# ---------------------------------------------------------------- LogisticRegression

LOGISTIC_SOLVERS = {"lbfgs": None, "newton-cholesky": "newton-cholesky"}


def _logistic_to_brine(model):
    _check_fitted(model, "coef_")
    params = model.get_params(deep=False)
    name = "LogisticRegression"
    if params.get("solver") not in LOGISTIC_SOLVERS:
        raise ValueError("%s(solver=%r) is not supported by Brine (supported: 'lbfgs', 'newton-cholesky')"
                         % (name, params.get("solver")))
    _refuse_options(model, {"class_weight": (None,), "dual": (False,), "penalty": ("l2", "deprecated"),
                            "l1_ratio": (None, 0.0), "multi_class": ("auto", "deprecated", "multinomial")})
    classes = model.classes_
    label_type, labels = _labels(classes, model)
    coefficients = np.asarray(model.coef_, dtype=np.float64)
    intercepts = np.asarray(model.intercept_, dtype=np.float64).reshape(-1)
    outputs = 1 if len(labels) == 2 else len(labels)
    if coefficients.shape != (outputs, model.n_features_in_) or intercepts.shape != (outputs,):
        raise ValueError("%s has coef_ of shape %s for %d classes; Brine stores one row for two classes, "
                         "else one per class (multinomial)" % (name, coefficients.shape, len(labels)))
    if len(labels) > 2 and params.get("multi_class") == "ovr":
        raise ValueError("%s(multi_class='ovr') is not supported by Brine (multinomial only)" % name)
    if (len(labels) > 2 and model.solver == "newton-cholesky" and params.get("multi_class") != "multinomial"
            and sklearn_version() < (1, 6)):
        raise ValueError("%s(solver='newton-cholesky') with %d classes is one-vs-rest in scikit-learn %s "
                         "(multinomial from 1.6); Brine stores multinomial models only"
                         % (name, len(labels), _sklearn().__version__))
    if not (np.isfinite(coefficients).all() and np.isfinite(intercepts).all()):
        raise ValueError("%s has non-finite coefficients" % name)
    hyper = {"c": float(model.C), "fitIntercept": bool(model.fit_intercept), "tolerance": float(model.tol),
             "maxIterations": int(model.max_iter)}
    if LOGISTIC_SOLVERS[model.solver]:
        hyper["solver"] = LOGISTIC_SOLVERS[model.solver]
    iterations = int(np.max(model.n_iter_)) if hasattr(model, "n_iter_") else 0
    sklearn = _sklearn()
    statistics = {"iterations": iterations, "converged": iterations < int(model.max_iter),
                  "trainedWith": "scikit-learn %s" % sklearn.__version__}
    return node("LogisticRegression", 1, hyper, arrays={"coefficients": coefficients, "intercepts": intercepts},
                attributes={"featureCount": int(model.n_features_in_)}, fit_statistics=statistics,
                classes=labels, label_type=label_type, feature_names=_feature_names(model))


def _logistic_from_brine(node_, arrays, prefix, children):
    from sklearn.linear_model import LogisticRegression
    hyper = node_["hyperparameters"]
    solver = hyper.get("solver", "lbfgs")
    if solver not in LOGISTIC_SOLVERS:
        raise BrineFormatError("LogisticRegression solver %r is not known to this version" % (solver,))
    options = {}
    if solver == "newton-cholesky" and len(node_["classes"]) > 2 and sklearn_version() < (1, 6):
        # Before 1.6 this solver is one-vs-rest for several classes; the stored model is multinomial,
        # and multi_class="multinomial" makes predict_proba the softmax (a refit would be refused).
        options["multi_class"] = "multinomial"
    model = LogisticRegression(C=float(hyper["c"]), fit_intercept=bool(hyper["fitIntercept"]),
                               tol=float(hyper["tolerance"]), max_iter=int(hyper["maxIterations"]), solver=solver,
                               **options)
    model.classes_ = _classes_array(node_["classes"])
    model.coef_ = np.array(arrays[prefix + "coefficients"], dtype=np.float64)
    if model.coef_.shape[0] > 1 and _fits_fortran_coefficients(solver):
        # BLAS rounds X @ coef_.T differently by memory layout: use the layout scikit-learn's own fit gives.
        model.coef_ = np.asfortranarray(model.coef_)
    model.intercept_ = np.array(arrays[prefix + "intercepts"], dtype=np.float64)
    model.n_iter_ = np.array([int(node_["fitStatistics"].get("iterations", 0))], dtype=np.int32)
    model.n_features_in_ = int(model.coef_.shape[1])
    _set_names(model, node_)
    return model


_LAYOUTS = {}


def _fits_fortran_coefficients(solver):
    """Whether the installed scikit-learn's multinomial fit with ``solver`` leaves coef_ in Fortran order
    (probed once with a tiny fit, so it follows whatever the version does)."""
    if solver not in _LAYOUTS:
        import warnings
        from sklearn.linear_model import LogisticRegression
        x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 1.0], [1.0, 2.0]])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            options = {"multi_class": "multinomial"} if solver == "newton-cholesky" and sklearn_version() < (1, 6) else {}
            try:
                probe = LogisticRegression(solver=solver, max_iter=5, **options).fit(x, [0, 1, 2, 0, 1, 2])
                _LAYOUTS[solver] = not probe.coef_.flags["C_CONTIGUOUS"] and probe.coef_.flags["F_CONTIGUOUS"]
            except ValueError:  # a solver this version cannot fit multinomially
                _LAYOUTS[solver] = False
    return _LAYOUTS[solver]


# ---------------------------------------------------------------- Pipeline

def _pipeline_to_brine(pipeline):
    _refuse_options(pipeline, {"transform_input": (None,)})
    steps = pipeline.steps
    if not steps:
        raise ValueError("Pipeline has no steps")
    children, descriptions, kinds = [], [], []
    for index, (name, step) in enumerate(steps):
        if step is None or step == "passthrough":
            raise ValueError("Pipeline step %r is 'passthrough', which Brine does not model; remove the step" % name)
        if "." in name or name.startswith("__") or not name:
            raise ValueError("Pipeline step name %r cannot be stored (no '.', no leading '__')" % name)
        child = to_brine(step)
        if index > 0 and child["type"] in NAMED_STEP_TYPES and "featureNames" not in child:
            # A later step sees the previous step's output, unnamed in scikit-learn; its names are
            # what Pipeline.get_feature_names_out passes along (Swift names the columns with them).
            child["featureNames"] = [str(n) for n in steps[index - 1][1].get_feature_names_out()]
        kind = _kind(step)
        if kind == "classifier" and index != len(steps) - 1:
            raise ValueError("Pipeline step %r is a classifier but not the last step" % name)
        children.append((name, child))
        kinds.append(kind)
        descriptions.append({"name": name, "kind": kind, "estimator": child["type"]})
    first, last = children[0][1], children[-1][1]
    features = first["attributes"]["featureCount"]
    classifier = kinds[-1] == "classifier"
    return node("Pipeline", 1, {"steps": descriptions}, attributes={"featureCount": features, "stepKinds": kinds},
                classes=last.get("classes") if classifier else None,
                label_type=last.get("labelType") if classifier else None,
                feature_names=first.get("featureNames"), children=children)


#: Transformers whose names a later pipeline step gets from the step before it (see _pipeline_to_brine).
NAMED_STEP_TYPES = ("SimpleImputer", "OneHotEncoder", "OrdinalEncoder", "StandardScaler", "ColumnTransformer")


def _pipeline_from_brine(node_, arrays, prefix, children):
    from sklearn.pipeline import Pipeline
    for index in range(1, len(children)):
        step, previous = children[index][1], children[index - 1][1]
        names = getattr(step, "feature_names_in_", None)
        if (type(step).__name__ in NAMED_STEP_TYPES and names is not None and hasattr(previous, "get_feature_names_out")
                and list(names) == [str(n) for n in previous.get_feature_names_out()]):
            del step.feature_names_in_  # as scikit-learn fitted it: on the previous step's unnamed output
    return Pipeline(children)


# ---------------------------------------------------------------- tables, dump, load

TO_BRINE.update({"StandardScaler": _scaler_to_brine, "LogisticRegression": _logistic_to_brine,
                 "Pipeline": _pipeline_to_brine})
FROM_BRINE.update({"StandardScaler": _scaler_from_brine, "LogisticRegression": _logistic_from_brine,
                   "Pipeline": _pipeline_from_brine})


def from_brine(node_, arrays, prefix=""):
    """A fitted scikit-learn estimator from a manifest node (children first)."""
    converter = FROM_BRINE.get(node_["type"])
    if converter is None:
        raise TypeError("brine.load cannot rebuild a %s as a scikit-learn estimator (supported: %s)"
                        % (node_["type"], ", ".join(sorted(FROM_BRINE))))
    children = [(child["name"], from_brine(child["model"], arrays, prefix + child["name"] + "."))
                for child in node_["children"]]
    return converter(node_, arrays, prefix, children)


def dump(estimator, filename, compress=0, metadata=None, overwrite=False):
    """Writes a fitted scikit-learn estimator to a Brine file (joblib.dump's shape, no pickle).

    ``compress`` 1-9 gzip-compresses (a name ending in ``.gz`` does too, level 3 by default);
    ``metadata`` is any JSON-serialisable dict stored in the manifest; an existing file is replaced
    only with ``overwrite=True``. Returns ``[filename]`` as joblib does.
    Raises TypeError / ValueError naming the estimator and option Brine does not support.
    """
    _sklearn()
    from . import _forest  # noqa: F401  (registers the forest converters)
    model = to_brine(estimator)
    if metadata is not None and not isinstance(metadata, dict):
        raise TypeError("metadata must be a dict, not %s" % type(metadata).__name__)
    return [write_file(model, filename, compress=compress, metadata=metadata, overwrite=overwrite)]


def load(filename, mmap_mode=None, verify_checksums=True):
    """A live, fitted scikit-learn estimator rebuilt from a Brine file's arrays (no pickle).

    The file is fully validated (and its arrays checked by the numpy reader) before any estimator
    is built. ``mmap_mode="r"`` maps an uncompressed file (the estimator gets copies of the arrays,
    since scikit-learn expects writable ones).
    """
    _sklearn()
    from . import _forest  # noqa: F401
    from ._reader import build_node
    brine_file = read_file(filename, verify_checksums=verify_checksums, mmap_mode=mmap_mode)
    build_node(brine_file.model, brine_file.arrays)  # the reader's semantic checks (shapes, finiteness, indices)
    return from_brine(brine_file.model, brine_file.arrays)
