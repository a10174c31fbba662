"""The Brine file format in Python: strict reading and byte-for-byte Swift-compatible writing.

A Brine file is a safetensors file whose header ``__metadata__["brine"]`` holds a JSON manifest
(docs/FORMAT.md), optionally gzip-compressed as a whole. Everything here needs only numpy.
"""

import json
import mmap
import os
import struct
import tempfile
import zlib

import numpy as np

SUPPORTED_FORMAT_MAJOR = 1
FORMAT_VERSION = "1.0"
#: Written as ``libraryVersion`` by Python dumps (the Brine release this package belongs to).
LIBRARY_VERSION = "0.2.0"
MAX_HEADER_LENGTH = 100_000_000
MAX_DECOMPRESSED = 64 << 30
GZIP_MAGIC = b"\x1f\x8b\x08"

DTYPES = {"F64": np.dtype("<f8"), "F32": np.dtype("<f4"), "I64": np.dtype("<i8"),
          "I32": np.dtype("<i4"), "U8": np.dtype("u1")}
DTYPE_NAMES = {value: key for key, value in DTYPES.items()}
NODE_KEYS = {"type", "layoutVersion", "labelType", "classes", "featureNames", "hyperparameters",
             "fitStatistics", "attributes", "arrays", "children"}
REQUIRED_NODE_KEYS = {"type", "layoutVersion", "hyperparameters", "fitStatistics", "attributes",
                      "arrays", "children"}
MANIFEST_KEYS = {"format", "formatVersion", "libraryVersion", "model", "metadata", "checksums"}
MAX_DEPTH = 128


class BrineFormatError(ValueError):
    """The file is not a Brine file this package understands, or it is damaged."""


class BrineFile:
    """A parsed Brine file: the manifest, and the arrays by full name (``step.name``)."""

    def __init__(self, manifest, arrays, path=None):
        self.manifest = manifest
        self.arrays = arrays
        self.path = path

    @property
    def model(self):
        """The root model node of the manifest."""
        return self.manifest["model"]


# ---------------------------------------------------------------- strict JSON

def _refuse_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise BrineFormatError("duplicate JSON key %r" % key)
        result[key] = value
    return result


def _refuse_constant(name):
    raise BrineFormatError("JSON constant %s is not allowed" % name)


def _depth_ok(value, depth=0):
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > MAX_DEPTH:
            return False
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return True


def strict_json(text, what):
    """Parses JSON refusing duplicate keys, NaN/Infinity and nesting deeper than 128."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise BrineFormatError("%s is not UTF-8" % what) from None
    # A deeply nested document would exhaust Python's recursion before any check: bound it first.
    if text.count("[") + text.count("{") > MAX_DEPTH and _nesting(text) > MAX_DEPTH:
        raise BrineFormatError("%s is nested more than %d deep" % (what, MAX_DEPTH))
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except BrineFormatError as error:
        raise BrineFormatError("%s: %s" % (what, error)) from None
    except (ValueError, RecursionError) as error:
        raise BrineFormatError("%s is not valid JSON: %s" % (what, error)) from None


def _nesting(text):
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def compact_json(value):
    """JSON as Swift's encoder writes it: sorted keys, no whitespace, slashes and non-ASCII unescaped."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


# ---------------------------------------------------------------- bytes in

def _gunzip(data, limit=None):
    """Decompresses every gzip member of ``data``, refusing more than ``limit`` bytes of output."""
    bound = min(1032 * len(data) + 65536, MAX_DECOMPRESSED)
    if limit is not None:
        bound = min(bound, limit)
    out = bytearray()
    view = memoryview(data)
    while len(view) > 0:
        decompressor = zlib.decompressobj(31)
        chunk = view
        while True:
            try:
                piece = decompressor.decompress(chunk, bound - len(out) + 1)
            except zlib.error as error:
                raise BrineFormatError("gzip data is damaged: %s" % error) from None
            out += piece
            if len(out) > bound:
                if limit is not None:
                    return bytes(out[:limit]), True
                raise BrineFormatError("gzip data expands beyond %d bytes (gzip bomb?)" % bound)
            if decompressor.eof:
                break
            chunk = decompressor.unconsumed_tail
            if not chunk:
                if limit is not None:
                    return bytes(out), True
                raise BrineFormatError("truncated gzip data")
        view = memoryview(decompressor.unused_data)
        if len(view) and bytes(view[:3]) != GZIP_MAGIC:
            raise BrineFormatError("data after the end of the gzip stream")
    return bytes(out), False


