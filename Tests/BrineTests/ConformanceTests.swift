import Testing
import Brine
import BrineTestSupport

/// A deliberately careless transformer: it validates nothing and is not registered.
struct CarelessIdentity: TransformerEstimator {
    static var estimatorName: String { "CarelessIdentity" }
    func fitTransformer(_ x: Matrix, featureNames: [String]?) throws -> any Transformer {
        CarelessIdentityModel(featureCount: x.columns, featureNames: featureNames)
    }
}

struct CarelessIdentityModel: Transformer {
    let featureCount: Int
    let featureNames: [String]?
    func transform(_ x: Matrix) throws -> Matrix { x }
    static var modelTypeName: String { "CarelessIdentity" }
    static var modelLayoutVersion: Int { 1 }
    func encode(into archive: inout ModelArchive) throws {
        archive.attributes["featureCount"] = .int(featureCount)
        archive.featureNames = featureNames
    }
    static func decode(from archive: ModelArchive) throws -> CarelessIdentityModel {
        CarelessIdentityModel(featureCount: try archive.intAttribute("featureCount"), featureNames: archive.featureNames)
    }
}

@Suite struct ConformanceTests {
    init() { TestNearestCentroid.registered }

    @Test(arguments: [
        StandardScaler(), StandardScaler(withMean: false), StandardScaler(withStd: false),
        StandardScaler(withMean: false, withStd: false),
    ])
    func standardScalerConforms(scaler: StandardScaler) throws {
        for name in ["iris", "digits"] {
            let report = ConformanceChecker.checkTransformer(scaler, on: try BundledDatasets.load(name))
            #expect(report.passed, "\(report)")
            #expect(report.checks.count == 11)
            #expect(report.estimatorName == "StandardScaler")
        }
    }

    @Test func testClassifierAndPipelinesConform() throws {
        let iris = try BundledDatasets.load("iris")
        let centroid = ConformanceChecker.checkClassifier(
            TestNearestCentroid(temperature: 3), on: iris,
            invalidEstimators: [TestNearestCentroid(temperature: 0), TestNearestCentroid(temperature: -1),
                                TestNearestCentroid(temperature: .nan)])
        #expect(centroid.passed, "\(centroid)")
        #expect(centroid.checks.count == 16)

        let pipeline = Pipeline<Int>(steps: [
            ("scale", .transformer(StandardScaler())), ("classify", .classifier(TestNearestCentroid())),
        ])
        let invalid = Pipeline<Int>(steps: [
            ("scale", .transformer(StandardScaler())), ("classify", .classifier(TestNearestCentroid(temperature: 0))),
        ])
        let wine = try BundledDatasets.load("wine")
        let report = ConformanceChecker.checkClassifier(pipeline, on: wine, invalidEstimators: [invalid])
        #expect(report.passed, "\(report)")

        // String labels go through the same checks.
        let named = try Dataset(
            features: iris.features, targets: iris.targets.map { ["setosa", "versicolor", "virginica"][$0] },
            featureNames: iris.featureNames, source: "iris")
        #expect(ConformanceChecker.checkClassifier(makeEstimator: { pipeline }, on: named).passed)

        let transformers = Pipeline<Never>(steps: [
            ("center", .transformer(StandardScaler(withStd: false))), ("scale", .transformer(StandardScaler())),
        ])
        let transformerReport = ConformanceChecker.checkTransformer(transformers, on: wine)
        #expect(transformerReport.passed, "\(transformerReport)")
    }

    @Test func checkerReportsACarelessTransformer() throws {
        let iris = try BundledDatasets.load("iris")
        let report = ConformanceChecker.checkTransformer(CarelessIdentity(), on: iris)
        #expect(!report.passed)
        #expect(Set(report.failures.map(\.name)) == [
            "non-finite values at fit throw nonFiniteValue",
            "non-finite values at transform throw nonFiniteValue",
            "empty data at fit throws emptyData",
            "the wrong feature count at transform throws featureCountMismatch",
            "registry decodes the archive",
        ])
        #expect(report.description.contains("✘ empty data at fit throws emptyData: fit on no rows: did not throw"))
        #expect(report.description.hasPrefix("CarelessIdentity: 6 of 11 conformance checks passed"))
    }

    @Test func checkerReportsHyperparametersThatAreNotRejected() throws {
        let iris = try BundledDatasets.load("iris")
        // A "valid" temperature passed as if it were invalid must be reported.
        let report = ConformanceChecker.checkClassifier(
            TestNearestCentroid(), on: iris, invalidEstimators: [TestNearestCentroid(temperature: 2)])
        #expect(report.failures.map(\.name) == ["invalid hyperparameters throw invalidHyperparameter"])
    }
}
