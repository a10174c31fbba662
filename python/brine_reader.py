#!/usr/bin/env python3
"""Read Brine model files from Python with numpy and safetensors only, and predict.

A Brine file is a safetensors file (optionally gzip-compressed as a whole) whose header
``__metadata__["brine"]`` holds a JSON manifest (see docs/FORMAT.md). This module:

- ``load(path, verify_checksums=True)`` -> ``BrineFile`` (manifest, arrays by full name);
- ``build(brine_file)`` -> a model object with ``transform`` / ``predict`` / ``predict_proba``
  for StandardScaler, LogisticRegression, RandomForest and Pipeline;
- a CLI: ``python3 python/brine_reader.py model.brine input.csv [--proba]`` printing CSV.

Loading never executes code from the file: model types are looked up in ``MODEL_TYPES``.
"""

import argparse
import csv
import gzip
import json
import struct
import sys
import zlib

import numpy as np
from safetensors.numpy import load as safetensors_load

SUPPORTED_FORMAT_MAJOR = 1


class BrineFormatError(ValueError):
    """The file is not a Brine file this reader understands, or it is damaged."""


class BrineFile:
    """The manifest and arrays of a Brine file."""

    def __init__(self, manifest, arrays):
        self.manifest = manifest
        self.arrays = arrays

    @property
    def model(self):
        return self.manifest["model"]