def _gunzip_declared(compressed):
    """Decompresses a Brine file: the header first, then exactly the size the header declares.

    A declared size above deflate's maximum ratio (1032:1) + 64 KiB, or data beyond it, is refused
    (gzip bomb), so a lying header cannot force a large allocation.
    """
    head, _ = _gunzip(compressed, limit=8)
    if len(head) < 8:
        raise BrineFormatError("truncated file (%d bytes, the header length alone needs 8)" % len(head))
    (length,) = struct.unpack("<Q", head)
    if length > MAX_HEADER_LENGTH:
        raise BrineFormatError("header length %d exceeds %d" % (length, MAX_HEADER_LENGTH))
    data, _ = _gunzip(compressed, limit=8 + length)
    _, header, _ = _parse_header(data, len(data))
    ends = [entry.get("data_offsets", [0, 0])[-1] for name, entry in header.items()
            if name != "__metadata__" and isinstance(entry, dict) and isinstance(entry.get("data_offsets"), list)
            and entry.get("data_offsets")]
    declared = 8 + length + max([e for e in ends if isinstance(e, int)] + [0])
    bound = min(1032 * len(compressed) + 65536, MAX_DECOMPRESSED)
    if declared > bound:
        raise BrineFormatError("the header declares %d bytes, more than %d bytes of gzip data can hold"
                               % (declared, len(compressed)))
    data, more = _gunzip(compressed, limit=declared + 1)
    if len(data) > declared:
        raise BrineFormatError("the gzip data expands beyond the %d bytes the header declares (gzip bomb?)"
                               % declared)
    return data


def _parse_header(data, file_size):
    if file_size < 8:
        raise BrineFormatError("truncated file (%d bytes, the header length alone needs 8)" % file_size)
    (length,) = struct.unpack("<Q", bytes(data[:8]))
    if length > MAX_HEADER_LENGTH:
        raise BrineFormatError("header length %d exceeds %d" % (length, MAX_HEADER_LENGTH))
    if 8 + length > file_size:
        raise BrineFormatError("truncated file: the header needs %d bytes, the file has %d" % (8 + length, file_size))
    header = strict_json(bytes(data[8:8 + length]), "header")
    if not isinstance(header, dict):
        raise BrineFormatError("header is not a JSON object")
    metadata = header.get("__metadata__")
    if not isinstance(metadata, dict) or not isinstance(metadata.get("brine"), str):
        raise BrineFormatError("not a Brine file (no __metadata__.brine manifest)")
    manifest = strict_json(metadata["brine"], "manifest")
    _check_manifest(manifest)
    return length, header, manifest


def _check_manifest(manifest):
    if not isinstance(manifest, dict) or manifest.get("format") != "brine":
        raise BrineFormatError("not a Brine file (manifest format is not \"brine\")")
    version = manifest.get("formatVersion")
    parts = str(version).split(".")
    if not isinstance(version, str) or len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise BrineFormatError("formatVersion %r is not major.minor" % (version,))
    major, minor = int(parts[0]), int(parts[1])
    if major != SUPPORTED_FORMAT_MAJOR:
        raise BrineFormatError("format version %s (written by Brine %s); this reader reads %d.x"
                               % (version, manifest.get("libraryVersion"), SUPPORTED_FORMAT_MAJOR))
    known_minor = int(FORMAT_VERSION.split(".")[1])
    for key in ("model", "checksums"):
        if key not in manifest:
            raise BrineFormatError("manifest has no %r" % key)
    if minor <= known_minor:
        unknown = set(manifest) - MANIFEST_KEYS
        if unknown:
            raise BrineFormatError("manifest has unknown key %r" % sorted(unknown)[0])
    _check_node(manifest["model"], "model", minor <= known_minor, 0)


