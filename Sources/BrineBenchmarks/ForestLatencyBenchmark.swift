import Brine
import Foundation

/// `brine-bench forest-latency FILE [--dataset NAME] [--data-dir DIR] [--calls N]`: single-row
/// prediction latency of the forest in FILE on the test rows of NAME (default synthetic_100k),
/// memory-mapped as a server would. When FILE does not exist, first fits the benchmark's forest
/// (100 trees, seed 0, 2 threads) on NAME's training rows and saves it there, so repeated runs
/// (for example before and after a change to prediction) measure the same trees.
enum ForestLatencyBenchmark {
    /// Runs the measurement and prints one JSON object.
    static func run(_ arguments: [String]) throws {
        var file: String?
        var dataset = "synthetic_100k"
        var directory = URL(fileURLWithPath: ".bench-data")
        var calls = 3000
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--dataset": dataset = iterator.next() ?? dataset
            case "--data-dir": directory = URL(fileURLWithPath: iterator.next() ?? ".bench-data")
            case "--calls": calls = max(1, Int(iterator.next() ?? "") ?? calls)
            default: file = argument
            }
        }
        guard let file else { throw BenchmarkError.missing("forest-latency FILE") }
        let data = try BenchmarkData.load(dataset, from: directory)
        let url = URL(fileURLWithPath: file)
        if !FileManager.default.fileExists(atPath: file) {
            let forest = try RandomForestClassifier(nEstimators: 100, seed: 0, threadCount: 2)
                .fit(data.train.features, data.train.targets)
            try forest.save(to: url)
        }
        let forest = try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true, verifyChecksums: true)
        let test = data.test.features
        let count = min(test.rows, 1000)
        let singles = try (0..<count).map { try test.selectingRows([$0]) }
        var samples: [Double] = []
        samples.reserveCapacity(calls)
        var checksum = 0.0
        for index in 0..<calls {
            let start = Stopwatch.now()
            let probabilities = try forest.predictProbabilities(singles[index % count])
            samples.append((Stopwatch.now() - start) * 1e6)
            checksum += probabilities.elements[0]
        }
        let report: JSONValue = [
            "dataset": .string(dataset), "file": .string(file), "trees": .int(forest.treeCount), "nodes": .int(forest.nodeCount),
            "calls": .int(calls), "median_us": .double(Stopwatch.median(samples)),
            "p10_us": .double(Stopwatch.quantile(samples, 0.1)), "p90_us": .double(Stopwatch.quantile(samples, 0.9)),
            "checksum": .double(checksum),
        ]
        print(report.jsonText)
    }
}
