import Foundation
import Testing
@testable import Brine

@Suite struct RandomForestValidationTests {
    let x = try! Matrix([[0, 1], [1, 0], [2, 2], [3, 1], [4, 0], [5, 2]])
    let y = [0, 0, 0, 1, 1, 1]

    @Test func rejectsBadData() throws {
        let forest = RandomForestClassifier(nEstimators: 3)
        var withNaN = x.rowArrays
        withNaN[2][1] = .nan
        #expect(throws: EstimatorError.nonFiniteValue(row: 2, column: 1)) { try forest.fit(try Matrix(withNaN), y) }
        var withInfinity = x.rowArrays
        withInfinity[0][0] = .infinity
        #expect(throws: EstimatorError.nonFiniteValue(row: 0, column: 0)) { try forest.fit(try Matrix(withInfinity), y) }
        #expect(throws: EstimatorError.self) { try forest.fit(Matrix(rows: 0, columns: 2, repeating: 0), [Int]()) }
        #expect(throws: EstimatorError.singleClass(label: "1")) { try forest.fit(x, [1, 1, 1, 1, 1, 1]) }
        #expect(throws: EstimatorError.sampleCountMismatch(features: 6, targets: 5)) { try forest.fit(x, [0, 0, 1, 1, 1]) }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 3)) {
            try forest.fit(x, y, featureNames: ["a", "b", "c"])
        }
    }

    @Test func predictRejectsWrongFeatureCountAndNonFiniteValues() throws {
        let model = try RandomForestClassifier(nEstimators: 3).fit(x, y)
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 3)) {
            try model.predict(try Matrix([[1, 2, 3]]))
        }
        #expect(throws: EstimatorError.nonFiniteValue(row: 0, column: 1)) {
            try model.predictProbabilities(try Matrix([[1, .nan]]))
        }
        #expect(throws: EstimatorError.self) { try model.predict(Matrix(rows: 0, columns: 2, repeating: 0)) }
    }

    @Test func rejectsInvalidHyperparameters() throws {
        let invalid: [(String, RandomForestClassifier)] = [
            ("nEstimators", RandomForestClassifier(nEstimators: 0)),
            ("maxDepth", RandomForestClassifier(maxDepth: 0)),
            ("minSamplesSplit", RandomForestClassifier(minSamplesSplit: 1)),
            ("minSamplesLeaf", RandomForestClassifier(minSamplesLeaf: 0)),
            ("maxFeatures", RandomForestClassifier(maxFeatures: .count(0))),
            ("maxFeatures", RandomForestClassifier(maxFeatures: .count(3))),  // only 2 features
            ("maxFeatures", RandomForestClassifier(maxFeatures: .fraction(0))),
            ("maxFeatures", RandomForestClassifier(maxFeatures: .fraction(1.5))),
            ("maxFeatures", RandomForestClassifier(maxFeatures: .fraction(.nan))),
            ("oobScore", RandomForestClassifier(bootstrap: false, oobScore: true)),
            ("threadCount", RandomForestClassifier(threadCount: 0)),
        ]
        for (name, parameters) in invalid {
            #expect(performing: { try parameters.fit(x, y) }, throws: { error in
                guard case let EstimatorError.invalidHyperparameter(thrownName, _, _) = error else { return false }
                return thrownName == name
            })
        }
    }

    @Test func constantFeaturesAreSkippedAndAllConstantDataGivesLeafOnlyTrees() throws {
        // Feature 0 is constant; the forest must split on feature 1 only.
        let data = try Matrix([[7, 0], [7, 1], [7, 2], [7, 3], [7, 4], [7, 5]])
        let model = try RandomForestClassifier(nEstimators: 10, maxFeatures: .count(1)).fit(data, y)
        #expect(model.featureImportances == [0, 1])
        let splitFeatures = Set((0..<model.nodeCount).map { model.record($0).feature }.filter { $0 != -1 })
        #expect(splitFeatures == [1])
        // Nothing to split on: every tree is a single leaf, importances stay zero.
        let flat = try RandomForestClassifier(nEstimators: 4).fit(Matrix(rows: 6, columns: 2, repeating: 3), y)
        #expect(flat.nodeCount == 4)
        #expect(flat.featureImportances == [0, 0])
        let probabilities = try flat.predictProbabilities(try Matrix([[3, 3]]))
        #expect(abs(probabilities[0, 0] + probabilities[0, 1] - 1) < 1e-12)
    }
}
