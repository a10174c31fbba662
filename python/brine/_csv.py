"""CSV input for the command line: an optional header row gives column names."""

import csv

import numpy as np

#: Missing tokens: pandas' default ``na_values``, as Brine's CSV reader (docs/TABULAR.md).
PANDAS_MISSING = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
                  "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
#: Missing tokens in a numeric column (compared lower-cased).
MISSING = {token.lower() for token in PANDAS_MISSING}


def _number(text):
    """A field as a float (NaN for a missing token), or ``None`` when it is text."""
    stripped = text.strip()
    if stripped.lower() in MISSING:
        return float("nan")
    try:
        return float(stripped)
    except ValueError:
        return None


def read_csv(path):
    """``(names or None, rows)``: the first row is a header when any of its fields is not a number.

    ``rows`` is a float64 matrix when every column is numeric (NaN = missing); otherwise an object
    table in which a column with any text holds strings (``None`` = missing) and the other columns floats.
    """
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
    numbers = [[_number(v) for v in row] for row in rows]
    text = [any(row[j] is None for row in numbers) for j in range(width)]
    if not any(text):
        return names, np.array(numbers, dtype=np.float64).reshape(len(rows), width)
    table = np.empty((len(rows), width), dtype=object)
    for i, row in enumerate(rows):
        for j, field in enumerate(row):
            if not text[j]:
                table[i, j] = numbers[i][j]
            else:
                stripped = field.strip()
                table[i, j] = None if stripped in PANDAS_MISSING else stripped
    return names, table


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False
