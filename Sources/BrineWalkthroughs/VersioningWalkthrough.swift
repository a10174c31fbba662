import Brine
import Foundation

/// Walkthrough 7: versioned file names and a ModelStore with list / latest / rollback.
public enum VersioningWalkthrough {
    /// What the walkthrough saw.
    public struct Outcome: Sendable {
        /// The versions listed after saving three.
        public let listed: [String]
        /// The latest version before the rollback.
        public let latestBefore: String
        /// The latest version after the rollback.
        public let latestAfter: String
    }

    /// Runs the walkthrough.
    public static func run(_ context: WalkthroughContext) throws -> Outcome {
        context.say("7. Version your models: name_vX.Y.Z_timestamp.brine and a ModelStore (wine)")
        let (train, test) = try BundledDatasets.loadSplit("wine")
        let scaled = try StandardScaler().fit(train.features)
        let xTrain = try scaled.transform(train.features), xTest = try scaled.transform(test.features)
        let name = try VersionedName(name: "wine_classifier", version: SemanticVersion("1.2.0"), timestamp: Date(timeIntervalSince1970: 1_795_430_100))
        context.say("  a versioned file name: \(name.fileName)")
        try context.check(try VersionedName(fileName: name.fileName) == name, "the name parses back to its parts")

        let store = ModelStore(directory: context.file("store"), name: "wine_classifier")
        for (version, c) in [("1.0.0", 0.01), ("1.1.0", 0.1), ("1.2.0", 1.0)] {
            let model = try LogisticRegression(c: c, maxIterations: 1000).fit(xTrain, train.targets)
            let accuracy = try Metrics.accuracy(test.targets, try model.predict(xTest))
            try store.save(model, version: version, metadata: ["C": .double(c), "accuracy": .double(accuracy)])
            context.say("  saved version \(version) (C = \(c), accuracy \(String(format: "%.4f", accuracy)))")
        }
        let listed = try store.versionNames().map { "\($0.version)" }
        context.say("  versions in the store: \(listed.joined(separator: ", "))")
        let latestBefore = try store.latest().map { "\($0.version)" } ?? "none"
        let latest = try store.loadLatest(as: LogisticRegressionModel<Int>.self)
        try context.check(latest.featureCount == train.features.columns, "the latest version loads")
        let afterRollback = try store.rollBack()
        let latestAfter = "\(afterRollback.version)"
        context.say("  after rollback the latest is \(latestAfter)")
        try context.check(listed == ["1.0.0", "1.1.0", "1.2.0"], "versions are listed oldest first")
        try context.check(latestBefore == "1.2.0" && latestAfter == "1.1.0", "rollback makes the previous version the latest")
        return Outcome(listed: listed, latestBefore: latestBefore, latestAfter: latestAfter)
    }
}
