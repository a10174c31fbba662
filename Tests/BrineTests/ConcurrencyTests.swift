import Brine
import Foundation
import Testing

/// Fitted models are immutable `Sendable` values: many tasks may predict with one model at once
/// (including a memory-mapped one, and a forest building its lazy prediction layout) and each gets
/// exactly the single-threaded answer.
@Suite struct ConcurrencyTests {
    static func predictConcurrently<Model: Classifier & Sendable>(_ model: Model, _ x: Matrix, tasks: Int = 8) async throws -> [Matrix] {
        try await withThrowingTaskGroup(of: Matrix.self) { group in
            for _ in 0..<tasks { group.addTask { try model.predictProbabilities(x) } }
            var results: [Matrix] = []
            for try await result in group { results.append(result) }
            return results
        }
    }

    @Test func sharedModelsPredictTheSameFromManyTasks() async throws {
        let (train, test) = try BundledDatasets.loadSplit("digits")
        let forest = try RandomForestClassifier(nEstimators: 20, seed: 3).fit(train.features, train.targets)
        let pipeline = try Pipeline<Int>(steps: [("scaler", .transformer(StandardScaler())),
                                                 ("logreg", .classifier(LogisticRegression(maxIterations: 500)))])
            .fit(train.features, train.targets)
        // A freshly loaded forest has not built its packed prediction layout yet: the tasks race to build it.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concurrency-\(UUID()).brine")
        defer { try? FileManager.default.removeItem(at: url) }
        try forest.save(to: url)
        let mapped = try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true)

        let expectedForest = try forest.predictProbabilities(test.features)
        for result in try await Self.predictConcurrently(mapped, test.features) { #expect(result == expectedForest) }
        let expectedPipeline = try pipeline.predictProbabilities(test.features)
        for result in try await Self.predictConcurrently(pipeline, test.features) { #expect(result == expectedPipeline) }
    }

    @Test func fittingConcurrentlyGivesTheSameForest() async throws {
        let (train, test) = try BundledDatasets.loadSplit("wine")
        let estimator = RandomForestClassifier(nEstimators: 10, seed: 11)
        let results = try await withThrowingTaskGroup(of: Matrix.self) { group in
            for _ in 0..<4 {
                group.addTask { try estimator.fit(train.features, train.targets).predictProbabilities(test.features) }
            }
            var all: [Matrix] = []
            for try await result in group { all.append(result) }
            return all
        }
        let expected = try estimator.fit(train.features, train.targets).predictProbabilities(test.features)
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0 == expected })
    }
}
