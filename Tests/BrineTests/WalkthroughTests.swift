import Brine
import BrineWalkthroughs
import Foundation
import Testing

/// The Notebooks-as-scripts workflows, run as tests through the same code the notebooks call.
@Suite("Walkthroughs") struct WalkthroughTests {
    /// A context over a fresh temporary folder that keeps the lines it is told.
    final class Transcript: @unchecked Sendable {
        private let lock = NSLock()
        private var collected: [String] = []
        var lines: [String] { lock.lock(); defer { lock.unlock() }; return collected }
        func append(_ line: String) { lock.lock(); collected.append(line); lock.unlock() }
    }

    func withContext<T>(_ name: String, _ body: (WalkthroughContext, Transcript) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-test-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let transcript = Transcript()
        return try body(WalkthroughContext(directory: folder, say: { transcript.append($0) }), transcript)
    }

    @Test func basicUsageRoundTripsACodableValue() throws {
        let loaded = try withContext("01") { context, _ in try BasicUsageWalkthrough.run(context) }
        #expect(loaded == ExperimentSummary(modelName: "logistic-regression-iris", accuracy: 0.9736842105263158))
    }

    @Test func simpleModelPredictsTheSameAfterLoading() throws {
        let outcome = try withContext("02") { context, _ in try SimpleModelWalkthrough.run(context) }
        #expect(outcome.predictionsAfter == outcome.predictionsBefore)
        #expect(outcome.predictionsBefore.count == 143)
        #expect(outcome.accuracy > 0.9)
    }

    @Test func complexModelsChainAfterLoading() throws {
        let outcome = try withContext("03") { context, _ in try ComplexModelsWalkthrough.run(context, trees: 20) }
        #expect(outcome.identical)
        #expect(outcome.accuracy > 0.85)
    }

    @Test func compressionShrinksTheForest() throws {
        let rows = try withContext("04") { context, _ in try CompressionWalkthrough.run(context, trees: 10) }
        #expect(rows.map(\.setting) == ["none (level 0)", "gzip level 3", "gzip level 9", "by .gz name"])
        #expect(rows[1].bytes < rows[0].bytes / 2)
    }

    @Test func pipelinePredictsRawData() throws {
        let outcome = try withContext("05") { context, _ in try PipelineWalkthrough.run(context) }
        #expect(outcome.identical)
        #expect(outcome.stepNames == ["scaler", "logreg"])
        #expect(outcome.accuracy > 0.95)
    }

    @Test func metadataIsReadFromTheHeader() throws {
        let info = try withContext("06") { context, _ in try MetadataWalkthrough.run(context) }
        #expect(info.metadata["dataset"]?.stringValue == "iris")
        #expect(info.classes?.count == 3)
    }

    @Test func modelStoreListsAndRollsBack() throws {
        let outcome = try withContext("07") { context, _ in try VersioningWalkthrough.run(context) }
        #expect(outcome.listed == ["1.0.0", "1.1.0", "1.2.0"])
        #expect(outcome.latestAfter == "1.1.0")
    }

    @Test func errorsAreTypedAndExplained() throws {
        let errors = try withContext("08") { context, _ in try ErrorHandlingWalkthrough.run(context) }
        #expect(errors.count == 4)
        #expect(errors.allSatisfy { !$0.description.isEmpty })
    }

    @Test func tamperedFilesAreRefused() throws {
        let refusals = try withContext("09") { context, _ in try UntrustedFilesWalkthrough.run(context) }
        #expect(refusals.count == 3)
        guard case .checksumMismatch = refusals[0] else { Issue.record("expected a checksum mismatch, got \(refusals[0])"); return }
        guard case .unknownModelType = refusals[1] else { Issue.record("expected an unknown type, got \(refusals[1])"); return }
    }

    @Test func memoryMappedForestPredictsLikeTheCopy() throws {
        let outcome = try withContext("10") { context, _ in
            try MemoryMappingWalkthrough.run(context, rows: 2_000, trees: 10)
        }
        #expect(outcome.fileBytes > 10_000)
    }

    @Test func oneScreenTourSeparatesTheToyRows() throws {
        let (predictions, lines) = try withContext("11") { context, transcript in
            (try OneScreenTourWalkthrough.run(context), transcript.lines)
        }
        #expect(predictions == ["cat", "dog"])
        #expect(lines.contains { $0.contains("✓") })
    }
}