def _check_node(node, path, strict, depth):
    if depth > 32:
        raise BrineFormatError("models are nested more than 32 deep")
    if not isinstance(node, dict):
        raise BrineFormatError("%s is not an object" % path)
    missing = REQUIRED_NODE_KEYS - set(node)
    if missing:
        raise BrineFormatError("%s has no %r" % (path, sorted(missing)[0]))
    if strict and set(node) - NODE_KEYS:
        raise BrineFormatError("%s has unknown key %r" % (path, sorted(set(node) - NODE_KEYS)[0]))
    if not isinstance(node["type"], str) or not node["type"]:
        raise BrineFormatError("%s.type is not a non-empty string" % path)
    if not isinstance(node["arrays"], list) or not all(isinstance(a, str) for a in node["arrays"]):
        raise BrineFormatError("%s.arrays is not a list of names" % path)
    if not isinstance(node["children"], list):
        raise BrineFormatError("%s.children is not a list" % path)
    names = node.get("featureNames")
    if names is not None and (not isinstance(names, list) or not all(isinstance(n, str) for n in names)):
        raise BrineFormatError("%s.featureNames is not a list of strings" % path)
    for child in node["children"]:
        if not isinstance(child, dict) or not isinstance(child.get("name"), str) or "model" not in child:
            raise BrineFormatError("%s.children has an entry without name and model" % path)
        _check_node(child["model"], "%s.%s" % (path, child["name"]), strict, depth + 1)


def _array_names(node, prefix=""):
    names = [prefix + name for name in node["arrays"]]
    for child in node["children"]:
        names += _array_names(child["model"], prefix + child["name"] + ".")
    return names


def _array_table(header, data_size):
    entries = []
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
            raise BrineFormatError("array %s: entry must have exactly dtype, shape, data_offsets" % name)
        dtype = DTYPES.get(entry["dtype"])
        if dtype is None:
            raise BrineFormatError("array %s: unsupported dtype %r" % (name, entry["dtype"]))
        shape, offsets = entry["shape"], entry["data_offsets"]
        if (not isinstance(shape, list) or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)
                or len(shape) > 16):
            raise BrineFormatError("array %s: invalid shape %r" % (name, shape))
        if (not isinstance(offsets, list) or len(offsets) != 2
                or not all(isinstance(o, int) and not isinstance(o, bool) and o >= 0 for o in offsets)
                or offsets[0] > offsets[1]):
            raise BrineFormatError("array %s: invalid data_offsets %r" % (name, offsets))
        count = 1
        for dimension in shape:
            count *= dimension  # Python integers do not overflow; compared with the span below.
        if count * dtype.itemsize != offsets[1] - offsets[0]:
            raise BrineFormatError("array %s: dtype %s with shape %s needs %d bytes but data_offsets span %d"
                                   % (name, entry["dtype"], shape, count * dtype.itemsize, offsets[1] - offsets[0]))
        entries.append((offsets[0], offsets[1], name, dtype, tuple(shape)))
    entries.sort()
    position = 0
    for begin, end, name, _, _ in entries:
        if begin != position:
            raise BrineFormatError("array %s: %s at offset %d (expected %d)"
                                   % (name, "overlap" if begin < position else "hole", begin, position))
        position = end
    if position != data_size:
        raise BrineFormatError("the arrays cover %d bytes of a %d-byte data section (truncated or trailing data)"
                               % (position, data_size))
    return entries


def _read_bytes(path, mmap_mode):
    with open(path, "rb") as handle:
        start = handle.read(3)
        handle.seek(0)
        if start == GZIP_MAGIC:
            if mmap_mode is not None:
                raise BrineFormatError("mmap_mode needs an uncompressed file; %s is gzip-compressed" % path)
            return _gunzip_declared(handle.read())
        if mmap_mode is not None:
            size = os.fstat(handle.fileno()).st_size
            if size == 0:
                return b""
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return handle.read()


