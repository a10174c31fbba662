import Brine
import Foundation

/// How much memory processes serving one memory-mapped forest file really use.
///
/// `brine-bench mapped-sharing FILE [--processes P] [--rows N] [--rows-file RAW]` starts P copies of
/// `brine-bench mapped-predict`, each of which memory-maps FILE (checksums verified, so every page
/// of the file is read through the mapping), predicts N rows and waits; with all of them waiting, it
/// reads each child's proportional set size (`Pss` of `/proc/PID/smaps_rollup`, and the `Pss` of
/// FILE's own mappings from `/proc/PID/smaps`), then lets them exit; then does the same with P idle
/// children (same binary and libraries, no model) for the per-process baseline of the runtime,
/// and prints one JSON object.
/// Rows come from RAW (little-endian doubles, row-major, the model's feature count per row) or are
/// drawn uniformly from [0, 1).
enum MappedSharingBenchmark {
    /// The options both subcommands share.
    struct Options {
        var file = ""
        var processes = 8
        var rows = 1000
        var rowsFile: String?
        /// The child loads nothing: it measures what the process itself (runtime, libraries) costs.
        var idle = false

        static func parse(_ arguments: [String]) throws -> Options {
            var options = Options()
            var iterator = arguments.makeIterator()
            func value(_ flag: String) throws -> String {
                guard let next = iterator.next() else { throw BenchmarkError.missing("a value after \(flag)") }
                return next
            }
            while let argument = iterator.next() {
                switch argument {
                case "--processes": options.processes = max(1, Int(try value(argument)) ?? 8)
                case "--rows": options.rows = max(1, Int(try value(argument)) ?? 1000)
                case "--rows-file": options.rowsFile = try value(argument)
                case "--idle": options.idle = true
                default: options.file = argument
                }
            }
            guard !options.file.isEmpty else { throw BenchmarkError.missing("a forest file") }
            return options
        }
    }

    /// The child: map, predict, report, wait for stdin to close.
    static func predictAndWait(_ arguments: [String]) throws {
        let options = try Options.parse(arguments)
        if options.idle {
            FileHandle.standardOutput.write(Data("ready idle\n".utf8))
            _ = FileHandle.standardInput.readDataToEndOfFile()
            return
        }
        let model = try Brine.load(from: URL(fileURLWithPath: options.file), memoryMap: true, verifyChecksums: true)
        guard let forest = model as? RandomForestClassifierModel<Int> else {
            throw BenchmarkError.missing("a RandomForest<Int> in \(options.file)")
        }
        let rows = try inputRows(options, featureCount: forest.featureCount)
        let probabilities = try forest.predictProbabilities(rows)
        var total = 0.0
        for value in probabilities.elements { total += value }
        FileHandle.standardOutput.write(Data("ready \(total)\n".utf8))
        _ = FileHandle.standardInput.readDataToEndOfFile()
    }

    private static func inputRows(_ options: Options, featureCount: Int) throws -> Matrix {
        if let path = options.rowsFile {
            guard let data = FileManager.default.contents(atPath: path), data.count >= options.rows * featureCount * 8 else {
                throw BenchmarkError.missing("\(options.rows) rows of \(featureCount) doubles in \(path)")
            }
            return Matrix(rows: options.rows, columns: featureCount) { out in
                data.withUnsafeBytes { raw in
                    for i in 0..<out.count { out[i] = raw.loadUnaligned(fromByteOffset: 8 * i, as: Double.self) }
                }
            }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return Matrix(rows: options.rows, columns: featureCount) { out in
            for i in 0..<out.count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                out[i] = Double(state >> 11) / Double(1 << 53)
            }
        }
    }

    /// The parent: start the children, measure, print JSON.
    static func run(_ arguments: [String]) throws {
        print(try measure(arguments).jsonText)
    }

