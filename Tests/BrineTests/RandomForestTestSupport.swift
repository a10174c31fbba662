import Foundation
import Testing
@testable import Brine

/// Shared helpers of the random forest tests.
enum RandomForestTestSupport {
    /// The scikit-learn reference values written by python/reference/forest_reference.py.
    static func reference() throws -> JSONValue {
        let url = try #require(Bundle.module.url(forResource: "random_forest_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }

    /// Fraction of equal labels.
    static func accuracy<L: Equatable>(_ truth: [L], _ predicted: [L]) -> Double {
        Double(zip(truth, predicted).filter { $0 == $1 }.count) / Double(truth.count)
    }

    /// The bit patterns of a Double array (for bit-for-bit comparisons).
    static func bits(_ values: some Sequence<Double>) -> [UInt64] { values.map(\.bitPattern) }

    /// A small forest on breast_cancer (fast in debug builds).
    static func smallForest(trees: Int = 10, seed: UInt64 = 3, oob: Bool = false) throws -> (RandomForestModel<Int>, Dataset<Int>, Dataset<Int>) {
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        let model = try RandomForestClassifier(nEstimators: trees, oobScore: oob, seed: seed)
            .fit(train.features, train.targets, featureNames: train.featureNames)
        return (model, train, test)
    }
}
