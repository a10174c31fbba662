import Foundation
import Testing
@testable import Brine

/// A verified copying load of a large file checksums its arrays while the bytes arrive
/// (`StreamingChecksums`): the sums equal the stored ones and those of the one-pass `CRC32`, the
/// model comes back equal, and a flipped byte anywhere is reported for the array that holds it.
@Suite struct PersistenceStreamingChecksumTests {
    init() { TestRegistry.register() }

    /// A model whose 12 MB weight array spans several read chunks, followed by small arrays.
    static func largeModel() -> TestModel { TestModel.make(rows: 1000, columns: 1500, seed: 5) }

    @Test func streamedChecksumsEqualTheStoredOnesAndTheModelRoundTrips() throws {
        let model = Self.largeModel()
        let folder = try TemporaryFolder()
        let url = folder.file("large.brine")
        try model.save(to: url)
        let loaded = try BrineFileReader.load(from: url, memoryMap: false, checksumWhileReading: true)
        let header = loaded.header
        #expect(header.totalSize - header.dataStart >= StreamingChecksums.minimumDataSize)
        let sums = try #require(loaded.checksums)
        #expect(sums == header.entries.map { header.checksums[$0.name] ?? 0 })
        let data = loaded.bytes.base + header.dataStart
        #expect(sums == CRC32.checksums(header.entries.map { UnsafeRawBufferPointer(start: data + $0.begin, count: $0.byteCount) }))
        #expect(try TestModel.load(from: url) == model)
    }

    @Test func aFlippedByteIsReportedForItsArray() throws {
        let model = Self.largeModel()
        let folder = try TemporaryFolder()
        let url = folder.file("large.brine")
        try model.save(to: url)
        let header = try BrineFileReader.readHeader(from: url).header
        let original = try Data(contentsOf: url)
        // Bytes in the first and a later chunk of the weights, and in the last (small) array.
        let weights = try #require(header.entries.first { $0.name == "weights" })
        let last = try #require(header.entries.max { $0.begin < $1.begin })
        for (name, offset) in [("weights", weights.begin + 17), ("weights", weights.end - 3), (last.name, last.begin)] {
            var damaged = original
            damaged[header.dataStart + offset] ^= 0x40
            let damagedURL = folder.file("damaged.brine")
            try damaged.write(to: damagedURL)
            #expect(throws: PersistenceError.checksumMismatch(array: name)) { try TestModel.load(from: damagedURL) }
        }
    }
}
