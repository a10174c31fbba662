import Brine
import Foundation

/// Walkthrough 2: fit a LogisticRegression on breast_cancer, save, load, compare predictions.
public enum SimpleModelWalkthrough {
    /// What the walkthrough measured.
    public struct Outcome: Sendable {
        /// Test accuracy of the model before saving.
        public let accuracy: Double
        /// Predictions of the fitted model on the test rows.
        public let predictionsBefore: [Int]
        /// Predictions of the loaded model on the same rows.
        public let predictionsAfter: [Int]
    }

    /// Runs the walkthrough.
    public static func run(_ context: WalkthroughContext) throws -> Outcome {
        context.say("2. Saving a simple model: LogisticRegression on breast_cancer")
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        let model = try LogisticRegression(c: 1.0, maxIterations: 5000)
            .fit(train.features, train.targets, featureNames: train.featureNames)
        let before = try model.predict(test.features)
        let accuracy = try Metrics.accuracy(test.targets, before)
        context.say("  fitted in \(model.iterations) iterations, test accuracy \(String(format: "%.4f", accuracy))")
        let url = context.file("breast_cancer_logreg.brine")
        try model.save(to: url)
        context.say("  saved \(url.lastPathComponent): \(fileSize(url)) bytes")
        let loaded = try LogisticRegressionModel<Int>.load(from: url)
        let after = try loaded.predict(test.features)
        try context.check(after == before, "the loaded model predicts exactly what the fitted one did")
        let probabilitiesBefore = try model.predictProbabilities(test.features)
        let probabilitiesAfter = try loaded.predictProbabilities(test.features)
        try context.check(
            probabilitiesAfter.elements.elementsEqual(probabilitiesBefore.elements) { $0.bitPattern == $1.bitPattern },
            "and the probabilities are identical bit for bit")
        return Outcome(accuracy: accuracy, predictionsBefore: before, predictionsAfter: after)
    }
}
