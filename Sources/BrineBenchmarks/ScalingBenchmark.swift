import Brine
import Foundation

/// How cost grows with work: forest fit and load at 10k…75k training rows, and logistic
/// regression fit at 5, 50 and 200 features, all on synthetic_100k.
struct ScalingBenchmark {
    let data: BenchmarkData
    let options: BenchmarkOptions
    let measure: Measurements
    let scratch: URL

    func run() throws -> JSONValue {
        var forestRows: [JSONValue] = []
        for rows in [10_000, 25_000, 50_000, 75_000] where rows <= data.train.sampleCount {
            let subset = try data.train.subset(Array(0..<rows))
            let forest = RandomForestClassifier(nEstimators: 100, seed: 0, threadCount: options.treeThreads)
            let (model, seconds) = try Stopwatch.time { try forest.fit(subset.features, subset.targets) }
            let url = scratch.appendingPathComponent("scaling-\(rows).brine")
            try model.save(to: url, overwrite: true)
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? -1
            let load = try measure.repeatedMilliseconds(options.persistRepeats) {
                _ = try RandomForestClassifierModel<Int>.load(from: url)
            }
            let mmap = try measure.repeatedMilliseconds(options.persistRepeats) {
                _ = try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true, verifyChecksums: false)
            }
            try? FileManager.default.removeItem(at: url)
            forestRows.append([
                "train_rows": .int(rows), "fit_s": .double(seconds), "nodes": .int(model.nodeCount),
                "size_bytes": .int(size), "load_ms": .double(Stopwatch.median(load)),
                "load_mmap_ms": .double(Stopwatch.median(mmap)),
            ])
            log("   scaling: forest on \(rows) rows: \(String(format: "%.2f", seconds)) s")
        }

        var logregRows: [JSONValue] = []
        let scaler = try StandardScaler().fit(data.train.features)
        let base = try scaler.transform(data.train.features)
        for features in [5, 50, 200] {
            let x = try widened(base, to: features)
            let logreg = LogisticRegression(c: 1, fitIntercept: true, tolerance: 1e-4, maxIterations: 1000)
            var iterations = 0
            let times = try measure.repeatedMilliseconds(options.largeRepeats) {
                iterations = try logreg.fit(x, data.train.targets).iterations
            }
            logregRows.append(["features": .int(features), "fit_ms": .double(Stopwatch.median(times)), "n_iter": .int(iterations)])
            log("   scaling: logreg with \(features) features: \(String(format: "%.1f", Stopwatch.median(times))) ms")
        }
        return ["forest_fit": .array(forestRows), "logreg_fit": .array(logregRows)]
    }

    /// The first `count` columns of `x`; beyond its width, extra columns are a fixed mix of an
    /// existing column and deterministic noise (so the problem stays the same size per feature).
    private func widened(_ x: Matrix, to count: Int) throws -> Matrix {
        if count <= x.columns { return try x.selectingColumns(Array(0..<count)) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func noise() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) * 2 - 1
        }
        let source = x.elements.unsafeBuffer
        return Matrix(rows: x.rows, columns: count) { out in
            for i in 0..<x.rows {
                for j in 0..<count {
                    out[i * count + j] = j < x.columns
                        ? source[i * x.columns + j]
                        : 0.5 * source[i * x.columns + (j % x.columns)] + noise()
                }
            }
        }
    }
}
