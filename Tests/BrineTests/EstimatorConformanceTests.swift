import Brine
import BrineTestSupport
import Foundation
import Testing

/// Every estimator through the conformance checker (fit twice identical, subset predictions, NaN/inf,
/// empty data, one class, wrong feature count, invalid hyperparameters, one-sample predict, archive round trip).
@Suite struct EstimatorConformanceTests {
    @Test(arguments: ["iris", "breast_cancer"])
    func logisticRegressionConforms(dataset: String) throws {
        let data = try BundledDatasets.load(dataset)
        let report = ConformanceChecker.checkClassifier(
            LogisticRegression(maxIterations: 300), on: data,
            invalidEstimators: [LogisticRegression(c: 0), LogisticRegression(c: -1), LogisticRegression(c: .nan),
                                LogisticRegression(tolerance: -1), LogisticRegression(maxIterations: 0)])
        #expect(report.passed, "\(report)")
        #expect(report.checks.count >= 16)
    }

    @Test func randomForestConforms() throws {
        let data = try BundledDatasets.load("wine")
        let report = ConformanceChecker.checkClassifier(
            RandomForestClassifier(nEstimators: 10, seed: 3), on: data,
            invalidEstimators: [RandomForestClassifier(nEstimators: 0), RandomForestClassifier(maxDepth: 0),
                                RandomForestClassifier(minSamplesSplit: 1), RandomForestClassifier(minSamplesLeaf: 0),
                                RandomForestClassifier(maxFeatures: .count(0)), RandomForestClassifier(maxFeatures: .fraction(1.5))])
        #expect(report.passed, "\(report)")
        #expect(report.checks.count >= 16)
    }

    @Test func entropyForestWithoutBootstrapConforms() throws {
        let data = try BundledDatasets.load("iris")
        let report = ConformanceChecker.checkClassifier(
            RandomForestClassifier(nEstimators: 5, criterion: .entropy, maxDepth: 4, maxFeatures: .all, bootstrap: false, seed: 9),
            on: data)
        #expect(report.passed, "\(report)")
    }

    @Test func scalerLogisticPipelineConforms() throws {
        let data = try BundledDatasets.load("wine")
        let pipeline = Pipeline<Int>(steps: [("scaler", .transformer(StandardScaler())),
                                             ("logreg", .classifier(LogisticRegression(maxIterations: 500)))])
        let report = ConformanceChecker.checkClassifier(pipeline, on: data)
        #expect(report.passed, "\(report)")
    }

    @Test func scalerForestPipelineConforms() throws {
        let data = try BundledDatasets.load("iris")
        let pipeline = Pipeline<Int>(steps: [("scaler", .transformer(StandardScaler())),
                                             ("forest", .classifier(RandomForestClassifier(nEstimators: 5, seed: 2)))])
        let report = ConformanceChecker.checkClassifier(pipeline, on: data)
        #expect(report.passed, "\(report)")
    }
}