def read_file(path, verify_checksums=True, mmap_mode=None):
    """Reads and validates a Brine file; returns a :class:`BrineFile`.

    ``mmap_mode="r"`` maps an uncompressed file and returns read-only arrays backed by the mapping.
    Raises :class:`BrineFormatError` naming the first problem.
    """
    if mmap_mode not in (None, "r", "c"):
        raise ValueError("mmap_mode must be None, 'r' or 'c', not %r" % (mmap_mode,))
    path = os.fspath(path)
    data = _read_bytes(path, mmap_mode)
    length, header, manifest = _parse_header(data, len(data))
    data_start = 8 + length
    entries = _array_table(header, len(data) - data_start)
    declared = sorted(_array_names(manifest["model"]))
    present = sorted(e[2] for e in entries)
    if declared != present:
        extra = sorted(set(present) - set(declared))
        missing = sorted(set(declared) - set(present))
        raise BrineFormatError("the manifest and the array table disagree: %s"
                               % ("array %s is not in the manifest" % extra[0] if extra
                                  else "array %s is missing" % (missing[0] if missing else "listed twice")))
    checksums = manifest["checksums"]
    if not isinstance(checksums, dict) or sorted(checksums) != present:
        raise BrineFormatError("checksums must list every array exactly")
    buffer = memoryview(data)
    arrays = {}
    for begin, end, name, dtype, shape in entries:
        raw = buffer[data_start + begin:data_start + end]
        if verify_checksums:
            expected = checksums[name]
            if not isinstance(expected, int) or zlib.crc32(raw) != expected:
                raise BrineFormatError("checksum mismatch in array %s (the file is damaged)" % name)
        if (data_start + begin) % dtype.itemsize == 0 or mmap_mode is None:
            array = np.frombuffer(raw, dtype=dtype).reshape(shape)
        else:
            array = np.frombuffer(bytes(raw), dtype=dtype).reshape(shape)
        if mmap_mode == "c":
            array = array.copy()
        arrays[name] = array
    return BrineFile(manifest, arrays, path)


def inspect_file(path):
    """The manifest of a Brine file, reading only the header (a gzip file only until the header ends)."""
    path = os.fspath(path)
    with open(path, "rb") as handle:
        start = handle.read(8)
        if start[:3] == GZIP_MAGIC:
            handle.seek(0)
            compressed = handle.read()
            head, _ = _gunzip(compressed, limit=8)
            if len(head) < 8:
                raise BrineFormatError("truncated file")
            (length,) = struct.unpack("<Q", head[:8])
            if length > MAX_HEADER_LENGTH:
                raise BrineFormatError("header length %d exceeds %d" % (length, MAX_HEADER_LENGTH))
            data, _ = _gunzip(compressed, limit=8 + length)
            length, header, manifest = _parse_header(data, len(data))
        else:
            if len(start) < 8:
                raise BrineFormatError("truncated file (%d bytes)" % len(start))
            (length,) = struct.unpack("<Q", start)
            if length > MAX_HEADER_LENGTH:
                raise BrineFormatError("header length %d exceeds %d" % (length, MAX_HEADER_LENGTH))
            size = os.fstat(handle.fileno()).st_size
            data = start + handle.read(length)
            length, header, manifest = _parse_header(data, size)
    manifest = dict(manifest)
    manifest["arrayTable"] = {name: {"dtype": entry["dtype"], "shape": entry["shape"]}
                              for name, entry in sorted(header.items()) if name != "__metadata__"}
    return manifest


# ---------------------------------------------------------------- bytes out

def node(type_name, layout_version, hyperparameters, arrays=None, attributes=None, fit_statistics=None,
         classes=None, label_type=None, feature_names=None, children=None):
    """A model node for :func:`serialize`: the manifest keys plus ``_arrays`` (name -> ndarray)."""
    result = {"type": type_name, "layoutVersion": layout_version, "hyperparameters": hyperparameters,
              "attributes": attributes or {}, "fitStatistics": fit_statistics or {},
              "children": [{"name": name, "model": child} for name, child in (children or [])],
              "_arrays": dict(arrays or {})}
    if classes is not None:
        result["classes"] = list(classes)
    if label_type is not None:
        result["labelType"] = label_type
    if feature_names is not None:
        result["featureNames"] = [str(n) for n in feature_names]
    return result


