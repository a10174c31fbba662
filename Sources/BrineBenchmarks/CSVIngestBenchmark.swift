import Brine
import Foundation

/// `brine-bench csv-ingest FILE [REPEATS]`: reads FILE with ``CSVReader`` REPEATS times and prints
/// one JSON object (median seconds, MB/s, peak resident memory), for scripts/bench_csv.py.
enum CSVIngestBenchmark {
    /// Runs the measurement and prints its JSON.
    static func run(_ arguments: [String]) throws {
        guard let path = arguments.first else { throw BenchmarkError.missing("csv-ingest FILE [REPEATS]") }
        let repeats = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 5) : 5
        let url = URL(fileURLWithPath: path)
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        let baseline = peakResidentBytes()
        var seconds: [Double] = []
        var shape = (rows: 0, columns: 0)
        for _ in 0..<repeats {
            let (table, elapsed) = try Stopwatch.time { try CSVReader.read(contentsOf: url) }
            seconds.append(elapsed)
            shape = (table.rowCount, table.columnCount)
        }
        let median = Stopwatch.quantile(seconds, 0.5)
        let report: JSONValue = [
            "reader": "brine CSVReader", "file_bytes": .int(bytes), "rows": .int(shape.rows), "columns": .int(shape.columns),
            "runs_s": .array(seconds.map(JSONValue.double)), "median_s": .double(median),
            "mb_per_s": .double(Double(bytes) / 1e6 / median),
            "peak_rss_bytes": .int(peakResidentBytes()), "baseline_rss_bytes": .int(baseline),
            "threads": .int(ProcessInfo.processInfo.activeProcessorCount),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }

    /// The process's peak resident set size so far (`getrusage`, kilobytes on Linux).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
