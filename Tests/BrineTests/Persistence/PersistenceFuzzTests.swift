import Foundation
import Testing
@testable import Brine

/// Mutated valid files: every case either loads or throws a typed error — never a crash, hang
/// or huge allocation. Deterministic (fixed seed) and bounded by a case count.
@Suite struct PersistenceFuzzTests {
    init() { TestRegistry.register() }

    enum Outcome { case loaded, typedError }

    func attempt(_ bytes: [UInt8]) -> Outcome? {
        do {
            _ = try loadBytes(bytes)
            _ = try loadBytes(bytes, verifyChecksums: false)
            return .loaded
        } catch is PersistenceError {
            return .typedError
        } catch is EstimatorError {
            return .typedError
        } catch {
            return nil
        }
    }

    static func mutate(_ source: [UInt8], headerEnd: Int, using generator: inout TestSplitMix64) -> [UInt8] {
        var bytes = source
        switch generator.next() % 7 {
        case 0:  // bit flips anywhere
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] ^= UInt8(1 << (generator.next() % 8))
            }
        case 1:  // bit flips in the header
            let index = Int(generator.next() % UInt64(headerEnd))
            bytes[index] ^= UInt8(1 << (generator.next() % 8))
        case 2:  // truncation
            bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
        case 3:  // random bytes over a range
            let start = Int(generator.next() % UInt64(bytes.count))
            let length = min(bytes.count - start, 1 + Int(generator.next() % 32))
            for index in start..<(start + length) { bytes[index] = UInt8(truncatingIfNeeded: generator.next()) }
        case 4:  // header text edits: replace a digit or a punctuation character
            let candidates = (8..<headerEnd).filter { [UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "4"), UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "[")].contains(bytes[$0]) }
            if let index = candidates.randomElement(using: &generator) {
                let replacements = Array("0123456789,[]{}\":-e ".utf8)
                bytes[index] = replacements[Int(generator.next() % UInt64(replacements.count))]
            }
        case 5:  // header length field edits
            let index = Int(generator.next() % 8)
            bytes[index] = UInt8(truncatingIfNeeded: generator.next())
        default:  // appended or inserted garbage
            let insertAt = Int(generator.next() % UInt64(bytes.count + 1))
            bytes.insert(contentsOf: (0..<(1 + Int(generator.next() % 16))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, at: insertAt)
        }
        return bytes
    }

    @Test func mutatedUncompressedFilesLoadOrThrowTypedErrors() throws {
        let composite = TestComposite(parts: [("a", TestModel.make(rows: 3, columns: 3)), ("b", TestModel.make(rows: 2, columns: 5, seed: 9))])
        let sources = [try savedBytes(TestModel.make(rows: 4, columns: 3)), try savedBytes(composite)]
        var generator = TestSplitMix64(seed: 20_261_122)
        var counts = (loaded: 0, errors: 0)
        for case_ in 0..<3_000 {
            let source = sources[case_ % sources.count]
            var length = 0
            for index in 0..<8 { length |= Int(source[index]) << (8 * index) }
            let mutated = Self.mutate(source, headerEnd: 8 + length, using: &generator)
            switch attempt(mutated) {
            case .loaded: counts.loaded += 1
            case .typedError: counts.errors += 1
            case nil: Issue.record("case \(case_) threw an untyped error")
            }
        }
        #expect(counts.loaded + counts.errors == 3_000)
        #expect(counts.errors > 2_000)
    }

    @Test func mutatedCompressedFilesLoadOrThrowTypedErrors() throws {
        let source = try savedBytes(TestModel.make(rows: 6, columns: 5), compression: .gzip(level: 6))
        var generator = TestSplitMix64(seed: 7)
        for case_ in 0..<1_000 {
            let mutated = Self.mutate(source, headerEnd: min(source.count, 24), using: &generator)
            if attempt(mutated) == nil { Issue.record("case \(case_) threw an untyped error") }
        }
    }

    @Test func mutatedFilesThroughTheFileSystemAndInspect() throws {
        let folder = try TemporaryFolder()
        let source = try savedBytes(TestModel.make(rows: 4, columns: 4))
        var length = 0
        for index in 0..<8 { length |= Int(source[index]) << (8 * index) }
        var generator = TestSplitMix64(seed: 99)
        let url = folder.file("f.brine")
        for case_ in 0..<300 {
            let mutated = Self.mutate(source, headerEnd: 8 + length, using: &generator)
            try Data(mutated).write(to: url)
            for memoryMap in [false, true] {
                for verify in [false, true] {
                    do { _ = try Brine.load(from: url, memoryMap: memoryMap, verifyChecksums: verify) }
                    catch is PersistenceError {} catch is EstimatorError {}
                    catch { Issue.record("case \(case_): untyped error \(error)") }
                }
            }
            do { _ = try Brine.inspect(url) } catch is PersistenceError {} catch { Issue.record("inspect case \(case_): \(error)") }
        }
    }
}
