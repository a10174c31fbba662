import Brine
import Foundation

/// The machine and settings a benchmark ran with.
enum BenchmarkEnvironment {
    static func describe(options: BenchmarkOptions) -> JSONValue {
        let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuInfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown"
        let environment = ProcessInfo.processInfo.environment
        #if swift(>=6.3)
        let swiftVersion = "6.3+"
        #else
        let swiftVersion = "< 6.3"
        #endif
        return [
            "cpu": .string(model),
            "cores": .int(ProcessInfo.processInfo.activeProcessorCount),
            "memory_gb": .double(Double(ProcessInfo.processInfo.physicalMemory) / 1e9),
            "os": .string(ProcessInfo.processInfo.operatingSystemVersionString),
            "swift": .string(swiftVersion),
            "brine_version": .string(Brine.libraryVersion),
            "brine_format_version": .string(Brine.formatVersion),
            "OPENBLAS_NUM_THREADS": .string(environment["OPENBLAS_NUM_THREADS"] ?? "<unset>"),
            "tree_threads": .int(options.treeThreads),
        ]
    }
}
