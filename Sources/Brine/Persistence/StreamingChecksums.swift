#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import Dispatch

/// Reads a file's data section chunk by chunk while a second thread computes each array's CRC-32
/// over the chunks already read, so that a verified copying load costs about the longer of the
/// read and the checksums instead of their sum.
///
/// Each array is split at chunk boundaries into segments; a segment is checksummed once its chunk
/// has arrived, and an array's segments are joined with `crc32_combine`. The result equals
/// ``CRC32/checksums(_:)`` of the same arrays.
enum StreamingChecksums {
    /// Bytes read per step.
    static let chunkSize = 4 << 20
    /// Below this many data bytes the file is read in one call and checksummed afterwards.
    static let minimumDataSize = 2 * chunkSize

    private struct Segment {
        let entry: Int
        let start: Int
        let length: Int
    }

    /// Shared between the reader and the checksum thread; every access is ordered by a semaphore.
    private final class State: @unchecked Sendable {
        var failed = false
    }

    /// Reads `dataSize` bytes at `fileOffset` of `file` into `destination` and returns the CRC-32 of
    /// each of `entries` (byte ranges relative to the start of `destination`).
    ///
    /// - Throws: ``PersistenceError/ioFailure(path:reason:)`` from the read, or
    ///   ``PersistenceError/truncated(_:)`` when the file ends early.
    static func read(_ file: OpenFile, at fileOffset: Int, dataSize: Int, into destination: UnsafeMutableRawPointer,
                     entries: [BrineHeader.Entry]) throws -> [UInt32] {
        let chunkCount = (dataSize + chunkSize - 1) / chunkSize
        // Every array's segments, in array order; each chunk lists the segments inside it.
        var segments: [Segment] = []
        var segmentsOfChunk = [[Int]](repeating: [], count: chunkCount)
        for (index, entry) in entries.enumerated() {
            var start = entry.begin
            while start < entry.end {
                let chunk = start / chunkSize
                let length = min(entry.end, (chunk + 1) * chunkSize) - start
                segmentsOfChunk[chunk].append(segments.count)
                segments.append(Segment(entry: index, start: start, length: length))
                start += length
            }
        }
        let partial = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(segments.count, 1))
        defer { partial.deallocate() }
        partial.initialize(repeating: 0)

        let state = State()
        let ready = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let output = partial
        nonisolated(unsafe) let base = UnsafeRawPointer(destination)
        let plan = segments, planOfChunk = segmentsOfChunk
        DispatchQueue.global(qos: .userInitiated).async {
            for chunk in 0..<chunkCount {
                ready.wait()
                if state.failed { break }
                for number in planOfChunk[chunk] {
                    let segment = plan[number]
                    output[number] = CRC32.checksum(UnsafeRawBufferPointer(start: base + segment.start, count: segment.length))
                }
            }
            finished.signal()
        }
        for chunk in 0..<chunkCount {
            let start = chunk * chunkSize
            let length = min(chunkSize, dataSize - start)
            let got: Int
            do {
                got = try file.read(into: UnsafeMutableRawBufferPointer(start: destination + start, count: length), at: fileOffset + start)
            } catch {
                state.failed = true
                ready.signal()
                finished.wait()
                throw error
            }
            guard got == length else {
                state.failed = true
                ready.signal()
                finished.wait()
                throw PersistenceError.truncated("\(file.path) shrank while being read (\(fileOffset + start + got) bytes of data read)")
            }
            ready.signal()
        }
        finished.wait()

        var sums = [UInt32](repeating: 0, count: entries.count)
        var started = [Bool](repeating: false, count: entries.count)
        for (number, segment) in segments.enumerated() {
            if started[segment.entry] {
                sums[segment.entry] = UInt32(truncatingIfNeeded: crc32_combine(
                    UInt(sums[segment.entry]), UInt(partial[number]), .init(segment.length)))
            } else {
                sums[segment.entry] = partial[number]
                started[segment.entry] = true
            }
        }
        return sums
    }
}
