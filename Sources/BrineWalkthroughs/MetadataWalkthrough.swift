import Brine
import Foundation

/// Walkthrough 6: a model package with training date, accuracy, hyperparameters and feature names,
/// read back from the header alone.
public enum MetadataWalkthrough {
    /// Runs the walkthrough and returns what `Brine.inspect` read.
    public static func run(_ context: WalkthroughContext) throws -> ModelInfo {
        context.say("6. Include metadata: training date, accuracy, dataset, read back without loading arrays (iris)")
        let (train, test) = try BundledDatasets.loadSplit("iris")
        let estimator = LogisticRegression(c: 1.0, maxIterations: 1000)
        let model = try estimator.fit(train.features, train.targets, featureNames: train.featureNames)
        let accuracy = try Metrics.accuracy(test.targets, try model.predict(test.features))
        let url = context.file("iris_logreg.brine")
        try model.save(to: url, metadata: [
            "training_date": .string(ISO8601DateFormatter().string(from: Date())),
            "accuracy": .double(accuracy),
            "dataset": "iris",
            "author": "walkthrough 6",
        ])
        let info = try Brine.inspect(url)
        context.say(info.description.split(separator: "\n").map { "  | " + $0 }.joined(separator: "\n"))
        try context.check(info.metadata["accuracy"]?.doubleValue == accuracy, "the accuracy read from the header is the one saved")
        try context.check(info.featureNames == train.featureNames, "the feature names are in the header")
        try context.check(info.typeName == "LogisticRegression", "so is the model type")
        return info
    }
}
