import Testing
@testable import Brine

/// A scaler + logistic regression pipeline predicts in one fused pass; its results must be the
/// bits of the two steps run one after the other, and its errors the same.
@Suite struct FusedPipelinePredictionTests {
    static func fitted(_ name: String) throws -> (PipelineModel<Int>, StandardScalerModel, LogisticRegressionModel<Int>, Matrix) {
        let (train, test) = try BundledDatasets.loadSplit(name)
        let model = try Pipeline(steps: [
            ("scaler", .transformer(StandardScaler())),
            ("logreg", .classifier(LogisticRegression(maxIterations: 500))),
        ]).fit(train)
        let scaler = try #require(model.transformers.first as? StandardScalerModel)
        let logistic = try #require(model.classifier as? LogisticRegressionModel<Int>)
        return (model, scaler, logistic, test.features)
    }

    @Test(arguments: ["iris", "breast_cancer", "digits"])
    func fusedPredictionsAreTheStepwiseBits(name: String) throws {
        let (model, scaler, logistic, x) = try Self.fitted(name)
        let stepwise = try logistic.predictProbabilities(try scaler.transform(x))
        let fused = try model.predictProbabilities(x)
        #expect(fused.rows == stepwise.rows && fused.columns == stepwise.columns)
        #expect(Array(fused.elements).map(\.bitPattern) == Array(stepwise.elements).map(\.bitPattern))
        #expect(try model.predict(x) == logistic.predict(try scaler.transform(x)))
        // One row alone gives the same bits as in the batch.
        let one = try model.predictProbabilities(try x.selectingRows([3]))
        #expect((0..<one.columns).map { one[0, $0].bitPattern } == (0..<one.columns).map { fused[3, $0].bitPattern })
    }

    @Test func errorsAreTheStepwiseErrors() throws {
        let (model, scaler, logistic, x) = try Self.fitted("iris")
        var bad = Array(x.elements)
        bad[2 * x.columns + 1] = .nan
        let withNaN = try Matrix(rows: x.rows, columns: x.columns, elements: bad)
        #expect(throws: EstimatorError.nonFiniteValue(row: 2, column: 1)) { try model.predict(withNaN) }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 4, actual: 3)) {
            try model.predictProbabilities(try x.selectingColumns([0, 1, 2]))
        }
        // A standardization that overflows: a nearly constant training column, then a huge value.
        let train = try Matrix([[0, 1], [1e-160, 2], [0, 3], [1e-160, 4]])
        let tiny = try Pipeline(steps: [
            ("scaler", .transformer(StandardScaler())),
            ("logreg", .classifier(LogisticRegression())),
        ]).fit(train, [0, 1, 0, 1])
        let huge = try Matrix([[0, 1], [1e300, 2]])
        let tinyScaler = try #require(tiny.transformers.first as? StandardScalerModel)
        let tinyLogistic = try #require(tiny.classifier as? LogisticRegressionModel<Int>)
        var stepwiseError: EstimatorError?
        do { _ = try tinyLogistic.predict(try tinyScaler.transform(huge)) } catch let error as EstimatorError { stepwiseError = error }
        #expect(stepwiseError == .nonFiniteValue(row: 1, column: 0))
        #expect(throws: EstimatorError.nonFiniteValue(row: 1, column: 0)) { try tiny.predict(huge) }
        _ = (scaler, logistic)
    }
}
