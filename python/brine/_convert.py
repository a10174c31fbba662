"""``python -m brine convert model.joblib|model.pkl model.brine``: migrate a pickled estimator.

Unpickling runs whatever code the file names, so the command says so loudly before it loads
anything; only convert files you trust (ideally ones you wrote). The output is a Brine file, which
loads without running code.
"""

import os
import pickle
import sys

WARNING = ("brine: WARNING: convert unpickles %s. Unpickling runs any code the file contains: convert only "
           "files you trust (ones you wrote, or from a trusted source). The .brine file it writes is safe to "
           "load anywhere.")


def load_pickled(path):
    """The object in a joblib or pickle file (``.joblib`` through joblib when installed)."""
    try:
        import joblib
    except ImportError:
        joblib = None
    if joblib is not None:
        return joblib.load(path)  # reads plain pickles too
    if path.endswith(".joblib"):
        raise ImportError("reading a .joblib file needs joblib: pip install joblib")
    with open(path, "rb") as handle:
        return pickle.load(handle)


def convert(args):
    """Runs the ``convert`` command: loud warning, unpickle, ``brine.dump``, summary line."""
    from ._sklearn import dump
    if os.path.exists(args.output) and not args.overwrite:  # refuse before unpickling anything
        raise FileExistsError("%s exists (pass --overwrite to replace it)" % args.output)
    if not os.path.exists(args.input):
        raise FileNotFoundError("%s does not exist" % args.input)
    print(WARNING % args.input, file=sys.stderr)
    try:
        estimator = load_pickled(args.input)
    except ImportError:
        raise
    except Exception as error:  # a damaged or foreign file: any exception the unpickler raises
        raise ValueError("cannot unpickle %s: %s: %s" % (args.input, type(error).__name__, error)) from None
    metadata = {"convertedFrom": os.path.basename(args.input)}
    dump(estimator, args.output, compress=args.compress, metadata=metadata, overwrite=args.overwrite)
    print("wrote %s (%s, %d bytes)" % (args.output, type(estimator).__name__, os.path.getsize(args.output)))
    return 0
