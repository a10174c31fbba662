import Brine
import Foundation

/// Walkthrough 3: a StandardScaler and a RandomForest saved separately, loaded, used in order.
public enum ComplexModelsWalkthrough {
    /// What the walkthrough measured.
    public struct Outcome: Sendable {
        /// Test accuracy of the reloaded scaler → forest chain.
        public let accuracy: Double
        /// Whether the reloaded chain predicted exactly what the fitted one did.
        public let identical: Bool
    }

    /// Runs the walkthrough.
    public static func run(_ context: WalkthroughContext, trees: Int = 100) throws -> Outcome {
        context.say("3. Saving complex models: a scaler and a forest as two files (wine)")
        let (train, test) = try BundledDatasets.loadSplit("wine")
        let scaler = try StandardScaler().fit(train.features, featureNames: train.featureNames)
        let forest = try RandomForestClassifier(nEstimators: trees, seed: 7)
            .fit(try scaler.transform(train.features), train.targets, featureNames: train.featureNames)
        let before = try forest.predict(try scaler.transform(test.features))

        let scalerURL = context.file("wine_scaler.brine"), forestURL = context.file("wine_forest.brine")
        try scaler.save(to: scalerURL)
        try forest.save(to: forestURL)
        context.say("  scaler: \(humanBytes(fileSize(scalerURL))), forest of \(forest.treeCount) trees / \(forest.nodeCount) nodes: \(humanBytes(fileSize(forestURL)))")

        let loadedScaler = try StandardScalerModel.load(from: scalerURL)
        let loadedForest = try RandomForestModel<Int>.load(from: forestURL)
        let after = try loadedForest.predict(try loadedScaler.transform(test.features))
        let accuracy = try Metrics.accuracy(test.targets, after)
        context.say("  reloaded chain: test accuracy \(String(format: "%.4f", accuracy))")
        try context.check(after == before, "scaler then forest, reloaded, predict as before")
        return Outcome(accuracy: accuracy, identical: after == before)
    }
}
