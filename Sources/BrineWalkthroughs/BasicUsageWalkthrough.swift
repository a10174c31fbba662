import Brine
import Foundation

/// A plain `Codable` value: what a Python user would pickle as a dictionary.
public struct ExperimentSummary: Codable, Equatable, Sendable {
    /// The model's name.
    public var modelName: String
    /// Its test accuracy.
    public var accuracy: Double
    /// Creates a summary.
    public init(modelName: String, accuracy: Double) {
        self.modelName = modelName
        self.accuracy = accuracy
    }
}

/// Walkthrough 1: save and load a plain dictionary-like value.
public enum BasicUsageWalkthrough {
    /// Saves an ``ExperimentSummary`` as a Brine file and reads it back.
    public static func run(_ context: WalkthroughContext) throws -> ExperimentSummary {
        context.say("1. Basic usage: a Codable value saved and loaded (pickle.dump / pickle.load of a dict)")
        let summary = ExperimentSummary(modelName: "logistic-regression-iris", accuracy: 0.9736842105263158)
        let url = context.file("summary.brine")
        try StoredValue(encoding: summary).save(to: url)
        context.say("  saved \(url.lastPathComponent) (\(fileSize(url)) bytes, no arrays, the value lives in the manifest)")
        let loaded = try StoredValue.load(from: url).decode(as: ExperimentSummary.self)
        context.say("  loaded: \(loaded.modelName), accuracy \(loaded.accuracy)")
        try context.check(loaded == summary, "the loaded value equals the saved one, bit for bit")
        return loaded
    }
}
