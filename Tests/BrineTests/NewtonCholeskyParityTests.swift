import Foundation
import Testing
@testable import Brine

/// scikit-learn's `LogisticRegression(solver="newton-cholesky")` on the bundled datasets, written by
/// `python/reference/newton_cholesky_reference.py`.
struct NewtonCholeskyReference: Decodable {
    struct Options: Decodable {
        let C: Double?
        let fit_intercept: Bool?
        let max_iter: Int?
    }
    struct Case: Decodable {
        let dataset: String
        let options: Options
        let coef: [[Double]]
        let intercept: [Double]
        let n_iter: Int
        let test_predictions: [Int]
        let test_probabilities_head: [[Double]]
    }
    let sklearn_version: String
    let cases: [String: Case]

    static func load() throws -> NewtonCholeskyReference {
        let url = try #require(Bundle.module.url(forResource: "newton_cholesky_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(NewtonCholeskyReference.self, from: Data(contentsOf: url))
    }
}

@Suite struct NewtonCholeskyParityTests {
    static let cases = ["iris", "wine", "breast_cancer", "digits", "breast_cancer_no_intercept",
                        "breast_cancer_c0.05", "wine_no_intercept", "wine_max_iter_2"]

    @Test(arguments: cases)
    func matchesScikitLearnNewtonCholesky(name: String) throws {
        let reference = try NewtonCholeskyReference.load()
        let expected = try #require(reference.cases[name])
        let split = try StandardizedSplit(expected.dataset)
        let estimator = LogisticRegression(
            c: expected.options.C ?? 1, fitIntercept: expected.options.fit_intercept ?? true,
            maxIterations: expected.options.max_iter ?? 100, solver: .newtonCholesky)
        let model = try estimator.fit(split.xTrain, split.yTrain)
        #expect(model.iterations == expected.n_iter)
        let theirs = expected.coef.flatMap { $0 } + expected.intercept
        let ours = Array(model.coefficients.elements) + model.intercepts
        try #require(ours.count == theirs.count)
        let largest = zip(ours, theirs).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largest <= 1e-8, "largest coefficient difference \(largest) (scikit-learn \(reference.sklearn_version))")
        #expect(try model.predict(split.xTest) == expected.test_predictions)
        let probabilities = try model.predictProbabilities(split.xTest)
        for (row, expectedRow) in expected.test_probabilities_head.enumerated() {
            for (column, value) in expectedRow.enumerated() {
                #expect(abs(probabilities[row, column] - value) <= 1e-8)
            }
        }
        #expect(model.converged == (name != "wine_max_iter_2"))
    }

    @Test func solverRoundTripsAndOldFilesMeanLBFGS() throws {
        let split = try StandardizedSplit("iris")
        let model = try LogisticRegression(solver: .newtonCholesky).fit(split.xTrain, split.yTrain)
        let loaded = try LogisticRegressionModel<Int>.decodeChecked(try model.archive())
        #expect(loaded.hyperparameters.solver == .newtonCholesky)
        #expect(try loaded.predictProbabilities(split.xTest) == model.predictProbabilities(split.xTest))
        // A manifest without the key (as 0.1.0 wrote) decodes as L-BFGS, and L-BFGS writes no key.
        let old = try JSONDecoder().decode(LogisticRegression.self, from: Data(#"{"c":1,"fitIntercept":true,"tolerance":0.0001,"maxIterations":100}"#.utf8))
        #expect(old.solver == .lbfgs)
        #expect(!String(decoding: try JSONEncoder().encode(LogisticRegression()), as: UTF8.self).contains("solver"))
    }

    @Test func tooManyParametersForTheHessianIsATypedError() throws {
        let x = try Matrix(rows: 4, columns: 9000, elements: [Double](repeating: 0.5, count: 36000))
        #expect(throws: EstimatorError.self) {
            try LogisticRegression(solver: .newtonCholesky).fit(x, [0, 1, 0, 1])
        }
    }
}
