import Foundation
import Testing
@testable import Brine

/// The scikit-learn reference values written by `python/reference/scaler_metrics_reference.py`.
struct ScalerMetricsReference: Decodable {
    struct ScalerCase: Decodable {
        let mean: [Double]?
        let variance: [Double]?
        let scale: [Double]?
        let n_samples_seen: Int
        let test_row_count: Int
        let test_transformed: [[Double]]
    }
    struct ReportCase: Decodable {
        let name: String
        let label_type: String
        let truth: [JSONValue]
        let predicted: [JSONValue]
        let target_names: [String]?
        let labels: [JSONValue]
        let accuracy: Double
        let confusion: [[Int]]
        let report: String
    }
    struct LogLossCase: Decodable {
        let name: String
        let label_type: String
        let truth: [JSONValue]
        let classes: [JSONValue]
        let probabilities: [[Double]]
        let log_loss: Double
    }
    struct SplitCase: Decodable {
        let n_samples: Int
        let n_test: Int
        let class_counts: [Int]
        let sklearn_test_counts: [Int]
    }
    let sklearn_version: String
    let scaler: [String: [String: ScalerCase]]
    let reports: [ReportCase]
    let log_loss: [LogLossCase]
    let split: [String: SplitCase]
    struct SumCase: Decodable {
        let values: [Double]
        let sum: Double
        let mean: Double
    }
    let numpy_sums: [SumCase]

    static func load() throws -> ScalerMetricsReference {
        let url = try #require(Bundle.module.url(
            forResource: "scaler_metrics_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(ScalerMetricsReference.self, from: Data(contentsOf: url))
    }
}

/// `|a - b| <= tolerance * max(|b|, 1)` element by element (relative, absolute near zero).
func expectClose(_ a: [Double], _ b: [Double], tolerance: Double, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "\(what): \(a.count) values, expected \(b.count)", sourceLocation: sourceLocation)
    for (index, (x, y)) in zip(a, b).enumerated() where !(abs(x - y) <= tolerance * max(abs(y), 1)) {
        Issue.record("\(what)[\(index)] = \(x), scikit-learn \(y)", sourceLocation: sourceLocation)
        return
    }
}

@Suite struct StandardScalerTests {
    static let reference = Result { try ScalerMetricsReference.load() }

