import Brine
import Foundation

/// Walkthrough 8: handle errors gracefully — each mistake caught as a typed error and explained.
public enum ErrorHandlingWalkthrough {
    /// Runs the walkthrough and returns the errors caught, in order.
    public static func run(_ context: WalkthroughContext) throws -> [PersistenceError] {
        context.say("8. Handle errors gracefully")
        let (train, _) = try BundledDatasets.loadSplit("iris")
        let scaler = try StandardScaler().fit(train.features)
        let url = context.file("scaler.brine")
        try scaler.save(to: url)
        var caught: [PersistenceError] = []

        func expectFailure(_ what: String, _ body: () throws -> Void) throws {
            do {
                try body()
                throw WalkthroughError.expectedFailure(what)
            } catch let error as PersistenceError {
                context.say("  \(what): caught \(error)")
                caught.append(error)
            }
        }
        let original = try Data(contentsOf: url)
        try expectFailure("saving over an existing file without overwrite") { try scaler.save(to: url) }
        try context.check(try Data(contentsOf: url) == original, "the existing file is untouched")
        try expectFailure("loading a file that does not exist") {
            _ = try Brine.load(from: context.file("no-such-model.brine"))
        }
        let corrupt = context.file("corrupt.brine")
        try Data("this is not a model file, just some text".utf8).write(to: corrupt)
        try expectFailure("loading a corrupt file") { _ = try Brine.load(from: corrupt) }
        try expectFailure("loading a scaler as a LogisticRegression") {
            _ = try LogisticRegressionModel<Int>.load(from: url)
        }
        try context.check(caught.count == 4, "four mistakes, four typed errors, nothing crashed")
        if case .fileExists = caught[0], case .fileNotFound = caught[1], case .wrongModelType = caught[3] {
            try context.check(true, "each error names its problem: exists, not found, corrupt, wrong type")
        } else {
            throw WalkthroughError.checkFailed("unexpected error kinds \(caught)")
        }
        return caught
    }
}
