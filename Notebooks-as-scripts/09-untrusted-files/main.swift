// Notebook 09 — never load untrusted files: tampered files are refused with a precise reason.
// Reproduces the seed snippet "09-untrusted-files" (Python):
//     class Evil: __reduce__ = lambda self: (os.system, ("rm -rf ~",))
//     pickle.loads(pickle.dumps(Evil()))   # runs the command; a Brine file is data only
// Run: swift run 09-untrusted-files
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

/// The error loading `bytes` as a Brine file gives (nil if it loads).
func refusal(_ what: String, _ bytes: Data) throws -> PersistenceError? {
    let url = folder.appendingPathComponent("tampered.brine")
    try bytes.write(to: url)
    do { _ = try Brine.load(from: url) } catch let error as PersistenceError {
        print("\(what): refused, \(error)")
        return error
    }
    print("\(what): loaded!")
    return nil
}

/// `file` with `old` replaced by `new` in its JSON header (re-padded to keep the arrays aligned).
func rewritingHeader(of file: Data, replacing old: String, with new: String) -> Data {
    let length = Int(file.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
    var header = Data(String(decoding: file[8..<(8 + length)], as: UTF8.self)
        .trimmingCharacters(in: .whitespaces).replacingOccurrences(of: old, with: new).utf8)
    while header.count % 8 != 0 { header.append(0x20) }
    return withUnsafeBytes(of: UInt64(header.count).littleEndian) { Data($0) } + header + file[(8 + length)...]
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-09")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
print("A pickle runs code inside pickle.load. A Brine file is data only: its type name is looked up")
print("in a table compiled into the program, and every array is checked before use.")

let (train, _) = try BundledDatasets.loadSplit("iris")
let model = try LogisticRegression(maxIterations: 1000).fit(train.features, train.targets)
let url = folder.appendingPathComponent("model.brine")
try model.save(to: url)
let bytes = try Data(contentsOf: url)

var flipped = bytes
flipped[flipped.count - 3] ^= 0x10
let bitFlip = try refusal("one flipped bit in the arrays", flipped)
let hostile = try refusal("a header naming code instead of a model type",
                          rewritingHeader(of: bytes, replacing: "LogisticRegression", with: "os.system('rm -rf ~')"))
var truncated = bytes.prefix(bytes.count / 2)
truncated.replaceSubrange(0..<8, with: withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Data($0) })
let pastTheEnd = try refusal("a header length past the end of the file", Data(truncated))

let claim = "every tampered file is refused: checksum mismatch, unknown model type, bad header length"
switch (bitFlip, hostile, pastTheEnd) {
case (.checksumMismatch?, .unknownModelType?, .some): check(true, claim)
default: check(false, claim)
}

try FileManager.default.removeItem(at: folder)
