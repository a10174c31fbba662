import Brine
import Foundation

/// Walkthrough 5: always save preprocessing — the whole Pipeline in one file, predicting raw data.
public enum PipelineWalkthrough {
    /// What the walkthrough measured.
    public struct Outcome: Sendable {
        /// The step names of the reloaded pipeline.
        public let stepNames: [String]
        /// Test accuracy of the reloaded pipeline on raw features.
        public let accuracy: Double
        /// Whether the reloaded pipeline predicted exactly what the fitted one did.
        public let identical: Bool
    }

    /// Runs the walkthrough.
    public static func run(_ context: WalkthroughContext) throws -> Outcome {
        context.say("5. Always save preprocessing: StandardScaler → LogisticRegression as one Pipeline (breast_cancer)")
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        let pipeline = Pipeline<Int>(steps: [
            ("scaler", .transformer(StandardScaler())),
            ("logreg", .classifier(LogisticRegression(maxIterations: 1000))),
        ])
        let model = try pipeline.fit(train.features, train.targets, featureNames: train.featureNames)
        let before = try model.predict(test.features)
        let url = context.file("breast_cancer_pipeline.brine")
        try model.save(to: url)
        context.say("  saved the pipeline: \(humanBytes(fileSize(url)))")
        let loaded = try PipelineModel<Int>.load(from: url)
        context.say("  reloaded steps: \(loaded.stepNames.joined(separator: " → "))")
        let after = try loaded.predict(test.features)  // raw features: the scaler is inside
        let accuracy = try Metrics.accuracy(test.targets, after)
        context.say("  test accuracy on raw data: \(String(format: "%.4f", accuracy))")
        try context.check(after == before, "the reloaded pipeline predicts raw rows exactly as before")
        try context.check(loaded.stepNames == ["scaler", "logreg"], "steps are reachable by name")
        _ = try loaded.step(named: "scaler")
        return Outcome(stepNames: loaded.stepNames, accuracy: accuracy, identical: after == before)
    }
}
