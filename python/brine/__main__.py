"""``python -m brine``: inspect and predict with Brine files (numpy + safetensors only)."""

import argparse
import csv
import json
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
            out.writerow([repr(float(v)) for v in row])
    return 0


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
    return main_parser


def main(argv=None):
    """Runs the command line; errors are printed as one line and exit with status 1."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (BrineFormatError, ValueError, TypeError, OSError) as error:
        print("brine: error: %s" % error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
