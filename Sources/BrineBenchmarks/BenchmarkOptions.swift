import Foundation

/// Command-line options of `brine-bench`.
struct BenchmarkOptions {
    var dataDirectory = URL(fileURLWithPath: ".bench-data")
    var outputDirectory = URL(fileURLWithPath: "bench-results")
    var datasets = ["iris", "wine", "breast_cancer", "digits", "synthetic_100k"]
    var quick = false
    var repeats = 5
    var largeRepeats = 3
    var persistRepeats = 5
    var latencyCalls = 1000
    var batchRows = 10_000
    var treeThreads = 2
    var scaling = true

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let next = iterator.next() else { throw BenchmarkError.missing("a value after \(flag)") }
            return next
        }
        while let argument = iterator.next() {
            switch argument {
            case "--data-dir": options.dataDirectory = URL(fileURLWithPath: try value(argument))
            case "--out-dir": options.outputDirectory = URL(fileURLWithPath: try value(argument))
            case "--datasets": options.datasets = try value(argument).split(separator: ",").map(String.init)
            case "--threads": options.treeThreads = Int(try value(argument)) ?? 2
            case "--no-scaling": options.scaling = false
            case "--quick":
                options.quick = true
                options.datasets = ["iris", "wine", "breast_cancer", "digits"]
                options.repeats = 3
                options.persistRepeats = 3
                options.latencyCalls = 300
                options.scaling = false
            case "--help", "-h":
                print("""
                usage: brine-bench [--data-dir DIR] [--out-dir DIR] [--datasets a,b] [--threads N] [--quick] [--no-scaling]
                Runs Brine on the peer benchmark's tasks (../shared/peers/README.md) and writes
                brine_bench.json and brine_bench.md to the output folder.
                """)
                exit(0)
            default: throw BenchmarkError.missing("a known option instead of \(argument) (see --help)")
            }
        }
        return options
    }
}