def _json_value(value):
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.str_):
        return str(value)
    return value


def _split(model, prefix, flat):
    """A JSON-only copy of a node tree (``arrays`` as sorted names); the arrays go to ``flat``."""
    result = {key: _json_value(value) for key, value in model.items() if key not in ("_arrays", "children")}
    arrays = model.get("_arrays", {})
    result["arrays"] = sorted(arrays)
    for name, array in arrays.items():
        if not name or "." in name or name.startswith("__"):
            raise ValueError("invalid array name %r" % name)
        array = np.ascontiguousarray(array)
        little = array.dtype.newbyteorder("<")
        if little not in DTYPE_NAMES:
            raise ValueError("array %s has dtype %s; Brine stores F64, F32, I64, I32, U8" % (name, array.dtype))
        flat.append((prefix + name, DTYPE_NAMES[little], array.astype(little, copy=False)))
    result["children"] = []
    for child in model.get("children", []):
        name = child["name"]
        if not isinstance(name, str) or not name or "." in name or name.startswith("__"):
            raise ValueError("invalid step name %r (Brine names are non-empty, contain no '.' and do not start "
                             "with '__')" % (name,))
        result["children"].append({"name": name, "model": _split(child["model"], prefix + name + ".", flat)})
    return result


def serialize(model, metadata=None):
    """The bytes of an uncompressed Brine file for a model node tree (see :func:`node`).

    Arrays are sorted by element size, then by name; the header is compact sorted-key JSON padded
    with spaces to a multiple of 8 -- the layout Swift's ``BrineFileWriter`` produces.
    """
    flat = []
    manifest_model = _split(model, "", flat)
    names = [item[0] for item in flat]
    if len(set(names)) != len(names):
        raise ValueError("two arrays share the full name %r" % sorted(n for n in names if names.count(n) > 1)[0])
    flat.sort(key=lambda item: (-item[2].dtype.itemsize, item[0].encode("utf-8")))
    table, checksums, offset, blobs = {}, {}, 0, []
    for name, dtype_name, array in flat:
        raw = array.tobytes()
        table[name] = {"dtype": dtype_name, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        checksums[name] = zlib.crc32(raw)
        offset += len(raw)
        blobs.append(raw)
    manifest = {"format": "brine", "formatVersion": FORMAT_VERSION, "libraryVersion": LIBRARY_VERSION,
                "model": manifest_model, "metadata": _json_value(metadata or {}), "checksums": checksums}
    try:
        table["__metadata__"] = {"brine": compact_json(manifest)}
    except ValueError as error:
        raise ValueError("the manifest cannot be written as JSON (NaN or infinity in a hyperparameter or "
                         "metadata?): %s" % error) from None
    header = compact_json(table).encode("utf-8")
    header += b" " * ((8 - (8 + len(header)) % 8) % 8)
    return b"".join([struct.pack("<Q", len(header)), header] + blobs)


def write_file(model, path, compress=0, metadata=None, overwrite=False):
    """Writes a model node tree atomically (temporary file, fsync, rename/link, fsync of the folder).

    ``compress`` 1–9 gzip-compresses (as does a name ending in ``.gz``, at level 3 when 0).
    """
    path = os.fspath(path)
    if isinstance(compress, bool) or not isinstance(compress, int) or not 0 <= compress <= 9:
        raise ValueError("compress must be an integer 0..9, not %r" % (compress,))
    if path.endswith(".gz") and compress == 0:
        compress = 3
    if not overwrite and os.path.exists(path):
        raise FileExistsError("%s exists (pass overwrite=True to replace it)" % path)
    data = serialize(model, metadata)
    if compress:
        data = _gzip(data, compress)
    folder = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), suffix=".tmp", dir=folder)
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(descriptor, 0o666 & ~mask)  # mkstemp makes 0600; a saved model gets the usual mode
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if another writer got there first
            os.unlink(temporary)
        temporary = None
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
    return path


def _gzip(data, level):
    compressor = zlib.compressobj(level, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()
