"""Damaged and hostile files are refused by the Python side with a clear BrineFormatError."""

import gzip
import json
import os
import shutil

import numpy as np
import pytest

import brine
from conftest import GOLDEN, header_and_data, rewrite, write_raw

LOGREG = os.path.join(GOLDEN, "logreg_wine_int_v1.brine")


def refused(path, match):
    with pytest.raises(brine.BrineFormatError, match=match):
        brine.read(path)


def test_truncated_files(tmp):
    raw = open(LOGREG, "rb").read()
    for size, match in [(0, "truncated file"), (5, "truncated file"), (40, "truncated file: the header needs"),
                        (len(raw) - 1, "cover")]:
        path = tmp / ("cut%d.brine" % size)
        path.write_bytes(raw[:size])
        refused(path, match)


def test_flipped_bit_fails_the_checksum_unless_unverified(tmp):
    raw = bytearray(open(LOGREG, "rb").read())
    raw[-3] ^= 0x10
    path = tmp / "flipped.brine"
    path.write_bytes(bytes(raw))
    refused(path, "checksum mismatch in array intercepts")
    assert brine.read(path, verify_checksums=False).classes == [0, 1, 2]


def test_duplicate_keys_in_the_header_and_in_the_manifest(tmp):
    header, manifest, data = header_and_data(LOGREG)
    text = json.dumps(header, sort_keys=True, separators=(",", ":"))
    duplicated = text.replace('"coefficients":', '"coefficients":{"dtype":"F64","shape":[0],"data_offsets":[0,0]},'
                                                 '"coefficients":', 1)
    write_raw(tmp / "dup_header.brine", duplicated, data)
    refused(tmp / "dup_header.brine", "header: duplicate JSON key 'coefficients'")
    inner = header["__metadata__"]["brine"]
    header["__metadata__"]["brine"] = inner.replace('"type":"LogisticRegression"',
                                                    '"type":"LogisticRegression","type":"StandardScaler"')
    write_raw(tmp / "dup_manifest.brine", json.dumps(header, separators=(",", ":")), data)
    refused(tmp / "dup_manifest.brine", "manifest: duplicate JSON key 'type'")


def test_wrong_shapes(tmp):
    def swap(header):
        header["coefficients"]["shape"] = [13, 3]
    refused(rewrite(LOGREG, tmp / "shape.brine", change_header=swap), "coefficients has shape \\[13, 3\\]")

    def lie(header):
        header["intercepts"]["shape"] = [4]
    refused(rewrite(LOGREG, tmp / "span.brine", change_header=lie), "needs 32 bytes but data_offsets span 24")


def test_nan_where_forbidden(tmp):
    header, manifest, data = header_and_data(LOGREG)
    begin, end = header["coefficients"]["data_offsets"]
    values = np.frombuffer(data[begin:end], dtype="<f8").copy()
    values[4] = np.nan
    data = data[:begin] + values.tobytes() + data[end:]
    path = rewrite(LOGREG, tmp / "nan.brine", data=data)
    refused(path, "checksum mismatch")
    refused_unverified = pytest.raises(brine.BrineFormatError, match="coefficients has a non-finite value at flat index 4")
    with refused_unverified:
        brine.read(path, verify_checksums=False)


def test_manifest_and_array_table_must_agree(tmp):
    def drop(manifest):
        manifest["model"]["arrays"] = ["coefficients"]
    refused(rewrite(LOGREG, tmp / "drop.brine", change_manifest=drop), "array intercepts is not in the manifest")

    def future(manifest):
        manifest["formatVersion"] = "2.0"
    refused(rewrite(LOGREG, tmp / "future.brine", change_manifest=future), "format version 2.0 .* reads 1.x")

    def unknown(manifest):
        manifest["model"]["surprise"] = 1
    refused(rewrite(LOGREG, tmp / "unknown.brine", change_manifest=unknown), "unknown key 'surprise'")


def test_overlapping_arrays_and_nan_constants(tmp):
    def overlap(header):
        header["intercepts"]["data_offsets"] = [304, 328]
    refused(rewrite(LOGREG, tmp / "overlap.brine", change_header=overlap), "overlap")
    header, manifest, data = header_and_data(LOGREG)
    header["__metadata__"]["brine"] = header["__metadata__"]["brine"].replace('"c":1', '"c":NaN')
    write_raw(tmp / "nanjson.brine", json.dumps(header, separators=(",", ":")), data)
    refused(tmp / "nanjson.brine", "JSON constant NaN is not allowed")


def test_deep_nesting_is_bounded(tmp):
    header, manifest, data = header_and_data(LOGREG)
    manifest["metadata"] = {"deep": json.loads("[" * 200 + "]" * 200)}
    header["__metadata__"]["brine"] = json.dumps(manifest)
    write_raw(tmp / "deep.brine", json.dumps(header), data)
    refused(tmp / "deep.brine", "nested more than 128 deep")


def test_gzip_bomb_and_trailing_garbage(tmp):
    raw = open(LOGREG, "rb").read()
    bomb = tmp / "bomb.brine.gz"
    bomb.write_bytes(gzip.compress(raw + b"\x00" * (32 << 20), 9))  # 32 MB beyond the declared size
    refused(bomb, "expands beyond the %d bytes the header declares" % len(raw))
    header, manifest, data = header_and_data(LOGREG)
    header["intercepts"]["data_offsets"] = [312, 1 << 40]
    header["intercepts"]["shape"] = [((1 << 40) - 312) // 8]
    liar = tmp / "liar.brine"
    write_raw(liar, json.dumps(header, separators=(",", ":")), data)
    (tmp / "liar.brine.gz").write_bytes(gzip.compress(liar.read_bytes()))
    refused(tmp / "liar.brine.gz", "declares 1099511628.* more than")
    shutil.copy(os.path.join(GOLDEN, "pipeline_breast_cancer_int_v1_gzip.brine.gz"), tmp / "tail.brine.gz")
    with open(tmp / "tail.brine.gz", "ab") as handle:
        handle.write(b"garbage")
    refused(tmp / "tail.brine.gz", "data after the end of the gzip stream")