    @Test(arguments: BundledDatasets.names)
    func matchesScikitLearnOnBundledDatasets(name: String) throws {
        let reference = try Self.reference.get()
        let (train, test) = try BundledDatasets.loadSplit(name)
        let options: [(String, StandardScaler)] = [
            ("mean1_std1", StandardScaler()),
            ("mean0_std1", StandardScaler(withMean: false)),
            ("mean1_std0", StandardScaler(withStd: false)),
        ]
        for (key, scaler) in options {
            let expected = try #require(reference.scaler[name]?[key])
            let model = try scaler.fit(train.features, featureNames: train.featureNames)
            #expect(model.sampleCount == expected.n_samples_seen)
            #expect(model.featureCount == train.features.columns)
            #expect(model.featureNames == train.featureNames)
            // scikit-learn keeps mean_ whenever either option is on; Brine stores it only with withMean.
            if scaler.withMean {
                expectClose(try #require(model.mean), try #require(expected.mean), tolerance: 1e-12, "\(name) \(key) mean")
            } else {
                #expect(model.mean == nil)
            }
            if scaler.withStd {
                expectClose(try #require(model.variance), try #require(expected.variance), tolerance: 1e-12, "\(name) \(key) variance")
                expectClose(try #require(model.scale), try #require(expected.scale), tolerance: 1e-12, "\(name) \(key) scale")
            } else {
                #expect(model.variance == nil && model.scale == nil && expected.scale == nil)
            }
            let rows = try test.features.selectingRows(0..<expected.test_row_count)
            let transformed = try model.transform(rows)
            expectClose(Array(transformed.elements), expected.test_transformed.flatMap { $0 },
                        tolerance: 1e-12, "\(name) \(key) transformed test rows")
            // The inverse gives back the input (to rounding).
            let back = try model.inverseTransform(transformed)
            expectClose(Array(back.elements), Array(rows.elements), tolerance: 1e-13, "\(name) \(key) inverse")
        }
    }

    @Test func constantColumnsGetScaleOne() throws {
        let x = try Matrix([[1, 5, 0.1], [2, 5, 0.1], [3, 5, 0.1], [4, 5, 0.1]])
        let model = try StandardScaler().fit(x)
        #expect(model.mean == [2.5, 5, 0.1])
        #expect(model.variance?[0] == 1.25)
        #expect(model.variance?[1] == 0)
        // 0.1 * 4 / 4 is not exactly 0.1, so the computed variance is a rounding residue: still constant.
        #expect(model.scale?[1] == 1 && model.scale?[2] == 1)
        #expect(model.scale?[0] == 1.25.squareRoot())
        let z = try model.transform(x)
        #expect(try z.column(1) == [0, 0, 0, 0])
    }

    @Test func handComputedValues() throws {
        let x = try Matrix([[0, 10], [2, 20], [4, 60]])
        let model = try StandardScaler().fit(x)
        #expect(model.mean == [2, 30])
        // Population variance: ((−2)² + 0² + 2²)/3 = 8/3; ((−20)² + (−10)² + 30²)/3 = 1400/3.
        #expect(abs(model.variance![0] - 8.0 / 3.0) < 1e-15)
        #expect(abs(model.variance![1] - 1400.0 / 3.0) < 1e-12)
        let z = try model.transform(try Matrix([[2, 30], [4, 60]]))
        #expect(z[0, 0] == 0 && z[0, 1] == 0)
        #expect(abs(z[1, 0] - 2 / (8.0 / 3.0).squareRoot()) < 1e-15)
        let neither = try StandardScaler(withMean: false, withStd: false).fit(x)
        #expect(try neither.transform(x) == x)
        #expect(neither.mean == nil && neither.scale == nil && neither.variance == nil)
    }

    @Test func typedErrors() throws {
        let x = try Matrix([[1, 2], [3, 4]])
        let model = try StandardScaler().fit(x)
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 3)) {
            try model.transform(try Matrix([[1, 2, 3]]))
        }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 1)) {
            try model.inverseTransform(try Matrix([[1]]))
        }
        #expect(throws: EstimatorError.nonFiniteValue(row: 1, column: 0)) {
            try StandardScaler().fit(try Matrix([[1, 2], [.nan, 4]]))
        }
        #expect(throws: EstimatorError.nonFiniteValue(row: 0, column: 1)) {
            try model.transform(try Matrix([[1, .infinity]]))
        }
        #expect(throws: EstimatorError.self) { try StandardScaler().fit(Matrix(rows: 0, columns: 2, repeating: 0)) }
        #expect(throws: EstimatorError.self) { try StandardScaler().fit(Matrix(rows: 3, columns: 0, repeating: 0)) }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 2, actual: 1)) {
            try StandardScaler().fit(x, featureNames: ["a"])
        }
    }

    @Test func archiveRoundTripIsBitIdentical() throws {
        let (train, test) = try BundledDatasets.loadSplit("wine")
        for scaler in [StandardScaler(), StandardScaler(withMean: false), StandardScaler(withStd: false),
                       StandardScaler(withMean: false, withStd: false)] {
            let model = try scaler.fit(train.features, featureNames: train.featureNames)
            var archive = ModelArchive(for: StandardScalerModel.self)
            try model.encode(into: &archive)
            #expect(archive.typeName == "StandardScaler")
            #expect((archive.arrays["mean"] != nil) == scaler.withMean)
            #expect((archive.arrays["scale"] != nil) == scaler.withStd)
            #expect((archive.arrays["variance"] != nil) == scaler.withStd)
            let decoded = try StandardScalerModel.decode(from: archive)
            let viaRegistry = try #require(try ModelRegistry.shared.decode(archive) as? StandardScalerModel)
            for copy in [decoded, viaRegistry] {
                #expect(try copy.transform(test.features) == model.transform(test.features))
                #expect(copy.featureNames == train.featureNames && copy.sampleCount == train.sampleCount)
                var again = ModelArchive(for: StandardScalerModel.self)
                try copy.encode(into: &again)
                #expect(again == archive)
            }
        }
    }

    @Test func decodeRejectsInconsistentArchives() throws {
        let model = try StandardScaler().fit(try Matrix([[1, 2], [3, 5]]))
        var archive = ModelArchive(for: StandardScalerModel.self)
        try model.encode(into: &archive)

        var wrongLength = archive
        wrongLength.setArray("scale", .float64([1, 2, 3]))
        #expect(throws: PersistenceError.self) { try StandardScalerModel.decode(from: wrongLength) }
        var zeroScale = archive
        zeroScale.setArray("scale", .float64([1, 0]))
        #expect(throws: PersistenceError.self) { try StandardScalerModel.decode(from: zeroScale) }
        var nanMean = archive
        nanMean.setArray("mean", .float64([.nan, 0]))
        #expect(throws: PersistenceError.self) { try StandardScalerModel.decode(from: nanMean) }
        var missing = archive
        missing.arrays["variance"] = nil
        #expect(throws: PersistenceError.missingArray("variance")) { try StandardScalerModel.decode(from: missing) }
        var extra = archive
        extra.hyperparameters = ["withMean": false, "withStd": true]
        #expect(throws: PersistenceError.self) { try StandardScalerModel.decode(from: extra) }
        var wrongType = archive
        wrongType.setArray("mean", .float32([1, 2]))
        #expect(throws: PersistenceError.wrongArrayType(name: "mean", expected: "F64", actual: "F32")) {
            try StandardScalerModel.decode(from: wrongType)
        }
        var names = archive
        names.featureNames = ["only one"]
        #expect(throws: PersistenceError.self) { try StandardScalerModel.decode(from: names) }
        var otherType = archive
        otherType.typeName = "LogisticRegression"
        #expect(throws: PersistenceError.wrongModelType(expected: "StandardScaler", actual: "LogisticRegression")) {
            try StandardScalerModel.decode(from: otherType)
        }
    }
}
