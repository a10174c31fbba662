import Foundation
import Testing
@testable import Brine

/// Float32 forests follow scikit-learn exactly: its trees predict bit for bit in Brine, and a
/// deterministic Brine tree has scikit-learn's thresholds bit for bit. Reference values from
/// python/reference/forest_float32_reference.py (the scikit-learn version is in the fixture).
@Suite struct RandomForestScikitLearnExactnessTests {
    /// The fixture, parsed once for all the test cases.
    static let parsed: JSONValue? = Bundle.module.url(
        forResource: "forest_float32_reference", withExtension: "json", subdirectory: "Fixtures"
    ).flatMap { try? Data(contentsOf: $0) }.flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }

    static func reference() throws -> JSONValue {
        try #require(parsed, "Fixtures/forest_float32_reference.json is missing or not JSON")
    }

    static func doubles(_ value: JSONValue?) throws -> [Double] {
        try (value?.arrayValue ?? []).map { item in
            let bits = try #require(item.stringValue.flatMap { UInt64($0, radix: 16) }, "a hexadecimal bit pattern")
            return Double(bitPattern: bits)
        }
    }

    static func ints(_ value: JSONValue?) -> [Int32] {
        (value?.arrayValue ?? []).compactMap { $0.intValue.map { Int32($0) } }
    }

    /// The forest of scikit-learn's trees (their children, features, thresholds and normalized values).
    static func forest(_ entry: JSONValue, precision: InputPrecision, featureCount: Int) throws -> RandomForestClassifierModel<Int> {
        let classes = (entry["classes"]?.arrayValue ?? []).compactMap(\.intValue)
        let trees = entry["forest"]?["trees"]?.arrayValue ?? []
        var records = ForestNodeRecords(classCount: classes.count, featureCount: featureCount)
        for (index, tree) in trees.enumerated() {
            var left = ints(tree["children_left"]), right = ints(tree["children_right"]), features = ints(tree["feature"])
            var thresholds = try doubles(tree["threshold_bits"]), values = try doubles(tree["value_bits"])
            try records.appendTree(
                index: index, size: left.count, leftChildren: &left, rightChildren: &right, features: &features,
                thresholds: &thresholds, values: &values)
        }
        return RandomForestClassifierModel<Int>(
            classes: classes, featureCount: featureCount, featureNames: nil,
            hyperparameters: RandomForestClassifier(nEstimators: trees.count, inputPrecision: precision), oobScore: nil,
            inputPrecision: precision, treeOffsets: DenseArray(records.treeOffsets), nodes: DenseArray(records.nodes),
            leafValues: DenseArray(records.leafValues),
            importances: DenseArray(repeating: 1 / Double(featureCount), count: featureCount))
    }

    @Test(arguments: ["iris", "wine", "breast_cancer", "digits"])
    func scikitLearnForestsPredictBitForBit(dataset: String) throws {
        let entry = try #require(try Self.reference()["datasets"]?[dataset])
        let (_, test) = try BundledDatasets.loadSplit(dataset)
        let model = try Self.forest(entry, precision: .float32, featureCount: test.features.columns)
        let expected = try Self.doubles(entry["forest"]?["predict_proba_bits"])
        #expect(expected.count == test.sampleCount * model.classes.count)
        for rows in [Array(0..<test.sampleCount), [0], Array(0..<9)] {
            let predicted = try model.predictProbabilities(try test.features.selectingRows(rows)).elements.array
            #expect(predicted.map { $0.bitPattern } == expected.prefix(predicted.count).map { $0.bitPattern }, "\(rows.count) rows")
        }

        // Probe rows sit just above a threshold in float64 but at or below it in float32.
        let probeCount = try #require(entry["probes"]?["rows"]?.intValue)
        #expect(probeCount >= 20)
        let probes = try Matrix(rows: probeCount, columns: test.features.columns, elements: try Self.doubles(entry["probes"]?["x_bits"]))
        let probeExpected = try Self.doubles(entry["probes"]?["predict_proba_bits"])
        #expect(try model.predictProbabilities(probes).elements.array.map { $0.bitPattern } == probeExpected.map { $0.bitPattern })
        let model64 = try Self.forest(entry, precision: .float64, featureCount: test.features.columns)
        let probabilities64 = try model64.predictProbabilities(probes).elements.array
        let differing = zip(probabilities64, probeExpected).filter { abs($0 - $1) > 1e-9 }.count
        #expect(differing > 0, "float64 comparisons reproduce scikit-learn on every probe row: the probes test nothing")
    }

    /// One feature (so no ties between features), no bootstrap, depth 4: the tree is determined by
    /// the data, and a Brine tree fitted on float32-rounded values has scikit-learn's thresholds bit
    /// for bit (midpoints of float32 values); fitted on the doubles, its thresholds differ.
    @Test(arguments: ["iris", "wine", "breast_cancer", "digits"])
    func singleFeatureTreesHaveScikitLearnsThresholds(dataset: String) throws {
        let entry = try #require(try Self.reference()["datasets"]?[dataset])
        let (train, _) = try BundledDatasets.loadSplit(dataset)
        let trees = try #require(entry["single_feature_trees"]?.objectValue)
        #expect(trees.count == 3)
        var anyDiffersInFloat64 = false
        for (key, tree) in trees.sorted(by: { $0.key < $1.key }) {
            let column = try #require(Int(key))
            var left = Self.ints(tree["children_left"]), right = Self.ints(tree["children_right"])
            var features = Self.ints(tree["feature"])
            var thresholds = try Self.doubles(tree["threshold_bits"]), values = try Self.doubles(tree["value_bits"])
            let classCount = values.count / max(left.count, 1)
            var records = ForestNodeRecords(classCount: classCount, featureCount: 1)
            try records.appendTree(index: 0, size: left.count, leftChildren: &left, rightChildren: &right,
                                   features: &features, thresholds: &thresholds, values: &values)
            func splits(_ words: [Int64]) -> [UInt64] {
                stride(from: 0, to: words.count, by: 2).compactMap { i in
                    ForestNodeRecords.feature(words[i + 1]) < 0 ? nil : UInt64(bitPattern: words[i])
                }
            }
            let x = try train.features.selectingColumns([column])
            var settings = RandomForestClassifier(nEstimators: 1, maxDepth: 4, bootstrap: false)
            let brine = try settings.fit(x, train.targets)
            #expect(splits(brine.nodes.array) == splits(records.nodes), "\(dataset) column \(column): thresholds in preorder")
            #expect(brine.leafValues.count == records.leafValues.count
                    && zip(brine.leafValues, records.leafValues).allSatisfy { abs($0 - $1) <= 1e-15 })
            settings.inputPrecision = .float64
            if try splits(settings.fit(x, train.targets).nodes.array) != splits(records.nodes) { anyDiffersInFloat64 = true }
        }
        if dataset != "digits" {  // digits' pixels are small integers, exact in float32
            #expect(anyDiffersInFloat64, "float64 fitting gives scikit-learn's thresholds too: the test shows nothing")
        }
    }
}
