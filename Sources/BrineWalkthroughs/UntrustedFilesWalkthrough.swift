import Brine
import Foundation

/// Walkthrough 9: never load untrusted files — tampered files are refused with a precise reason.
public enum UntrustedFilesWalkthrough {
    /// Runs the walkthrough and returns the errors the tampered files produced.
    public static func run(_ context: WalkthroughContext) throws -> [PersistenceError] {
        context.say("9. Never load untrusted files")
        context.say("  pickle/joblib run code on load: a pickle whose __reduce__ returns (os.system, ('rm -rf ~',))")
        context.say("  executes that command inside pickle.load. A Brine file is data only: a type name is looked up")
        context.say("  in a table compiled into the program, and every array is checked before use.")
        let (train, _) = try BundledDatasets.loadSplit("iris")
        let model = try LogisticRegression(maxIterations: 1000).fit(train.features, train.targets)
        let url = context.file("model.brine")
        try model.save(to: url)
        let bytes = try Data(contentsOf: url)
        var refused: [PersistenceError] = []

        // 1. One flipped bit in the coefficients.
        var flipped = bytes
        flipped[flipped.count - 3] ^= 0x10
        let flippedURL = context.file("flipped.brine")
        try flipped.write(to: flippedURL)
        refused.append(try refusal(of: flippedURL, "a flipped bit in the arrays", context))

        // 2. A header that names code to run instead of a model type.
        let hostileURL = context.file("hostile.brine")
        try rewritingHeader(of: bytes, replacing: "LogisticRegression", with: "os.system('rm -rf ~')").write(to: hostileURL)
        refused.append(try refusal(of: hostileURL, "a header naming code instead of a model type", context))

        // 3. A header claiming more bytes than the file has.
        var truncated = bytes.prefix(bytes.count / 2)
        truncated.replaceSubrange(0..<8, with: withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Data($0) })
        let truncatedURL = context.file("truncated.brine")
        try Data(truncated).write(to: truncatedURL)
        refused.append(try refusal(of: truncatedURL, "a header length pointing past the end of the file", context))

        try context.check(refused.count == 3, "every tampered file was refused before anything used it")
        if case .checksumMismatch = refused[0], case .unknownModelType = refused[1] {
            try context.check(true, "the reasons are precise: checksum mismatch, unknown model type, bad header length")
        } else {
            throw WalkthroughError.checkFailed("unexpected refusals \(refused)")
        }
        return refused
    }

    private static func refusal(of url: URL, _ what: String, _ context: WalkthroughContext) throws -> PersistenceError {
        do {
            _ = try Brine.load(from: url)
        } catch let error as PersistenceError {
            context.say("  \(what): refused — \(error)")
            return error
        }
        throw WalkthroughError.expectedFailure(what)
    }

    /// The file `bytes` with `old` replaced by `new` in its JSON header (re-padded to keep the data aligned).
    static func rewritingHeader(of bytes: Data, replacing old: String, with new: String) throws -> Data {
        guard bytes.count >= 8 else { throw WalkthroughError.checkFailed("file too short") }
        let length = bytes.prefix(8).withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
        guard length <= bytes.count - 8 else { throw WalkthroughError.checkFailed("bad header length") }
        var header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        header = header.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: old, with: new)
        var headerBytes = Data(header.utf8)
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }
        var result = withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { Data($0) }
        result.append(headerBytes)
        result.append(bytes[(8 + length)...])
        return result
    }
}
