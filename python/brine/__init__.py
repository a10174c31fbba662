"""Brine model files from Python.

- :func:`read` -> a numpy-only model (``predict`` / ``predict_proba`` / ``transform``), no scikit-learn;
- :func:`inspect` -> the manifest, without reading arrays;
- :func:`dump` / :func:`load` -> scikit-learn estimators to and from Brine files (no pickle; extra ``[sklearn]``);
- ``python -m brine inspect FILE`` / ``python -m brine predict FILE rows.csv [--proba]``.

Loading never executes code from a file: model types are looked up in :data:`READERS`.
"""

from ._format import BrineFile, BrineFormatError, read_file
from ._format import inspect_file as inspect
from ._reader import READERS, ColumnMismatchError, Model, read, register
from . import _forest  # noqa: F401  (registers RandomForest)
from . import _table  # noqa: F401  (registers SimpleImputer, OneHotEncoder, OrdinalEncoder)
from . import _columns  # noqa: F401  (registers ColumnTransformer)
from ._sklearn import dump, load

__version__ = "0.2.0"

__all__ = ["BrineFile", "BrineFormatError", "ColumnMismatchError", "Model", "READERS", "dump", "inspect", "load", "read",
           "read_file", "register"]