    /// Starts the children and returns the measurement: first P children that map FILE and
    /// predict, then P idle children (the same binary, loading nothing) for the per-process baseline.
    static func measure(_ arguments: [String]) throws -> JSONValue {
        let options = try Options.parse(arguments)
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: options.file)[.size] as? NSNumber)?.intValue ?? 0
        let path = URL(fileURLWithPath: options.file).resolvingSymlinksInPath().path
        let serving = try measureChildren(arguments, count: options.processes, mappedPath: path)
        let idle = try measureChildren(arguments + ["--idle"], count: options.processes, mappedPath: path)
        let total = serving.totals.reduce(0, +) * 1024
        let baseline = idle.totals.reduce(0, +) * 1024
        return [
            "file_bytes": .int(fileBytes), "processes": .int(options.processes), "rows": .int(options.rows),
            "pss_total_bytes": .int(total), "pss_ratio_to_file": .double(Double(total) / Double(max(fileBytes, 1))),
            "pss_kb": .array(serving.totals.map(JSONValue.int)),
            "file_mapping_pss_kb": .array(serving.mappings.map(JSONValue.int)),
            "file_mapping_pss_total_bytes": .int(serving.mappings.reduce(0, +) * 1024),
            "idle_pss_kb": .array(idle.totals.map(JSONValue.int)), "idle_pss_total_bytes": .int(baseline),
            "pss_above_idle_bytes": .int(total - baseline),
            "pss_above_idle_ratio_to_file": .double(Double(total - baseline) / Double(max(fileBytes, 1))),
            "prediction_checksum": .string(serving.answer),
        ]
    }

    /// Starts `count` children with `arguments`, waits until each says ready, reads their Pss
    /// (whole process, and the mappings of `mappedPath`), then lets them exit.
    private static func measureChildren(
        _ arguments: [String], count: Int, mappedPath: String
    ) throws -> (totals: [Int], mappings: [Int], answer: String) {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var children: [(process: Process, input: Pipe, output: Pipe)] = []
        defer {
            for child in children {
                try? child.input.fileHandleForWriting.close()
                child.process.waitUntilExit()
            }
        }
        for _ in 0..<count {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["mapped-predict"] + arguments
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            children.append((process, input, output))
        }
        var answers: [String] = []
        for child in children {
            var line = Data()
            while true {
                let byte = child.output.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty || byte == Data("\n".utf8) { break }
                line.append(byte)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard text.hasPrefix("ready ") else {
                throw BenchmarkError.mismatch("a child answered \"\(text)\" instead of ready")
            }
            answers.append(String(text.dropFirst(6)))
        }
        guard Set(answers).count == 1 else { throw BenchmarkError.mismatch("children predicted differently: \(answers)") }
        var totals: [Int] = [], mappings: [Int] = []
        for child in children {
            let pid = child.process.processIdentifier
            totals.append(try pssKilobytes(rollup: "/proc/\(pid)/smaps_rollup"))
            mappings.append(try mappingPssKilobytes(smaps: "/proc/\(pid)/smaps", path: mappedPath))
        }
        return (totals, mappings, answers[0])
    }

    /// The `Pss:` line of an `smaps_rollup` file, in kB.
    private static func pssKilobytes(rollup: String) throws -> Int {
        let text = try procFile(rollup)
        for line in text.split(separator: "\n") where line.hasPrefix("Pss:") {
            if let value = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) { return value }
        }
        throw BenchmarkError.missing("a Pss line in \(rollup)")
    }

    /// The sum of the `Pss:` lines of the mappings of `path` in an `smaps` file, in kB.
    private static func mappingPssKilobytes(smaps: String, path: String) throws -> Int {
        let text = try procFile(smaps)
        var inFile = false
        var total = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), first.first?.isHexDigit == true, fields.count >= 5 {
                inFile = fields.count >= 6 && fields[5...].joined(separator: " ") == path
            } else if inFile, fields.first == "Pss:", fields.count >= 2, let value = Int(fields[1]) {
                total += value
            }
        }
        return total
    }

    /// The whole text of a /proc file (whose reported size is 0, so it is read until `read` returns 0).
    private static func procFile(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchmarkError.missing("a readable \(path)") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
