import Testing
@testable import Brine

// MARK: - A tiny test-only classifier (nearest centroid with softmax probabilities)

/// A nearest-centroid classifier used only by the tests (Brine's real classifiers are written elsewhere).
struct TestNearestCentroid: ClassifierEstimator, Codable, Equatable {
    static var estimatorName: String { "TestNearestCentroid" }
    /// Softmax temperature over negative squared distances; must be positive and finite.
    var temperature: Double = 1

    /// Registers the model types in the shared registry (idempotent).
    static let registered: Void = {
        ModelRegistry.shared.register(TestNearestCentroidModel<Int>.self)
        ModelRegistry.shared.register(TestNearestCentroidModel<String>.self)
    }()

    func fit<Label: ClassLabel>(_ x: Matrix, _ y: [Label], featureNames: [String]? = nil) throws -> TestNearestCentroidModel<Label> {
        guard temperature.isFinite, temperature > 0 else {
            throw EstimatorError.invalidHyperparameter(name: "temperature", value: "\(temperature)", reason: "must be positive and finite")
        }
        try InputValidation.checkTrainingData(x, y, featureNames: featureNames)
        let encoding = try LabelEncoding(y)
        let k = encoding.classes.count
        let f = x.columns
        var sums = [Double](repeating: 0, count: k * f)
        var counts = [Double](repeating: 0, count: k)
        for (row, c) in encoding.indices.enumerated() {
            counts[c] += 1
            for j in 0..<f { sums[c * f + j] += x[row, j] }
        }
        for c in 0..<k { for j in 0..<f { sums[c * f + j] /= counts[c] } }
        return TestNearestCentroidModel(
            classes: encoding.classes, centroids: try Matrix(rows: k, columns: f, elements: sums),
            temperature: temperature, featureNames: featureNames)
    }

    func fitClassifier<Label: ClassLabel>(_ x: Matrix, _ y: [Label], featureNames: [String]?) throws -> any Classifier<Label> {
        try fit(x, y, featureNames: featureNames)
    }
}

struct TestNearestCentroidModel<Label: ClassLabel>: Classifier {
    let classes: [Label]
    let centroids: Matrix
    let temperature: Double
    let featureNames: [String]?
    var featureCount: Int { centroids.columns }

    func predictProbabilities(_ x: Matrix) throws -> Matrix {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        let k = classes.count
        let f = featureCount
        return Matrix(rows: x.rows, columns: k) { out in
            for i in 0..<x.rows {
                var logits = [Double](repeating: 0, count: k)
                for c in 0..<k {
                    var d = 0.0
                    for j in 0..<f { let t = x[i, j] - centroids[c, j]; d += t * t }
                    logits[c] = -d / temperature
                }
                let top = logits.max() ?? 0
                let exps = logits.map { ($0 - top).exp() }
                let total = exps.reduce(0, +)
                for c in 0..<k { out[i * k + c] = exps[c] / total }
            }
        }
    }

    func predict(_ x: Matrix) throws -> [Label] {
        let p = try predictProbabilities(x)
        return (0..<p.rows).map { i in
            var best = 0
            for c in 1..<p.columns where p[i, c] > p[i, best] { best = c }
            return classes[best]
        }
    }
}

extension TestNearestCentroidModel: Persistable {
    static var modelTypeName: String { "TestNearestCentroid" }
    static var modelLayoutVersion: Int { 1 }
    static var modelLabelTypeName: String? { Label.labelTypeName }

    func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = ["temperature": .double(temperature)]
        archive.featureNames = featureNames
        try archive.setClasses(classes)
        archive.setArray("centroids", .float64(centroids.elements), shape: [centroids.rows, centroids.columns])
    }

    static func decode(from archive: ModelArchive) throws -> Self {
        try archive.checkType(Self.self)
        let classes = try archive.decodedClasses(as: Label.self)
        let shaped = try archive.shapedArray("centroids", expectedType: "F64", count: nil)
        guard shaped.shape.count == 2, shaped.shape[0] == classes.count, shaped.shape[1] > 0 else {
            throw PersistenceError.inconsistentModel("centroids must be [classes, features]")
        }
        let values = try archive.float64Array("centroids", count: shaped.shape[0] * shaped.shape[1])
        guard let temperature = archive.hyperparameters["temperature"]?.doubleValue, temperature > 0 else {
            throw PersistenceError.missingKey("hyperparameters.temperature")
        }
        return Self(
            classes: classes, centroids: try Matrix(rows: shaped.shape[0], columns: shaped.shape[1], storage: values),
            temperature: temperature, featureNames: archive.featureNames)
    }
}

extension Double {
    fileprivate func exp() -> Double { Foundation.exp(self) }
}

import Foundation

// MARK: - Pipeline tests

func encodedArchive(_ model: some Persistable) throws -> ModelArchive {
    var archive = ModelArchive(for: type(of: model))
    try model.encode(into: &archive)
    return archive
}

@Suite struct PipelineTests {
    init() { TestNearestCentroid.registered }

