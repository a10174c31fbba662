import Foundation
import Testing
@testable import Brine

/// Collects progress reports from any thread.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [(Int, Int)] = []
    func append(_ done: Int, _ total: Int) {
        lock.lock()
        storage.append((done, total))
        lock.unlock()
    }
    var reports: [(Int, Int)] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

@Suite struct LogisticRegressionTests {
    let x = Matrix(rows: 6, columns: 2) { _ = $0.initialize(from: [0, 1, 1, 0, 2, 1, 3, 0, 0, 2, 4, 1] as [Double]) }
    let y = [0, 0, 0, 1, 0, 1]

    // MARK: Hyperparameters

    @Test func invalidHyperparametersAreRejectedByName() throws {
        let cases: [(LogisticRegression, String, String)] = [
            (LogisticRegression(c: 0), "c", "0.0"),
            (LogisticRegression(c: -1), "c", "-1.0"),
            (LogisticRegression(c: .nan), "c", "nan"),
            (LogisticRegression(c: .infinity), "c", "inf"),
            (LogisticRegression(tolerance: -1e-4), "tolerance", "-0.0001"),
            (LogisticRegression(tolerance: .nan), "tolerance", "nan"),
            (LogisticRegression(tolerance: .infinity), "tolerance", "inf"),
            (LogisticRegression(maxIterations: 0), "maxIterations", "0"),
        ]
        for (hyperparameters, name, value) in cases {
            do {
                _ = try hyperparameters.fit(x, y)
                Issue.record("fit accepted \(name) = \(value)")
            } catch let EstimatorError.invalidHyperparameter(badName, badValue, _) {
                #expect(badName == name)
                #expect(badValue == value)
            }
        }
        // Boundary values that are allowed.
        _ = try LogisticRegression(tolerance: 0, maxIterations: 1).fit(x, y)
    }

    @Test func hyperparametersAreCodable() throws {
        let hyperparameters = LogisticRegression(c: 0.25, fitIntercept: false, tolerance: 1e-6, maxIterations: 42)
        let data = try JSONEncoder().encode(hyperparameters)
        #expect(try JSONDecoder().decode(LogisticRegression.self, from: data) == hyperparameters)
        #expect(LogisticRegression() == LogisticRegression(c: 1, fitIntercept: true, tolerance: 1e-4, maxIterations: 100))
    }

    // MARK: Input errors

