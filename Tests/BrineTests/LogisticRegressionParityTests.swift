import Foundation
import Testing
@testable import Brine

/// scikit-learn's fitted values for the bundled datasets, written by
/// `python/reference/logreg_reference.py` (the "default" entries are the stored peer benchmark's).
struct LogisticRegressionReference: Decodable {
    struct Fit: Decodable {
        let coef: [[Double]]
        let intercept: [Double]
        let n_iter: Int
        let test_predictions: [JSONValue]
        let test_probabilities_head: [[Double]]
        let test_decision_head: [[Double]]
        let classes: [String]?
    }
    struct Entry: Decodable {
        let tight: Fit
        let `default`: Fit
    }
    let sklearn_version: String
    let datasets: [String: Entry]
    let extra: [String: Fit]

    static func load() throws -> LogisticRegressionReference {
        let url = try #require(Bundle.module.url(forResource: "logreg_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(LogisticRegressionReference.self, from: Data(contentsOf: url))
    }
}

/// The bundled dataset's fixed split, standardized with the train split's mean and population
/// standard deviation (a zero deviation counts as 1), as scikit-learn's StandardScaler does.
struct StandardizedSplit {
    let xTrain: Matrix
    let yTrain: [Int]
    let xTest: Matrix
    let yTest: [Int]

    init(_ name: String) throws {
        let (train, test) = try BundledDatasets.loadSplit(name)
        let means = train.features.columnMeans()
        let scales = train.features.columnVariances(means: means).map { $0 == 0 ? 1 : $0.squareRoot() }
        func standardize(_ x: Matrix) -> Matrix {
            let columns = x.columns
            let source = x.elements.unsafeBuffer
            return Matrix(rows: x.rows, columns: columns) { out in
                for i in 0..<(x.rows * columns) { out[i] = (source[i] - means[i % columns]) / scales[i % columns] }
            }
        }
        xTrain = standardize(train.features)
        yTrain = train.targets
        xTest = standardize(test.features)
        yTest = test.targets
    }
}

/// ‖ours − theirs‖ / ‖theirs‖ over coefficients and intercepts together.
func relativeDeviation<L>(_ model: LogisticRegressionModel<L>, _ fit: LogisticRegressionReference.Fit) -> Double {
    let ours = Array(model.coefficients.elements) + model.intercepts
    let theirs = fit.coef.flatMap { $0 } + fit.intercept
    guard ours.count == theirs.count else { return .infinity }
    var difference = 0.0, norm = 0.0
    for (a, b) in zip(ours, theirs) {
        difference += (a - b) * (a - b)
        norm += b * b
    }
    return (difference / norm).squareRoot()
}

@Suite struct LogisticRegressionParityTests {
    static let datasets = ["iris", "wine", "breast_cancer", "digits"]

    /// Run to tight tolerance, both solvers reach the same optimum: coefficients within 1e-3 relative
    /// (in practice far closer) and identical test predictions.
    @Test(arguments: datasets)
    func tightFitMatchesScikitLearn(dataset: String) throws {
        let reference = try #require(try LogisticRegressionReference.load().datasets[dataset]).tight
        let split = try StandardizedSplit(dataset)
        let model = try LogisticRegression(c: 1, tolerance: 1e-10, maxIterations: 10_000).fit(split.xTrain, split.yTrain)
        let deviation = relativeDeviation(model, reference)
        print("[lr parity] \(dataset) tight: relative deviation \(deviation), iterations \(model.iterations) (sklearn \(reference.n_iter))")
        #expect(deviation < 1e-6)
        #expect(model.coefficients.rows == reference.coef.count && model.coefficients.columns == reference.coef[0].count)
        #expect(try model.predict(split.xTest) == reference.test_predictions.compactMap(\.intValue))
        #expect(model.converged && model.convergenceWarning == nil)
    }

    /// At scikit-learn's defaults (tol=1e-4, max_iter=1000) the optimizer follows scipy's L-BFGS-B
    /// iterate for iterate: same iteration count, coefficients equal to rounding error.
    @Test(arguments: datasets)
    func defaultFitReproducesStoredPeerCoefficients(dataset: String) throws {
        let reference = try #require(try LogisticRegressionReference.load().datasets[dataset]).default
        let split = try StandardizedSplit(dataset)
        let model = try LogisticRegression(maxIterations: 1000).fit(split.xTrain, split.yTrain)
        let deviation = relativeDeviation(model, reference)
        print("[lr parity] \(dataset) default: relative deviation \(deviation), iterations \(model.iterations) (sklearn \(reference.n_iter))")
        #expect(deviation < 1e-9)
        #expect(model.iterations == reference.n_iter)
        #expect(try model.predict(split.xTest) == reference.test_predictions.compactMap(\.intValue))
        let head = try split.xTest.selectingRows(0..<5)
        let probabilities = try model.predictProbabilities(head)
        let decisions = try model.decisionFunction(head)
        for i in 0..<5 {
            for k in 0..<probabilities.columns {
                #expect(abs(probabilities[i, k] - reference.test_probabilities_head[i][k]) < 1e-9)
            }
            for k in 0..<decisions.columns {
                #expect(abs(decisions[i, k] - reference.test_decision_head[i][k]) < 1e-8 * max(1, abs(reference.test_decision_head[i][k])))
            }
        }
    }

    @Test(arguments: ["breast_cancer_no_intercept", "breast_cancer_c0.05", "wine_no_intercept", "wine_max_iter_3"])
    func otherSettingsMatchScikitLearn(name: String) throws {
        let reference = try #require(try LogisticRegressionReference.load().extra[name])
        let split = try StandardizedSplit(name.hasPrefix("wine") ? "wine" : "breast_cancer")
        var hyperparameters = LogisticRegression(maxIterations: 1000)
        if name.contains("no_intercept") { hyperparameters.fitIntercept = false }
        if name.contains("c0.05") { hyperparameters.c = 0.05 }
        if name.contains("max_iter_3") { hyperparameters.maxIterations = 3 }
        let model = try hyperparameters.fit(split.xTrain, split.yTrain)
        let deviation = relativeDeviation(model, reference)
        print("[lr parity] \(name): relative deviation \(deviation), iterations \(model.iterations) (sklearn \(reference.n_iter))")
        #expect(deviation < 1e-9)
        #expect(model.iterations == reference.n_iter)
        #expect(try model.predict(split.xTest) == reference.test_predictions.compactMap(\.intValue))
        if name.contains("no_intercept") { #expect(model.intercepts.allSatisfy { $0 == 0 }) }
        if name.contains("max_iter_3") {
            #expect(!model.converged)
            #expect(model.convergenceWarning?.contains("3 iteration") == true)
        }
    }

    /// String labels are sorted ("benign" < "malignant"), so the positive class is "malignant",
    /// the opposite of the integer coding; scikit-learn does the same.
    @Test func stringLabelsUseSortedClassOrder() throws {
        let reference = try #require(try LogisticRegressionReference.load().extra["breast_cancer_string_labels"])
        let split = try StandardizedSplit("breast_cancer")
        let names = ["malignant", "benign"]
        let model = try LogisticRegression(maxIterations: 1000).fit(split.xTrain, split.yTrain.map { names[$0] })
        #expect(model.classes == ["benign", "malignant"])
        #expect(model.classes == reference.classes)
        #expect(relativeDeviation(model, reference) < 1e-9)
        #expect(try model.predict(split.xTest) == reference.test_predictions.compactMap(\.stringValue))
    }
}