    func scaledCentroid() -> Pipeline<Int> {
        Pipeline<Int>(steps: [
            ("scale", .transformer(StandardScaler())),
            ("classify", .classifier(TestNearestCentroid(temperature: 2))),
        ])
    }

    @Test func fitRunsTheChainLikeTheStepsByHand() throws {
        let (train, test) = try BundledDatasets.loadSplit("wine")
        let model = try scaledCentroid().fit(train.features, train.targets, featureNames: train.featureNames)
        let scaler = try StandardScaler().fit(train.features, featureNames: train.featureNames)
        let centroid = try TestNearestCentroid(temperature: 2).fit(try scaler.transform(train.features), train.targets)
        let z = try scaler.transform(test.features)
        #expect(try model.predict(test.features) == centroid.predict(z))
        #expect(try model.predictProbabilities(test.features) == centroid.predictProbabilities(z))
        #expect(try model.transform(test.features) == z)
        #expect(model.classes == [0, 1, 2])
        #expect(model.stepNames == ["scale", "classify"])
        #expect(model.featureCount == 13 && model.featureNames == train.featureNames)
        let accuracy = try Metrics.accuracy(test.targets, try model.predict(test.features))
        #expect(accuracy > 0.9)
        let step = try #require(try model.step(named: "scale") as? StandardScalerModel)
        #expect(step.mean == scaler.mean)
        #expect(try model.step(named: "classify") is TestNearestCentroidModel<Int>)
        #expect(throws: EstimatorError.self) { try model.step(named: "nope") }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 13, actual: 4)) {
            try model.predict(try Matrix([[1, 2, 3, 4]]))
        }
        #expect(throws: EstimatorError.nonFiniteValue(row: 0, column: 2)) {
            try model.predict(try Matrix([[1, 2, .nan, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]]))
        }
    }

    @Test func invalidPipelinesThrow() throws {
        let x = try Matrix([[1, 2], [3, 4], [5, 7]])
        let y = [0, 1, 1]
        let bad: [Pipeline<Int>] = [
            Pipeline(steps: []),
            Pipeline(steps: [("", .transformer(StandardScaler()))]),
            Pipeline(steps: [("a", .transformer(StandardScaler())), ("a", .transformer(StandardScaler()))]),
            Pipeline(steps: [("c", .classifier(TestNearestCentroid())), ("s", .transformer(StandardScaler()))]),
        ]
        for pipeline in bad {
            #expect(throws: EstimatorError.self) { try pipeline.validate() }
            do {
                _ = try pipeline.fit(x, y)
                Issue.record("fitting \(pipeline.stepNames) should throw")
            } catch let error as EstimatorError {
                guard case .invalidPipeline = error else { Issue.record("unexpected \(error)"); continue }
            }
        }
        #expect(throws: EstimatorError.invalidPipeline("step \"classify\" is a classifier; fit the pipeline with labels")) {
            try scaledCentroid().fitTransformers(x)
        }
        #expect(throws: EstimatorError.sampleCountMismatch(features: 3, targets: 2)) { try scaledCentroid().fit(x, [0, 1]) }
        #expect(throws: EstimatorError.singleClass(label: "1")) { try scaledCentroid().fit(x, [1, 1, 1]) }
        #expect(throws: EstimatorError.invalidHyperparameter(name: "temperature", value: "0.0", reason: "must be positive and finite")) {
            try Pipeline<Int>(steps: [("c", .classifier(TestNearestCentroid(temperature: 0)))]).fit(x, y)
        }
    }

    @Test func transformersOnlyPipeline() throws {
        let (train, test) = try BundledDatasets.loadSplit("iris")
        let pipeline = Pipeline<Never>(steps: [
            ("center", .transformer(StandardScaler(withStd: false))),
            ("scale", .transformer(StandardScaler(withMean: false))),
        ])
        let model = try pipeline.fitTransformers(train.features, featureNames: train.featureNames)
        let first = try StandardScaler(withStd: false).fit(train.features)
        let second = try StandardScaler(withMean: false).fit(try first.transform(train.features))
        #expect(try model.transform(test.features) == second.transform(try first.transform(test.features)))
        #expect(model.classes.isEmpty && model.classifier == nil && model.transformers.count == 2)
        #expect(throws: EstimatorError.invalidPipeline("the pipeline has no classifier step")) { try model.predict(test.features) }
        // Through the TransformerEstimator conformance, as a step of another pipeline.
        let nested = Pipeline<Int>(steps: [
            ("preprocess", .transformer(pipeline)), ("classify", .classifier(TestNearestCentroid())),
        ])
        let nestedModel = try nested.fit(train.features, train.targets)
        #expect(try nestedModel.step(named: "preprocess") is PipelineModel<Never>)
        let archive = try encodedArchive(nestedModel)
        let decoded = try #require(try ModelRegistry.shared.decode(archive) as? PipelineModel<Int>)
        #expect(try decoded.predictProbabilities(test.features) == nestedModel.predictProbabilities(test.features))
        #expect(try encodedArchive(decoded) == archive)
    }

    @Test func pipelineIsAClassifierEstimatorForAnyLabelType() throws {
        let (train, test) = try BundledDatasets.loadSplit("iris")
        let names = train.targets.map { ["setosa", "versicolor", "virginica"][$0] }
        let estimator: any ClassifierEstimator = scaledCentroid()
        let model = try estimator.fitClassifier(train.features, names, featureNames: nil)
        #expect(model.classes == ["setosa", "versicolor", "virginica"])
        let intModel = try scaledCentroid().fit(train.features, train.targets)
        #expect(try model.predict(test.features) == intModel.predict(test.features).map { ["setosa", "versicolor", "virginica"][$0] })
        #expect(throws: EstimatorError.self) {
            try Pipeline<Int>(steps: [("s", .transformer(StandardScaler()))]).fitClassifier(train.features, names, featureNames: nil)
        }
    }

    @Test func archiveRoundTrip() throws {
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        let model = try scaledCentroid().fit(train.features, train.targets, featureNames: train.featureNames)
        let archive = try encodedArchive(model)
        #expect(archive.typeName == "Pipeline" && archive.labelTypeName == "Int")
        #expect(archive.children.map(\.name) == ["scale", "classify"])
        #expect(archive.children.map(\.archive.typeName) == ["StandardScaler", "TestNearestCentroid"])
        #expect(archive.attributes["stepKinds"] == ["transformer", "classifier"])
        #expect(archive.classes == [0, 1])
        let decoded = try PipelineModel<Int>.decode(from: archive)
        let viaRegistry = try #require(try ModelRegistry.shared.decode(archive) as? PipelineModel<Int>)
        for copy in [decoded, viaRegistry] {
            #expect(try copy.predictProbabilities(test.features) == model.predictProbabilities(test.features))
            #expect(try copy.predict(test.features) == model.predict(test.features))
            #expect(try encodedArchive(copy) == archive)
            #expect(copy.featureNames == train.featureNames)
        }
        // A transformers-only pipeline is registered as plain "Pipeline".
        let plain = try Pipeline<Never>(steps: [("s", .transformer(StandardScaler()))]).fitTransformers(train.features)
        let plainArchive = try encodedArchive(plain)
        #expect(plainArchive.labelTypeName == nil && plainArchive.classes == nil)
        let plainDecoded = try #require(try ModelRegistry.shared.decode(plainArchive) as? PipelineModel<Never>)
        #expect(try plainDecoded.transform(test.features) == plain.transform(test.features))
    }

    @Test func decodeRejectsBadArchives() throws {
        let (train, _) = try BundledDatasets.loadSplit("iris")
        let model = try scaledCentroid().fit(train.features, train.targets)
        let archive = try encodedArchive(model)

        var wrongKind = archive
        wrongKind.attributes["stepKinds"] = ["classifier", "classifier"]
        #expect(throws: PersistenceError.self) { try PipelineModel<Int>.decode(from: wrongKind) }
        var notTransformer = archive
        notTransformer.attributes["stepKinds"] = ["transformer", "transformer"]
        #expect(throws: PersistenceError.inconsistentModel("step \"classify\" (TestNearestCentroid) is not a transformer")) {
            try PipelineModel<Int>.decode(from: notTransformer)
        }
        var unknownKind = archive
        unknownKind.attributes["stepKinds"] = ["transformer", "regressor"]
        #expect(throws: PersistenceError.self) { try PipelineModel<Int>.decode(from: unknownKind) }
        var missingKinds = archive
        missingKinds.attributes["stepKinds"] = nil
        #expect(throws: PersistenceError.self) { try PipelineModel<Int>.decode(from: missingKinds) }
        var unregistered = archive
        unregistered.children[1].archive.typeName = "SomethingElse"
        #expect(throws: PersistenceError.unknownModelType("SomethingElse<Int>")) { try PipelineModel<Int>.decode(from: unregistered) }
        #expect(throws: PersistenceError.labelTypeMismatch(expected: "String", actual: "Int")) {
            try PipelineModel<String>.decode(from: archive)
        }
        var noSteps = archive
        noSteps.children = []
        noSteps.attributes["stepKinds"] = []
        #expect(throws: PersistenceError.self) { try PipelineModel<Int>.decode(from: noSteps) }
        var duplicate = archive
        duplicate.children[1].name = "scale"
        #expect(throws: PersistenceError.self) { try PipelineModel<Int>.decode(from: duplicate) }
        var wrongClasses = archive
        wrongClasses.classes = [0, 1, 5]
        #expect(throws: PersistenceError.self) { try PipelineModel<Int>.decode(from: wrongClasses) }
        var wrongFeatures = archive
        wrongFeatures.attributes["featureCount"] = 5
        #expect(throws: PersistenceError.self) { try PipelineModel<Int>.decode(from: wrongFeatures) }
        // Deep nesting is refused before any recursion.
        var deep = archive
        for _ in 0..<20 {
            var outer = archive
            outer.children = [ModelArchive.Child(name: "inner", archive: deep)]
            outer.attributes["stepKinds"] = ["classifier"]
            deep = outer
        }
        #expect(throws: PersistenceError.self) { try PipelineModel<Int>.decode(from: deep) }
    }
}