    @Test func nonFiniteTrainingValuesAreRejected() throws {
        var rows = x.rowArrays
        rows[2][1] = .nan
        #expect(throws: EstimatorError.nonFiniteValue(row: 2, column: 1)) {
            try LogisticRegression().fit(try Matrix(rows), y)
        }
        rows[2][1] = -.infinity
        #expect(throws: EstimatorError.nonFiniteValue(row: 2, column: 1)) {
            try LogisticRegression().fit(try Matrix(rows), y)
        }
    }

    @Test func emptyDataIsRejected() throws {
        #expect(throws: EstimatorError.emptyData(what: "the feature matrix has no rows")) {
            try LogisticRegression().fit(Matrix(rows: 0, columns: 2, repeating: 0), [Int]())
        }
        #expect(throws: EstimatorError.emptyData(what: "the feature matrix has no columns")) {
            try LogisticRegression().fit(Matrix(rows: 3, columns: 0, repeating: 0), [0, 1, 0])
        }
    }

    @Test func singleClassIsRejected() throws {
        #expect(throws: EstimatorError.singleClass(label: "7")) {
            try LogisticRegression().fit(x, [7, 7, 7, 7, 7, 7])
        }
        #expect(throws: EstimatorError.singleClass(label: "cat")) {
            try LogisticRegression().fit(x, Array(repeating: "cat", count: 6))
        }
    }

    @Test func mismatchedLengthsAreRejected() throws {
        #expect(throws: EstimatorError.sampleCountMismatch(features: 6, targets: 5)) {
            try LogisticRegression().fit(x, [0, 1, 0, 1, 0])
        }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 3)) {
            try LogisticRegression().fit(x, y, featureNames: ["a", "b", "c"])
        }
    }

    @Test func predictionChecksItsInput() throws {
        let model = try LogisticRegression().fit(x, y)
        let wrongWidth = try Matrix([[1, 2, 3]])
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 3)) { try model.predict(wrongWidth) }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 3)) { try model.predictProbabilities(wrongWidth) }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 3)) { try model.decisionFunction(wrongWidth) }
        let withNaN = try Matrix([[1, 2], [3, .nan]])
        #expect(throws: EstimatorError.nonFiniteValue(row: 1, column: 1)) { try model.predict(withNaN) }
        #expect(throws: EstimatorError.nonFiniteValue(row: 1, column: 1)) { try model.predictProbabilities(withNaN) }
        #expect(throws: EstimatorError.emptyData(what: "the feature matrix has no rows")) {
            try model.predict(Matrix(rows: 0, columns: 2, repeating: 0))
        }
    }

    // MARK: Behaviour

    @Test func stringLabelsMatchIntegerLabels() throws {
        let split = try StandardizedSplit("iris")
        let names = ["setosa", "versicolor", "virginica"]
        let byIndex = try LogisticRegression().fit(split.xTrain, split.yTrain)
        let byName = try LogisticRegression().fit(split.xTrain, split.yTrain.map { names[$0] })
        #expect(byName.classes == names)
        #expect(byName.coefficients == byIndex.coefficients)
        #expect(byName.intercepts == byIndex.intercepts)
        #expect(try byName.predict(split.xTest) == byIndex.predict(split.xTest).map { names[$0] })
    }

    @Test func shapesFollowTheClassCount() throws {
        let binary = try LogisticRegression().fit(x, y)
        #expect(binary.classes == [0, 1])
        #expect(binary.coefficients.rows == 1 && binary.coefficients.columns == 2)
        #expect(binary.intercepts.count == 1)
        #expect(binary.featureCount == 2)
        #expect(binary.sampleCount == 6)
        let split = try StandardizedSplit("wine")
        let multi = try LogisticRegression().fit(split.xTrain, split.yTrain, featureNames: (0..<13).map { "f\($0)" })
        #expect(multi.classes == [0, 1, 2])
        #expect(multi.coefficients.rows == 3 && multi.coefficients.columns == 13)
        #expect(multi.intercepts.count == 3)
        #expect(multi.featureNames == (0..<13).map { "f\($0)" })
        #expect(try multi.decisionFunction(split.xTest).columns == 3)
        #expect(try binary.decisionFunction(x).columns == 1)
    }

    @Test func probabilitiesAreConsistentWithScoresAndPredictions() throws {
        let binary = try LogisticRegression().fit(x, y)
        let scores = try binary.decisionFunction(x)
        let probabilities = try binary.predictProbabilities(x)
        let predictions = try binary.predict(x)
        for i in 0..<x.rows {
            let p = 1 / (1 + exp(-scores[i, 0]))
            #expect(probabilities[i, 1] == p)
            #expect(probabilities[i, 0] == 1 - p)
            #expect(predictions[i] == (scores[i, 0] > 0 ? 1 : 0))
        }
        let split = try StandardizedSplit("digits")
        let multi = try LogisticRegression().fit(split.xTrain, split.yTrain)
        let multiProbabilities = try multi.predictProbabilities(split.xTest)
        let multiScores = try multi.decisionFunction(split.xTest)
        let multiPredictions = try multi.predict(split.xTest)
        for i in 0..<split.xTest.rows {
            let row = try multiProbabilities.row(i)
            #expect(abs(row.reduce(0, +) - 1) < 1e-12)
            let best = try multiScores.row(i).enumerated().max { $0.element < $1.element }?.offset
            #expect(multiPredictions[i] == best)
            #expect(row.enumerated().max { $0.element < $1.element }?.offset == best)
        }
    }

    @Test func singleRowsPredictExactlyAsInABatch() throws {
        let split = try StandardizedSplit("digits")
        let model = try LogisticRegression().fit(split.xTrain, split.yTrain)
        let batchScores = try model.decisionFunction(split.xTest)
        let batchProbabilities = try model.predictProbabilities(split.xTest)
        let batchLabels = try model.predict(split.xTest)
        for i in stride(from: 0, to: split.xTest.rows, by: 37) {
            let row = try split.xTest.selectingRows([i])
            #expect(try model.decisionFunction(row).elements == DenseArray(try batchScores.row(i)))
            #expect(try model.predictProbabilities(row).elements == DenseArray(try batchProbabilities.row(i)))
            #expect(try model.predict(row) == [batchLabels[i]])
        }
    }

    @Test func fittingIsDeterministic() throws {
        let split = try StandardizedSplit("breast_cancer")
        let first = try LogisticRegression().fit(split.xTrain, split.yTrain)
        let second = try LogisticRegression().fit(split.xTrain, split.yTrain)
        #expect(first.coefficients == second.coefficients)
        #expect(first.intercepts == second.intercepts)
        #expect(first.iterations == second.iterations)
    }

    @Test func progressIsReportedPerIteration() throws {
        let split = try StandardizedSplit("wine")
        let log = ProgressLog()
        let model = try LogisticRegression(maxIterations: 500).fit(split.xTrain, split.yTrain) { log.append($0, $1) }
        #expect(model.converged)
        #expect(log.reports.map(\.0) == Array(1...model.iterations))
        #expect(log.reports.allSatisfy { $0.1 == 500 })
    }

    @Test func iterationLimitGivesAWarningNotAnError() throws {
        let split = try StandardizedSplit("digits")
        let log = ProgressLog()
        let model = try LogisticRegression(maxIterations: 5).fit(split.xTrain, split.yTrain) { log.append($0, $1) }
        #expect(model.iterations == 5)
        #expect(!model.converged)
        #expect(model.convergenceWarning?.contains("maxIterations") == true)
        #expect(log.reports.map(\.0) == [1, 2, 3, 4, 5])
        // Still a usable model.
        #expect(try model.predict(split.xTest).count == split.xTest.rows)
    }

    @Test func separableDataStaysFinite() throws {
        // Perfectly separable data: the unregularized optimum is at infinity; the L2 penalty keeps it finite.
        let xs = try Matrix([[-3], [-2], [-1], [1], [2], [3]])
        let model = try LogisticRegression(c: 1e6, maxIterations: 1000).fit(xs, ["a", "a", "a", "b", "b", "b"])
        #expect(model.coefficients.firstNonFiniteElement == nil)
        #expect(model.intercepts.allSatisfy { $0.isFinite })
        #expect(try model.predict(xs) == ["a", "a", "a", "b", "b", "b"])
    }

    @Test func classifierEstimatorConformance() throws {
        let split = try StandardizedSplit("iris")
        let estimator: any ClassifierEstimator = LogisticRegression()
        #expect(type(of: estimator).estimatorName == "LogisticRegression")
        let fitted = try estimator.fitClassifier(split.xTrain, split.yTrain, featureNames: nil)
        let direct = try LogisticRegression().fit(split.xTrain, split.yTrain)
        #expect(fitted.classes == direct.classes)
        #expect(try fitted.predict(split.xTest) == direct.predict(split.xTest))
        #expect(try fitted.predictProbabilities(split.xTest) == direct.predictProbabilities(split.xTest))
        #expect(fitted is LogisticRegressionModel<Int>)
    }
}
