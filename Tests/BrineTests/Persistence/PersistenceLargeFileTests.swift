#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import Brine

/// Issue 11, defect 2: a load reads and validates the 8-byte length and the header before anything
/// else, so a huge file that is not a Brine file (or whose header does not account for its size)
/// gets a typed error after reading a few bytes, and an allocation failure is a typed error.
///
/// The large files are sparse (made with `ftruncate`): they cost no disk space, and reading them
/// whole would cost their size in memory.
@Suite struct PersistenceLargeFileTests {
    static let sparseSize: off_t = 2 << 30

    init() { TestRegistry.register() }

    /// A file of `prefix` followed by zeros up to `size` bytes, without writing the zeros.
    func sparseFile(_ url: URL, prefix: [UInt8], size: off_t) throws {
        try Data(prefix).write(to: url)
        let descriptor = open(url.path, O_WRONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(ftruncate(descriptor, size) == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.size] as? NSNumber)?.int64Value == Int64(size))
    }

    /// Every way a file is opened (copying load, mapping load with and without verification, inspect)
    /// must throw `expected`.
    func expectEveryModeThrows(_ url: URL, _ expected: PersistenceError, includingMapping: Bool = true,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try Brine.load(from: url) }
        if includingMapping {
            #expect(throws: expected, sourceLocation: sourceLocation) { try Brine.load(from: url, memoryMap: true) }
            #expect(throws: expected, sourceLocation: sourceLocation) {
                try Brine.load(from: url, memoryMap: true, verifyChecksums: false)
            }
        }
        #expect(throws: expected, sourceLocation: sourceLocation) { try Brine.inspect(url) }
    }

    @Test func sparseFileOfZerosIsNotABrineFile() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("zeros.brine")
        try sparseFile(url, prefix: [], size: Self.sparseSize)
        expectEveryModeThrows(url, .notABrineFile(url.path))
    }

    @Test func validModelFollowedByGigabytesIsRefusedFromItsHeader() throws {
        // A real model's bytes, then 2 GB the header does not declare: the header's array table
        // must tile the file exactly, which is known before any data is read.
        let valid = try savedBytes(TestModel.make(rows: 4, columns: 3))
        let folder = try TemporaryFolder()
        let url = folder.file("padded.brine")
        try sparseFile(url, prefix: valid, size: Self.sparseSize)
        let extra = Int(Self.sparseSize) - valid.count
        expectEveryModeThrows(url, .invalidArrayTable("\(extra) bytes after the last array belong to no array"))
    }

    @Test func headerDeclaringMoreThanTheFileHoldsIsTruncated() throws {
        // A header that declares an array far beyond the end of a 2 GB file: refused from the
        // header, before the data buffer is allocated.
        let valid = try savedBytes(TestModel.make(rows: 4, columns: 3))
        let huge = try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["bytes"]?.objectValue ?? [:]
            let begin = entry["data_offsets"]?.arrayValue?[0].intValue ?? 0
            entry["shape"] = [.int(1 << 40)]
            entry["data_offsets"] = [.int(begin), .int(begin + (1 << 40))]
            parts.table["bytes"] = .object(entry)
        }
        let folder = try TemporaryFolder()
        let url = folder.file("huge.brine")
        try sparseFile(url, prefix: huge, size: Self.sparseSize)
        do {
            _ = try Brine.load(from: url)
            Issue.record("loaded a file whose header declares 1 TB of data")
        } catch let error as PersistenceError {
            guard case let .truncated(message) = error else {
                Issue.record("expected a truncated-file error, got \(error)")
                return
            }
            #expect(message.hasPrefix("the arrays need "))
        }
    }

    @Test func textFilesAreNotBrineFiles() throws {
        let folder = try TemporaryFolder()
        let readme = folder.file("README.md")
        try Data("# Brine\n\nA scikit-learn-shaped toolkit for Swift.\n".utf8).write(to: readme)
        expectEveryModeThrows(readme, .notABrineFile(readme.path))
        let csv = folder.file("iris.csv")
        try Data("sepal_length,sepal_width,species\n5.1,3.5,setosa\n".utf8).write(to: csv)
        expectEveryModeThrows(csv, .notABrineFile(csv.path))
        // Shorter than the length and the `{`: reported as a truncated file, as before.
        let tiny = folder.file("tiny")
        try Data("hello".utf8).write(to: tiny)
        expectEveryModeThrows(tiny, .truncated("the file is 5 bytes, shorter than the 8-byte header length"))
    }

    @Test func gzipOfSomethingElseIsNotABrineFile() throws {
        let folder = try TemporaryFolder()
        let text = Array("not a model, just some text that happens to be compressed\n".utf8)
        let url = folder.file("text.gz")
        try Data(try text.withUnsafeBytes { try Gzip.compressMember($0, level: 6) }).write(to: url)
        let expected = PersistenceError.notABrineFile("the decompressed contents of \(url.path)")
        #expect(throws: expected) { try Brine.load(from: url) }
        #expect(throws: expected) { try Brine.inspect(url) }
        #expect(throws: PersistenceError.unsupportedOption("memoryMap needs an uncompressed file; \(url.path) is gzip-compressed")) {
            try Brine.load(from: url, memoryMap: true)
        }
        // 64 MB of zeros, compressed: refused after inflating the first bytes.
        let zeros = [UInt8](repeating: 0, count: 64 << 20)
        let zerosURL = folder.file("zeros.gz")
        try Data(try zeros.withUnsafeBytes { try Gzip.compressMember($0, level: 1) }).write(to: zerosURL)
        #expect(throws: PersistenceError.notABrineFile("the decompressed contents of \(zerosURL.path)")) {
            try Brine.load(from: zerosURL)
        }
        // And through the in-memory path the fuzzer uses.
        let compressed = try text.withUnsafeBytes { try Gzip.compressMember($0, level: 6) }
        #expect(throws: PersistenceError.notABrineFile("the decompressed contents of the data")) { try loadBytes(compressed) }
        #expect(throws: PersistenceError.notABrineFile("the data")) { try loadBytes(Array("0123456789abcdef".utf8)) }
    }

    @Test func failedAllocationIsATypedError() {
        // More than any address space holds: posix_memalign fails, and the buffer throws instead of trapping.
        let impossible = Int.max / 2
        #expect(throws: PersistenceError.outOfMemory(bytes: impossible)) { try FileBytes(capacity: impossible) }
        #expect(throws: PersistenceError.outOfMemory(bytes: -1)) { try FileBytes(capacity: -1) }
    }
}
