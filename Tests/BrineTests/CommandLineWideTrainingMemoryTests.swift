import Brine
import Foundation
import Testing

/// Issue 11, defect 6: `brine train` on a very wide file (200,000 columns × 8 rows) stays within a
/// bounded multiple of the numeric payload (8 bytes × rows × numeric columns). The child's peak
/// resident memory comes from `wait4`'s resource usage for that one process, so other tests'
/// children running at the same time cannot change the figure. A bound, not a timing.
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

    /// Runs `arguments` (output discarded) and returns its exit status and peak resident bytes
    /// (`ru_maxrss` of `wait4` for that process).
    static func runMeasuringPeak(_ arguments: [String]) throws -> (status: Int32, peakBytes: Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : -1, Int(usage.ru_maxrss) * 1024)
    }
}
