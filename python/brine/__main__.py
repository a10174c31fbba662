"""``python -m brine``: inspect and predict with Brine files (numpy + safetensors only)."""

import argparse
import csv
import json
import pickle
import sys

from ._csv import read_csv
from ._format import BrineFormatError, inspect_file
from ._reader import read


def _inspect(args):
    print(json.dumps(inspect_file(args.file), indent=2, sort_keys=True, ensure_ascii=False))
    return 0


def _predict(args):
    model = read(args.file, verify_checksums=not args.no_verify)
    names, x = read_csv(args.input)
    if x.dtype == object and not model.accepts_table:
        raise ValueError("%s reads numbers only; %s has text in column %s"
                         % (model.type, args.input, _first_text_column(x, names)))
    out = csv.writer(sys.stdout, lineterminator="\n")
    if model.classes is not None:
        predictions = model.predict(x, columns=names)
        probabilities = model.predict_proba(x, columns=names) if args.proba else None
        out.writerow(["prediction"] + (["proba_%s" % c for c in model.classes] if args.proba else []))
        for i, label in enumerate(predictions):
            out.writerow([label] + ([repr(float(p)) for p in probabilities[i]] if args.proba else []))
    else:
        if args.proba:
            raise TypeError("--proba needs a classifier; %s is a transformer" % model.type)
        t = model.transform(x, columns=names)
        out.writerow(["x%d" % j for j in range(t.shape[1])])
        for row in t:
            out.writerow([v if isinstance(v, str) else "" if v is None else repr(float(v)) for v in row])
    return 0


def _first_text_column(x, names):
    for j in range(x.shape[1]):
        if any(isinstance(v, str) for v in x[:, j]):
            return repr(names[j]) if names else str(j + 1)
    return "?"


def _convert(args):
    from ._convert import convert
    return convert(args)


def parser():
    """The command line's argument parser."""
    main_parser = argparse.ArgumentParser(prog="python -m brine", description="Brine model files from Python.")
    commands = main_parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="print a file's manifest (reads only the header)")
    inspect.add_argument("file")
    inspect.set_defaults(run=_inspect)
    predict = commands.add_parser("predict", help="predict (or transform) the rows of a CSV file")
    predict.add_argument("file", help="a .brine or .brine.gz file")
    predict.add_argument("input", help="CSV, one row per sample; a header row is matched to the model's "
                                       "feature names (reordered columns are reordered)")
    predict.add_argument("--proba", action="store_true", help="also print class probabilities")
    predict.add_argument("--no-verify", action="store_true", help="skip the CRC-32 checks")
    predict.set_defaults(run=_predict)
    convert = commands.add_parser("convert", help="convert a joblib/pickle file of a scikit-learn estimator to "
                                                  "Brine (UNPICKLES the input: trusted files only)")
    convert.add_argument("input", help="a .joblib or .pkl file (it is unpickled: it must be trusted)")
    convert.add_argument("output", help="the .brine (or .brine.gz) file to write")
    convert.add_argument("--compress", type=int, default=0, help="gzip level 1-9 (0: none, or 3 for a .gz name)")
    convert.add_argument("--overwrite", action="store_true", help="replace an existing output file")
    convert.set_defaults(run=_convert)
    return main_parser


def main(argv=None):
    """Runs the command line; errors are printed as one line and exit with status 1."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (BrineFormatError, ValueError, TypeError, OSError, ImportError, pickle.UnpicklingError) as error:
        print("brine: error: %s" % error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
