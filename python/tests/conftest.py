"""Shared helpers: the repository's paths, the bundled datasets and their fixed splits, file surgery."""

import json
import os
import struct
import sys

import numpy as np
import pytest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(PYTHON_DIR)
sys.path.insert(0, PYTHON_DIR)  # the source tree, even if an older copy is installed

GOLDEN = os.path.join(REPO, "Tests", "BrineTests", "Fixtures", "golden")
DATASETS = os.path.join(REPO, "Sources", "Brine", "Resources", "Datasets")


def load_split(name):
    """``(names, x_train, y_train, x_test, y_test)`` of a bundled dataset, split as Swift splits it."""
    with open(os.path.join(DATASETS, name + ".csv")) as handle:
        header = handle.readline().strip().split(",")
    data = np.loadtxt(os.path.join(DATASETS, name + ".csv"), delimiter=",", skiprows=1, ndmin=2)
    with open(os.path.join(DATASETS, name + ".split.json")) as handle:
        split = json.load(handle)
    x, y = data[:, :-1], data[:, -1].astype(np.int64)
    train, test = np.array(split["train"]), np.array(split["test"])
    return header[:-1], x[train], y[train], x[test], y[test]


def header_and_data(path):
    """``(header dict, manifest dict, data bytes)`` of an uncompressed file."""
    with open(path, "rb") as handle:
        raw = handle.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    manifest = json.loads(header["__metadata__"]["brine"])
    return header, manifest, raw[8 + length:]


def write_raw(path, header_text, data):
    """Writes a file from a header text (padded) and a data section, without any checks."""
    encoded = header_text.encode("utf-8")
    encoded += b" " * ((8 - (8 + len(encoded)) % 8) % 8)
    with open(path, "wb") as handle:
        handle.write(struct.pack("<Q", len(encoded)) + encoded + data)


def rewrite(path, out, change_manifest=None, change_header=None, data=None):
    """Copies ``path`` to ``out`` after editing its manifest / header dicts (checksums left as they are)."""
    header, manifest, old_data = header_and_data(path)
    if change_manifest:
        change_manifest(manifest)
    header["__metadata__"]["brine"] = json.dumps(manifest, sort_keys=True, separators=(",", ":"))
    if change_header:
        change_header(header)
    write_raw(out, json.dumps(header, sort_keys=True, separators=(",", ":")), old_data if data is None else data)
    return out


@pytest.fixture
def tmp(tmp_path):
    return tmp_path
