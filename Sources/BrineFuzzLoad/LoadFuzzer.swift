// libFuzzer target for the model file loader (`make fuzz`; built only when BRINE_FUZZ=1).
//
// Every input is written to a file and opened in every way a user can: copied and verified,
// copied unverified, memory-mapped and verified, memory-mapped unverified, inspected, and (as
// gzip, compressed here when the input is not already) copied both ways. Whatever loads is made
// to predict or transform a few rows. Anything but a typed error is a bug; libFuzzer reports
// crashes, hangs (-timeout) and huge allocations (-rss_limit_mb / -malloc_limit_mb).
//
// The custom mutator knows the format: 8-byte little-endian header length, JSON header, arrays.
// It mutates the header's bytes, its structure (a key removed or added, a value of another type, an array
// element removed or repeated, in the array table or in the manifest), a number inside the header or the manifest JSON, or the arrays,
// and re-writes the length field so that the header parser sees a consistent file.
import Brine
import CZlib
import Foundation

private let scratchFolder: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let folder = "\(base)/brine-fuzz-load-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: "/dev/shm/brine-fuzz-load-\(getpid())") }
    return folder
}()
private let plainURL = URL(fileURLWithPath: "\(scratchFolder)/input.brine")
private let gzipURL = URL(fileURLWithPath: "\(scratchFolder)/input.brine.gz")

/// Writes `bytes` to `url`, replacing it.
private func write(_ bytes: UnsafeRawBufferPointer, to url: URL) {
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { fatalError("fuzzer: cannot write \(url.path)") }
    var done = 0
    while done < bytes.count, let base = bytes.baseAddress {
        let n = Glibc.write(descriptor, base + done, bytes.count - done)
        if n <= 0 { break }
        done += n
    }
    close(descriptor)
}

