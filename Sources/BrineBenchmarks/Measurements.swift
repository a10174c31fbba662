import Brine
import Foundation

/// Reusable measurements: repeated timings, single-row latency, batch throughput, persistence.
struct Measurements {
    let options: BenchmarkOptions

    /// Runs `body` `repeats` times and returns every duration in milliseconds.
    func repeatedMilliseconds(_ repeats: Int, _ body: () throws -> Void) rethrows -> [Double] {
        var durations: [Double] = []
        for _ in 0..<max(repeats, 1) {
            let (_, seconds) = try Stopwatch.time(body)
            durations.append(seconds * 1000)
        }
        return durations
    }

    /// Median, p10 and p90 latency in microseconds of `call` on one-row matrices cycling through `rows`.
    func latency(rows: Matrix, _ call: (Matrix) throws -> Void) throws -> JSONValue {
        let count = min(rows.rows, 1000)
        let singles = try (0..<count).map { try rows.selectingRows([$0]) }
        var samples: [Double] = []
        samples.reserveCapacity(options.latencyCalls)
        for index in 0..<max(options.latencyCalls, 1) {
            let input = singles[index % singles.count]
            let start = Stopwatch.now()
            try call(input)
            samples.append((Stopwatch.now() - start) * 1e6)
        }
        return [
            "median_us": .double(Stopwatch.median(samples)), "p10_us": .double(Stopwatch.quantile(samples, 0.1)),
            "p90_us": .double(Stopwatch.quantile(samples, 0.9)), "calls": .int(samples.count),
        ]
    }

    /// Rows per second of `call` on `rows`, median over `repeats`.
    func throughput(rows: Matrix, repeats: Int, _ call: (Matrix) throws -> Void) throws -> Double {
        let durations = try repeatedMilliseconds(repeats) { try call(rows) }
        return Double(rows.rows) / (Stopwatch.median(durations) / 1000)
    }

    /// File size and save/load times of `model` in every persistence mode, each load checked to
    /// reproduce `reference` (the model's outputs on `probe`) bit for bit.
    func persistence<Model: Persistable>(
        _ model: Model, name: String, outputs: (Model) throws -> [Double], in directory: URL
    ) throws -> JSONValue {
        let reference = try outputs(model)
        let plain = directory.appendingPathComponent("\(name).brine")
        let gzipped = directory.appendingPathComponent("\(name).brine.gz")
        let repeats = options.persistRepeats

        func saveTimes(_ url: URL, _ compression: Compression?) throws -> [Double] {
            try repeatedMilliseconds(repeats) {
                try? FileManager.default.removeItem(at: url)
                try model.save(to: url, overwrite: true, compression: compression)
            }
        }
        func loadTimes(_ url: URL, memoryMap: Bool, verify: Bool) throws -> [Double] {
            var loaded: Model? = nil
            let durations = try repeatedMilliseconds(repeats) {
                loaded = nil  // free the previous copy first, as the peer does
                loaded = try Model.load(from: url, memoryMap: memoryMap, verifyChecksums: verify)
            }
            guard let loaded, try outputs(loaded) == reference else {
                throw BenchmarkError.mismatch("\(name) loaded from \(url.lastPathComponent) (memoryMap: \(memoryMap))")
            }
            return durations
        }

        let save = try saveTimes(plain, Compression.none)
        let size = (try FileManager.default.attributesOfItem(atPath: plain.path)[.size] as? Int) ?? -1
        let load = try loadTimes(plain, memoryMap: false, verify: true)
        let loadUnverified = try loadTimes(plain, memoryMap: false, verify: false)
        let mmap = try loadTimes(plain, memoryMap: true, verify: false)
        let mmapVerified = try loadTimes(plain, memoryMap: true, verify: true)
        let gzipSave = try saveTimes(gzipped, .gzip(level: 3))
        let gzipSize = (try FileManager.default.attributesOfItem(atPath: gzipped.path)[.size] as? Int) ?? -1
        let gzipLoad = try loadTimes(gzipped, memoryMap: false, verify: true)
        try? FileManager.default.removeItem(at: plain)
        try? FileManager.default.removeItem(at: gzipped)
        return [
            "size_bytes": .int(size), "save_fsync_ms": .double(Stopwatch.median(save)),
            "load_ms": .double(Stopwatch.median(load)), "load_unverified_ms": .double(Stopwatch.median(loadUnverified)),
            "load_mmap_ms": .double(Stopwatch.median(mmap)), "load_mmap_verified_ms": .double(Stopwatch.median(mmapVerified)),
            "gzip3_size_bytes": .int(gzipSize), "gzip3_save_fsync_ms": .double(Stopwatch.median(gzipSave)),
            "gzip3_load_ms": .double(Stopwatch.median(gzipLoad)), "repeats": .int(repeats),
        ]
    }
}
