"""CSV input for the command line: an optional header row gives column names."""

import csv

import numpy as np

MISSING = {"", "na", "nan", "null", "none"}


def _number(text, row, column):
    stripped = text.strip()
    if stripped.lower() in MISSING:
        return float("nan")
    try:
        return float(stripped)
    except ValueError:
        raise ValueError("row %d, column %d: %r is not a number" % (row, column + 1, text)) from None


def read_csv(path):
    """``(names or None, matrix)``: the first row is a header when any of its fields is not a number."""
    with open(path, newline="") as handle:
        rows = [row for row in csv.reader(handle) if row]
    names = None
    if rows:
        first = rows[0]
        if any(field.strip().lower() not in MISSING and not _is_number(field) for field in first):
            names = [field.strip() for field in first]
            rows = rows[1:]
    width = len(names) if names is not None else (len(rows[0]) if rows else 0)
    for index, row in enumerate(rows):
        if len(row) != width:
            raise ValueError("row %d has %d fields, expected %d" % (index + 1, len(row), width))
    matrix = np.array([[_number(v, r + 1, c) for c, v in enumerate(row)] for r, row in enumerate(rows)],
                      dtype=np.float64).reshape(len(rows), width)
    return names, matrix


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False