def load(path, verify_checksums=True):
    """Reads a Brine file (gunzipping it when it starts with the gzip magic)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:3] == b"\x1f\x8b\x08":
        data = gzip.decompress(data)
    if len(data) < 8:
        raise BrineFormatError("truncated file")
    (header_length,) = struct.unpack("<Q", data[:8])
    if 8 + header_length > len(data):
        raise BrineFormatError("header extends beyond the end of the file")
    header = json.loads(data[8 : 8 + header_length].decode("utf-8"))
    manifest = json.loads(header["__metadata__"]["brine"])
    if manifest.get("format") != "brine":
        raise BrineFormatError("not a Brine file")
    major = int(str(manifest["formatVersion"]).split(".")[0])
    if major != SUPPORTED_FORMAT_MAJOR:
        raise BrineFormatError(
            "format version %s (written by Brine %s); this reader reads %d.x"
            % (manifest["formatVersion"], manifest.get("libraryVersion"), SUPPORTED_FORMAT_MAJOR))
    arrays = safetensors_load(data)
    if verify_checksums:
        for name, expected in manifest["checksums"].items():
            if zlib.crc32(np.ascontiguousarray(arrays[name]).tobytes()) != expected:
                raise BrineFormatError("checksum mismatch in array %s" % name)
    return BrineFile(manifest, arrays)


class StandardScaler:
    def __init__(self, node, arrays, prefix):
        self.mean = arrays.get(prefix + "mean") if "mean" in node["arrays"] else None
        self.scale = arrays.get(prefix + "scale") if "scale" in node["arrays"] else None

    def transform(self, x):
        x = np.array(x, dtype=np.float64, copy=True)
        if self.mean is not None:
            x = x - self.mean
        if self.scale is not None:
            x = x / self.scale
        return x


class Classifier:
    """Common label handling: ``classes`` from the manifest."""

    def __init__(self, node):
        self.classes = list(node["classes"])

    def predict(self, x):
        return [self.classes[i] for i in np.argmax(self.predict_proba(x), axis=1)]


class LogisticRegression(Classifier):
    def __init__(self, node, arrays, prefix):
        super().__init__(node)
        self.coefficients = arrays[prefix + "coefficients"]
        self.intercepts = arrays[prefix + "intercepts"]

    def decision_function(self, x):
        return np.asarray(x, dtype=np.float64) @ self.coefficients.T + self.intercepts

    def predict_proba(self, x):
        d = self.decision_function(x)
        if d.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-d[:, 0]))
            return np.column_stack([1.0 - p, p])
        e = np.exp(d - d.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, x):
        d = self.decision_function(x)
        if d.shape[1] == 1:
            return [self.classes[int(v > 0)] for v in d[:, 0]]
        return [self.classes[i] for i in np.argmax(d, axis=1)]


class RandomForest(Classifier):
    """Layout 2: node records `nodes` I64 [N, 2] (threshold bits; feature in the low, link in the
    high 32 bits), leaf fractions `leafValues`, attribute `inputPrecision`. Layout 1: separate
    child/feature/threshold arrays and per-node `values`, compared in float64."""

    def __init__(self, node, arrays, prefix):
        super().__init__(node)
        self.offsets = arrays[prefix + "treeOffsets"].astype(np.int64)
        if node.get("layoutVersion", 1) >= 2:
            words = np.ascontiguousarray(arrays[prefix + "nodes"], dtype=np.int64).reshape(-1, 2)
            self.thresholds = words[:, 0].copy().view(np.float64)
            self.features = (words[:, 1] & 0xFFFFFFFF).astype(np.uint32).view(np.int32).astype(np.int64)
            link = words[:, 1] >> 32  # arithmetic shift: the signed high half
            local = np.arange(len(words)) - np.repeat(self.offsets[:-1], np.diff(self.offsets))
            split = self.features >= 0
            self.left = np.where(split, local + 1, -1)
            self.right = np.where(split, link, -1)
            leaf_values = arrays[prefix + "leafValues"]
            self.values = leaf_values[np.where(split, 0, link)]
            precision = node.get("attributes", {}).get("inputPrecision")
            if precision not in ("float32", "float64"):
                raise ValueError(f"RandomForest layout 2 needs attributes.inputPrecision float32|float64, found {precision!r}")
            self.input_precision = precision
        else:
            self.left = arrays[prefix + "leftChildren"].astype(np.int64)
            self.right = arrays[prefix + "rightChildren"].astype(np.int64)
            self.features = arrays[prefix + "features"].astype(np.int64)
            self.thresholds = arrays[prefix + "thresholds"]
            self.values = arrays[prefix + "values"]
            self.input_precision = "float64"

    def predict_proba(self, x):
        x = np.asarray(x, dtype=np.float64)
        if self.input_precision == "float32":
            # scikit-learn's rule: round each feature to float32, compare it (widened) with the double threshold.
            x = x.astype(np.float32).astype(np.float64)
        rows = np.arange(x.shape[0])
        total = np.zeros((x.shape[0], self.values.shape[1]))
        tree_count = len(self.offsets) - 1
        for t in range(tree_count):
            base = self.offsets[t]
            size = self.offsets[t + 1] - base
            node = np.zeros(x.shape[0], dtype=np.int64)
            for _ in range(size + 1):
                feature = self.features[base + node]
                active = feature >= 0
                if not active.any():
                    break
                f = np.where(active, feature, 0)
                go_left = x[rows, f] <= self.thresholds[base + node]
                child = np.where(go_left, self.left[base + node], self.right[base + node])
                node = np.where(active, child, node)
            total += self.values[base + node]
        return total / tree_count


class Pipeline:
    def __init__(self, node, arrays, prefix):
        self.steps = [(child["name"], build_node(child["model"], arrays, prefix + child["name"] + "."))
                      for child in node["children"]]
        last = self.steps[-1][1] if self.steps else None
        self.classes = getattr(last, "classes", None)

    def _through_transformers(self, x):
        for _, step in self.steps[:-1]:
            x = step.transform(x)
        return x

    def transform(self, x):
        x = self._through_transformers(x)
        return self.steps[-1][1].transform(x) if self.steps else x

    def predict(self, x):
        return self.steps[-1][1].predict(self._through_transformers(x))

    def predict_proba(self, x):
        return self.steps[-1][1].predict_proba(self._through_transformers(x))


MODEL_TYPES = {
    "StandardScaler": StandardScaler,
    "LogisticRegression": LogisticRegression,
    "RandomForest": RandomForest,
    "Pipeline": Pipeline,
}


def build_node(node, arrays, prefix=""):
    try:
        kind = MODEL_TYPES[node["type"]]
    except KeyError:
        raise BrineFormatError("model type %s is not supported by this reader" % node["type"])
    return kind(node, arrays, prefix)


def build(brine_file):
    """The model object of a loaded file."""
    return build_node(brine_file.model, brine_file.arrays)


def read_csv(path):
    with open(path, newline="") as handle:
        rows = [row for row in csv.reader(handle) if row]
    if rows:
        try:
            [float(v) for v in rows[0]]
        except ValueError:
            rows = rows[1:]  # a header row
    return np.array([[float(v) for v in row] for row in rows], dtype=np.float64)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Predict with a Brine model file (numpy + safetensors only).")
    parser.add_argument("model", help="a .brine or .brine.gz file")
    parser.add_argument("input", help="CSV of features, one row per sample (an optional header row is skipped)")
    parser.add_argument("--proba", action="store_true", help="also print class probabilities")
    parser.add_argument("--no-verify", action="store_true", help="skip the CRC-32 checks")
    args = parser.parse_args(argv)
    model = build(load(args.model, verify_checksums=not args.no_verify))
    x = read_csv(args.input)
    out = csv.writer(sys.stdout, lineterminator="\n")
    if getattr(model, "classes", None) is not None and hasattr(model, "predict"):
        predictions = model.predict(x)
        probabilities = model.predict_proba(x) if args.proba else None
        out.writerow(["prediction"] + (["proba_%s" % c for c in model.classes] if args.proba else []))
        for i, label in enumerate(predictions):
            row = [label] + ([repr(float(p)) for p in probabilities[i]] if args.proba else [])
            out.writerow(row)
    else:
        t = model.transform(x)
        out.writerow(["x%d" % j for j in range(t.shape[1])])
        for row in t:
            out.writerow([repr(float(v)) for v in row])
    return 0


if __name__ == "__main__":
    sys.exit(main())
