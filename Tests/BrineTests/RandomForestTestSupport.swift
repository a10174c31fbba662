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
    static func smallForest(trees: Int = 10, seed: UInt64 = 3, oob: Bool = false) throws -> (RandomForestClassifierModel<Int>, Dataset<Int>, Dataset<Int>) {
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        let model = try RandomForestClassifier(nEstimators: trees, oobScore: oob, seed: seed)
            .fit(train.features, train.targets, featureNames: train.featureNames)
        return (model, train, test)
    }
}

extension RandomForestTestSupport {
    /// `model` with its node words, tree offsets or leaf values replaced (no validation: a hostile model).
    static func replacing(
        _ model: RandomForestClassifierModel<Int>, nodes: [Int64]? = nil, offsets: [Int64]? = nil, leafValues: [Double]? = nil
    ) -> RandomForestClassifierModel<Int> {
        RandomForestClassifierModel<Int>(
            classes: model.classes, featureCount: model.featureCount, featureNames: nil,
            hyperparameters: model.hyperparameters, oobScore: nil, inputPrecision: model.inputPrecision,
            treeOffsets: offsets.map { DenseArray($0) } ?? model.treeOffsets,
            nodes: nodes.map { DenseArray($0) } ?? model.nodes,
            leafValues: leafValues.map { DenseArray($0) } ?? model.leafValues, importances: model.importances)
    }

    /// The words of `model`'s nodes with node `global`'s feature and link replaced.
    static func nodes(of model: RandomForestClassifierModel<Int>, setting global: Int, feature: Int32? = nil, link: Int32? = nil) -> [Int64] {
        var words = model.nodes.array
        let word = words[2 * global + 1]
        words[2 * global + 1] = ForestNodeRecords.packed(
            feature: feature ?? ForestNodeRecords.feature(word), link: link ?? ForestNodeRecords.link(word))
        return words
    }

    /// The layout-1 archive (Brine 0.1.0's arrays) of `model`: separate children, features,
    /// thresholds and per-node values (a split's values are those of its first leaf, which sum to 1).
    static func layoutOneArchive(of model: RandomForestClassifierModel<Int>) throws -> ModelArchive {
        var archive = ModelArchive(typeName: "RandomForest", layoutVersion: 1)
        try model.encode(into: &archive)
        for name in ["nodes", "leafValues"] { archive.arrays[name] = nil }
        archive.attributes["inputPrecision"] = nil
        let n = model.nodeCount, k = model.classes.count
        var left = [Int32](repeating: -1, count: n), right = left, features = left
        var thresholds = [Double](repeating: 0, count: n), values = [Double](repeating: 0, count: n * k)
        let offsets = model.treeOffsets.array.map(Int.init)
        for tree in (0..<model.treeCount).reversed() {
            for global in (offsets[tree]..<offsets[tree + 1]).reversed() {
                let (threshold, feature, link) = model.record(global)
                thresholds[global] = threshold
                if feature < 0 {
                    for c in 0..<k { values[global * k + c] = model.leafValues[link * k + c] }
                } else {
                    left[global] = Int32(global - offsets[tree] + 1)
                    right[global] = Int32(link)
                    features[global] = Int32(feature)
                    for c in 0..<k { values[global * k + c] = values[(global + 1) * k + c] }
                }
            }
        }
        archive.setArray("leftChildren", .int32(DenseArray(left)))
        archive.setArray("rightChildren", .int32(DenseArray(right)))
        archive.setArray("features", .int32(DenseArray(features)))
        archive.setArray("thresholds", .float64(DenseArray(thresholds)))
        archive.setArray("values", .float64(DenseArray(values)), shape: [n, k])
        return archive
    }
}