/// `bytes` as one gzip member (zlib, window bits 31).
private func gzip(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var stream = z_stream()
    guard deflateInit2_(&stream, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
    let produced: Int = output.withUnsafeMutableBytes { out in
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(out.count)
        _ = deflate(&stream, Z_FINISH)
        return out.count - Int(stream.avail_out)
    }
    return Array(output.prefix(produced))
}

/// Predicts (or transforms) a few rows with whatever loaded, when its width is reasonable.
private func exercise(_ model: any Persistable) {
    guard let fitted = model as? any FittedModel, fitted.featureCount <= 4096 else { return }
    let x = Matrix(rows: 3, columns: fitted.featureCount) { values in
        for index in values.indices { values[index] = Double(index % 7) - 3 }
    }
    if let classifier = model as? any Classifier<String> {
        _ = try? classifier.predict(x)
        _ = try? classifier.predictProbabilities(x)
    } else if let classifier = model as? any Classifier<Int> {
        _ = try? classifier.predict(x)
        _ = try? classifier.predictProbabilities(x)
    } else if let transformer = model as? any Transformer {
        _ = try? transformer.transform(x)
    }
}

/// Every load mode on `url` (memory mapping only for uncompressed files).
private func loadEveryWay(_ url: URL, mappable: Bool) {
    for verify in [true, false] {
        if let model = try? Brine.load(from: url, verifyChecksums: verify) { exercise(model) }
        if mappable, let model = try? Brine.load(from: url, memoryMap: true, verifyChecksums: verify) { exercise(model) }
    }
    _ = try? Brine.inspect(url)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func brineFuzzLoad(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let isGzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b
    write(bytes, to: plainURL)
    loadEveryWay(plainURL, mappable: !isGzip)
    if !isGzip {
        let compressed = gzip(bytes)
        compressed.withUnsafeBytes { write($0, to: gzipURL) }
        loadEveryWay(gzipURL, mappable: false)
    }
    return 0
}

// MARK: - Structure-aware mutation

@_silgen_name("LLVMFuzzerMutate")
private func LLVMFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

/// A SplitMix64 generator seeded by libFuzzer (mutations must be reproducible from the seed).
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `part` mutated by libFuzzer's own mutators, allowed to grow by up to `room` bytes.
private func mutateBytes(_ part: [UInt8], room: Int) -> [UInt8] {
    var buffer = part + [UInt8](repeating: 0, count: max(room, 1))
    let capacity = buffer.count
    let newSize = buffer.withUnsafeMutableBufferPointer { pointer in
        pointer.baseAddress.map { LLVMFuzzerMutate($0, part.count, capacity) } ?? 0
    }
    return Array(buffer.prefix(newSize))
}

/// Interesting replacements for a number in the header or manifest.
private let interestingNumbers = ["0", "1", "-1", "2", "7", "8", "255", "256", "65536", "4294967295", "4294967296",
                                  "9223372036854775807", "18446744073709551616", "1e308", "-0", "0.5", "1e-5"]

/// Replaces one number token (a run of digits, optionally signed) in `text` with an interesting one,
/// or one nearby (±1, ×2); JSON stays well formed, so the parser's later checks are reached.
private func mutateNumber(in text: [UInt8], using generator: inout SeededGenerator) -> [UInt8]? {
    var runs: [Range<Int>] = []
    var index = 0
    while index < text.count {
        if text[index] >= 48 && text[index] <= 57 {
            let start = index > 0 && text[index - 1] == 45 ? index - 1 : index
            while index < text.count && text[index] >= 48 && text[index] <= 57 { index += 1 }
            runs.append(start..<index)
        } else {
            index += 1
        }
    }
    guard let run = runs.randomElement(using: &generator) else { return nil }
    let old = Int(String(decoding: text[run], as: UTF8.self)) ?? 0
    let replacement: String
    switch generator.next() % 4 {
    case 0: replacement = String(old &+ 1)
    case 1: replacement = String(old &- 1)
    case 2: replacement = String(old &* 2)
    default: replacement = interestingNumbers.randomElement(using: &generator) ?? "0"
    }
    var result = text
    result.replaceSubrange(run, with: Array(replacement.utf8))
    return result
}

/// `BRINE_FUZZ_BYTES_ONLY=1` turns the structure-aware moves off (libFuzzer's byte mutators only),
/// to measure what they add (docs/RELIABILITY.md, coverage of `BrineHeader.init`).
private let bytesOnly = ProcessInfo.processInfo.environment["BRINE_FUZZ_BYTES_ONLY"] == "1"

/// Replacement values of another JSON type or at a boundary (a value the parser must refuse or bound).
nonisolated(unsafe) private let replacementValues: [Any] = [0, -1, 1, 7, 8, 4_294_967_296, Int64.max, Int64.min, 1.5, -0.0, "", "F64", "F32",
                                        "I64", "I32", "U8", "BOOL", "brine", "1.0", "9.0", "0.1.0", [Any](), [0], [0, 0],
                                        [-1, 4], [String: Any](), NSNull(), true, false]

/// `value` with one random change somewhere inside: a key removed, a value replaced by one of
/// another type, an array element removed or duplicated, or a number moved by one.
private func mutateTree(_ value: Any, using generator: inout SeededGenerator, depth: Int = 0) -> Any {
    let descend = depth < 8 && generator.next() % 3 != 0
    if var object = value as? [String: Any], !object.isEmpty {
        let keys = object.keys.sorted()
        let key = keys[Int(generator.next() % UInt64(keys.count))]
        if descend, let child = object[key] {
            object[key] = mutateTree(child, using: &generator, depth: depth + 1)
            return object
        }
        switch generator.next() % 3 {
        case 0: object.removeValue(forKey: key)
        case 1: object[key] = replacementValues[Int(generator.next() % UInt64(replacementValues.count))]
        default: object[key + "_"] = object[key]  // an unknown key beside a known one
        }
        return object
    }
    if var array = value as? [Any], !array.isEmpty {
        let index = Int(generator.next() % UInt64(array.count))
        if descend {
            array[index] = mutateTree(array[index], using: &generator, depth: depth + 1)
            return array
        }
        switch generator.next() % 3 {
        case 0: array.remove(at: index)
        case 1: array.append(array[index])
        default: array[index] = replacementValues[Int(generator.next() % UInt64(replacementValues.count))]
        }
        return array
    }
    if let number = value as? Int, generator.next() % 2 == 0 {
        return generator.next() % 2 == 0 ? number &+ 1 : number &- 1
    }
    return replacementValues[Int(generator.next() % UInt64(replacementValues.count))]
}

/// The header with one structural change, to the array table or to the manifest inside
/// `__metadata__.brine` (re-serialized, so the header stays valid JSON and the manifest a valid
/// string); `nil` when the header is not JSON (then the byte mutators are used).
private func mutateStructure(of header: [UInt8], using generator: inout SeededGenerator) -> [UInt8]? {
    guard var top = (try? JSONSerialization.jsonObject(with: Data(header))) as? [String: Any] else { return nil }
    if generator.next() % 2 == 0, var metadata = top["__metadata__"] as? [String: Any], let text = metadata["brine"] as? String,
       let manifest = try? JSONSerialization.jsonObject(with: Data(text.utf8)) {
        let mutated = mutateTree(manifest, using: &generator)
        guard JSONSerialization.isValidJSONObject(mutated),
              let data = try? JSONSerialization.data(withJSONObject: mutated, options: [.sortedKeys]) else { return nil }
        metadata["brine"] = String(decoding: data, as: UTF8.self)
        top["__metadata__"] = metadata
    } else {
        guard let mutated = mutateTree(top, using: &generator) as? [String: Any] else { return nil }
        top = mutated
    }
    guard JSONSerialization.isValidJSONObject(top),
          let data = try? JSONSerialization.data(withJSONObject: top, options: [.sortedKeys]) else { return nil }
    return Array(data)
}

@_cdecl("LLVMFuzzerCustomMutator")
public func brineFuzzMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    if bytesOnly { return LLVMFuzzerMutate(data, size, maxSize) }
    var generator = SeededGenerator(state: UInt64(seed) &* 0x2545_F491_4F6C_DD1D)
    var headerLength = 0
    if size >= 8 {
        for index in 0..<8 { headerLength |= Int(data[index]) << (8 * index) }
    }
    // Not a plain Brine file (gzip, truncated, or its length already broken): libFuzzer's mutators.
    guard size >= 9, headerLength > 0, headerLength <= size - 8, generator.next() % 8 != 0 else {
        return LLVMFuzzerMutate(data, size, maxSize)
    }
    var header = Array(UnsafeBufferPointer(start: data + 8, count: headerLength))
    var arrays = Array(UnsafeBufferPointer(start: data + 8 + headerLength, count: size - 8 - headerLength))
    let room = max(0, maxSize - size)
    switch generator.next() % 7 {
    case 5, 6:  // the header's structure: a key, a value's type, an array element (table or manifest)
        if let mutated = mutateStructure(of: header, using: &generator) { header = mutated } else { header = mutateBytes(header, room: room) }
    case 0, 1:  // the header's bytes (dictionary tokens included)
        header = mutateBytes(header, room: room)
    case 2:  // a number of the header (offsets, shapes) or of the manifest inside it (escaped JSON)
        if let mutated = mutateNumber(in: header, using: &generator) { header = mutated } else { header = mutateBytes(header, room: room) }
    case 3:  // the arrays
        arrays = arrays.isEmpty ? [UInt8(truncatingIfNeeded: generator.next())] : mutateBytes(arrays, room: room)
    default:  // both
        header = mutateBytes(header, room: room / 2)
        if !arrays.isEmpty { arrays = mutateBytes(arrays, room: room / 2) }
    }
    let total = 8 + header.count + arrays.count
    guard total <= maxSize else { return LLVMFuzzerMutate(data, size, maxSize) }
    var length = UInt64(header.count).littleEndian
    withUnsafeBytes(of: &length) { raw in for index in 0..<8 { data[index] = raw[index] } }
    header.withUnsafeBufferPointer { if let base = $0.baseAddress { (data + 8).update(from: base, count: header.count) } }
    arrays.withUnsafeBufferPointer { if let base = $0.baseAddress { (data + 8 + header.count).update(from: base, count: arrays.count) } }
    return total
}
