import Brine
import Foundation
import Testing

/// Issue 11, defect 6: `brine train` on a very wide file (200,000 columns × 8 rows) stays within a
/// bounded multiple of the numeric payload (8 bytes × rows × numeric columns). The child's peak
/// resident memory is its own `VmHWM` (that process only: other tests running at the same time
/// cannot change the figure). A bound, not a timing.
@Suite struct CommandLineWideTrainingMemoryTests {
    /// The bound asserted, documented in docs/RELIABILITY.md ("Memory per input size"): peak
    /// resident memory ≤ `payloadFactor` × payload + `baseBytes` (the runtime and the binary).
    static let payloadFactor = 7.0
    static let baseBytes = 32.0 * 1_048_576

    @Test func trainingAVeryWideFilePeaksWithinTheBound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-wide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = 200_000, rows = 8
        var text = (0..<columns).map { "f\($0)" }.joined(separator: ",") + ",target\n"
        for row in 0..<rows {
            text += (0..<columns).map { String(($0 * 7 + row) % 10) }.joined(separator: ",") + (row % 2 == 0 ? ",a\n" : ",b\n")
        }
        let data = folder.appendingPathComponent("wide.csv")
        try Data(text.utf8).write(to: data)
        text = ""

        let executable = CommandLineTests.executable.path
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build the brine executable first (swift build --build-tests)")
        let arguments = [executable, "train", "--data", data.path, "--model", "forest", "--n-estimators", "4",
                         "--out", folder.appendingPathComponent("wide.brine").path, "--quiet"]
        let (status, peakBytes) = try Self.runMeasuringPeak(arguments)
        #expect(status == 0)
        let payload = Double(8 * rows * columns)
        let bound = Self.payloadFactor * payload + Self.baseBytes
        #expect(Double(peakBytes) <= bound, "peak \(peakBytes / 1_048_576) MB, bound \(Int(bound) / 1_048_576) MB")
        // The model really holds every column: the bound is not met by training on fewer.
        let model = try RandomForestClassifierModel<String>.load(from: folder.appendingPathComponent("wide.brine"))
        #expect(model.featureCount == columns)
    }

    /// Runs `arguments` (output discarded) and returns its exit status and peak resident bytes: the
    /// largest `VmHWM` read from `/proc/PID/status` every 2 ms while it runs. (`ru_maxrss` from
    /// `wait4` would not do: Linux carries the spawning test process's own peak across `exec`.)
    /// `VmHWM` only grows, and every run ends by writing and syncing the model file after its last
    /// large allocation, so the last reading holds the peak.
    static func runMeasuringPeak(_ arguments: [String]) throws -> (status: Int32, peakBytes: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let statusPath = "/proc/\(process.processIdentifier)/status"
        var peakKilobytes = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: statusPath, encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) }) {
                peakKilobytes = max(peakKilobytes, kilobytes)
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        return (process.terminationStatus, peakKilobytes * 1024)
    }
}
