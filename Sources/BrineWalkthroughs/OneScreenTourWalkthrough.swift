import Brine
import Foundation

/// Walkthrough 11: the one-screen tour — fit on a 2-row toy set, save, load, predict.
public enum OneScreenTourWalkthrough {
    /// Runs the walkthrough and returns the loaded model's predictions for the two rows.
    public static func run(_ context: WalkthroughContext) throws -> [String] {
        context.say("11. The one-screen tour")
        let x = try Matrix([[0.0, 1.0], [1.0, 0.0]])
        let y = ["cat", "dog"]
        let model = try LogisticRegression().fit(x, y, featureNames: ["whiskers", "barks"])
        let url = context.file("toy.brine")
        try model.save(to: url, metadata: ["purpose": "tour"])
        let loaded = try LogisticRegressionModel<String>.load(from: url)
        let predictions = try loaded.predict(x)
        context.say("  classes \(loaded.classes), predictions \(predictions)")
        try context.check(predictions == y, "the reloaded model separates the two toy rows")
        return predictions
    }
}
