import Brine
import Foundation

// `brine-bench`: Brine's side of the peer benchmark (../shared/peers/README.md defines the tasks).
// Writes brine_bench.json and brine_bench.md into the output folder.

if CommandLine.arguments.dropFirst().first == "csv-ingest" {
    do { try CSVIngestBenchmark.run(Array(CommandLine.arguments.dropFirst(2))) } catch {
        log("brine-bench: \(error)")
        exit(1)
    }
    exit(0)
}

if CommandLine.arguments.dropFirst().first == "newton-cholesky" {
    do { try NewtonCholeskyBenchmark.run(Array(CommandLine.arguments.dropFirst(2))) } catch {
        log("brine-bench: \(error)")
        exit(1)
    }
    exit(0)
}

let mappedSubcommands: [String: ([String]) throws -> Void] = [
    "mapped-predict": MappedSharingBenchmark.predictAndWait, "mapped-sharing": MappedSharingBenchmark.run,
    "forest-latency": ForestLatencyBenchmark.run, "load-speed": LoadSpeedBenchmark.run,
]
if let name = CommandLine.arguments.dropFirst().first, let subcommand = mappedSubcommands[name] {
    do { try subcommand(Array(CommandLine.arguments.dropFirst(2))) } catch {
        log("brine-bench: \(error)")
        exit(1)
    }
    exit(0)
}

do {
    let options = try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let measure = Measurements(options: options)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("brine-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    try FileManager.default.createDirectory(at: options.outputDirectory, withIntermediateDirectories: true)

    let started = Date()
    var datasets: [String: JSONValue] = [:]
    var synthetic: BenchmarkData? = nil
    for name in options.datasets {
        let data = try BenchmarkData.load(name, from: options.dataDirectory)
        if name == "synthetic_100k" { synthetic = data }
        datasets[name] = try DatasetBenchmark(data: data, options: options, measure: measure, scratch: scratch).run()
    }
    var scaling: JSONValue = .null
    if options.scaling, let synthetic {
        scaling = try ScalingBenchmark(data: synthetic, options: options, measure: measure, scratch: scratch).run()
    }
    let report: JSONValue = [
        "benchmark": "brine_bench", "schema_version": 1,
        "started_utc": .string(ISO8601DateFormatter().string(from: started)),
        "total_wall_s": .double(Date().timeIntervalSince(started)),
        "environment": BenchmarkEnvironment.describe(options: options),
        "config": [
            "quick": .bool(options.quick), "repeats": .int(options.repeats), "large_repeats": .int(options.largeRepeats),
            "persist_repeats": .int(options.persistRepeats), "latency_calls": .int(options.latencyCalls),
            "batch_rows": .int(options.batchRows), "tree_threads": .int(options.treeThreads),
            "datasets": .array(options.datasets.map(JSONValue.string)),
        ],
        "datasets": .object(datasets),
        "scaling": scaling,
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let jsonURL = options.outputDirectory.appendingPathComponent("brine_bench.json")
    try encoder.encode(report).write(to: jsonURL)
    let markdown = BenchmarkReport.markdown(report)
    try Data(markdown.utf8).write(to: options.outputDirectory.appendingPathComponent("brine_bench.md"))
    print(markdown)
    log("wrote \(jsonURL.path)")
} catch {
    log("brine-bench: \(error)")
    exit(1)
}
