import Foundation
import Testing
@testable import Brine

/// One golden file: a model written by this version of Brine, kept in Fixtures/golden so later
/// versions prove they still read it, and the outputs it must reproduce.
struct GoldenCase: Sendable {
    /// The file stem (`<name>.brine`, `<name>.expected.json`).
    var name: String
    /// Builds the model to write (only when regenerating).
    var make: @Sendable () throws -> any Persistable
    /// The numbers a loaded model must reproduce exactly (predictions, probabilities, arrays…).
    var outputs: @Sendable (any Persistable) throws -> [Double]
    /// The compression of the golden file.
    var compression: Compression = .none
}

/// The golden files. To add a real model:
///
///     GoldenCase(name: "logreg_iris_int",
///                make: { try LogisticRegression().fit(iris.features, iris.targets) },
///                outputs: { try GoldenFiles.classifierOutputs($0 as? LogisticRegressionModel<Int>, on: irisTest) })
///
/// then run `BRINE_REGENERATE_GOLDEN=1 swift test --filter PersistenceGoldenTests` once and commit
/// the new files under Tests/BrineTests/Fixtures/golden/. Never regenerate existing files for a
/// release that changed the format: they are the compatibility record.
enum GoldenFiles {
    static let cases: [GoldenCase] = [
        GoldenCase(name: "test_model_v1", make: { TestModel.make(rows: 4, columns: 3, seed: 11) },
                   outputs: { try testModelOutputs($0) }),
        GoldenCase(name: "test_model_v1_gzip", make: { TestModel.make(rows: 4, columns: 3, seed: 12) },
                   outputs: { try testModelOutputs($0) }, compression: .gzip(level: 3)),
        GoldenCase(name: "test_composite_v1",
                   make: { TestComposite(parts: [("first", TestModel.make(rows: 2, columns: 2, seed: 13)),
                                                  ("second", TestModel.make(rows: 1, columns: 5, seed: 14))]) },
                   outputs: { model in
                       guard let composite = model as? TestComposite else { throw PersistenceError.wrongModelType(expected: "BrineTestComposite", actual: "\(type(of: model))") }
                       return try composite.parts.flatMap { try testModelOutputs($0.1) }
                   }),
        // Real models, written by Brine 0.1.0 (format 1.0).
        GoldenCase(name: "scaler_iris_v1",
                   make: { let (train, _) = try BundledDatasets.loadSplit("iris")
                           return try StandardScaler().fit(train.features, featureNames: train.featureNames) },
                   outputs: { model in
                       guard let scaler = model as? StandardScalerModel else { throw PersistenceError.wrongModelType(expected: "StandardScaler", actual: "\(type(of: model))") }
                       return Array(try scaler.transform(try BundledDatasets.loadSplit("iris").test.features).elements)
                   }),
        GoldenCase(name: "logreg_wine_int_v1",
                   make: { let (train, _) = try BundledDatasets.loadSplit("wine")
                           return try LogisticRegression(maxIterations: 5000).fit(train.features, train.targets, featureNames: train.featureNames) },
                   outputs: { try classifierOutputs($0 as? LogisticRegressionModel<Int>, on: try BundledDatasets.loadSplit("wine").test.features) }),
        GoldenCase(name: "forest_iris_string_v1",
                   make: { let (train, _) = try BundledDatasets.loadSplit("iris")
                           let names = train.targetNames ?? []
                           return try RandomForestClassifier(nEstimators: 5, seed: 1)
                               .fit(train.features, train.targets.map { names[$0] }, featureNames: train.featureNames) },
                   outputs: { try classifierOutputs($0 as? RandomForestClassifierModel<String>, on: try BundledDatasets.loadSplit("iris").test.features) }),
        // RandomForest layout 2 (node records, float32 comparisons), written during 0.2.0 development.
        GoldenCase(name: "forest_breast_cancer_int_v2",
                   make: { let (train, _) = try BundledDatasets.loadSplit("breast_cancer")
                           return try RandomForestClassifier(nEstimators: 4, maxDepth: 6, seed: 2)
                               .fit(train.features, train.targets, featureNames: train.featureNames) },
                   outputs: { try classifierOutputs($0 as? RandomForestClassifierModel<Int>, on: try BundledDatasets.loadSplit("breast_cancer").test.features) }),
        GoldenCase(name: "pipeline_breast_cancer_int_v1_gzip",
                   make: { let (train, _) = try BundledDatasets.loadSplit("breast_cancer")
                           return try Pipeline<Int>(steps: [("scaler", .transformer(StandardScaler())),
                                                            ("logreg", .classifier(LogisticRegression(maxIterations: 1000)))])
                               .fit(train.features, train.targets, featureNames: train.featureNames) },
                   outputs: { try classifierOutputs($0 as? PipelineModel<Int>, on: try BundledDatasets.loadSplit("breast_cancer").test.features) },
                   compression: .gzip(level: 6)),
        // ColumnTransformer (layout 1) first in a table pipeline, written during 0.2.0 development.
        GoldenCase(name: "column_transformer_pipeline_string_v1",
                   make: { try Pipeline(steps: [("preprocess", .transformer(goldenColumnTransformer)),
                                                ("logreg", .classifier(LogisticRegression()))])
                               .fit(try goldenTable(rows: 0..<24), (0..<24).map { $0 % 3 == 0 ? "yes" : "no" }) },
                   outputs: { model in
                       guard let pipeline = model as? PipelineModel<String> else { throw PersistenceError.wrongModelType(expected: "Pipeline<String>", actual: "\(type(of: model))") }
                       let test = try goldenTable(rows: 24..<32)
                       let preprocess = try pipeline.step(named: "preprocess")
                       guard let columns = preprocess as? ColumnTransformerModel else { throw PersistenceError.wrongModelType(expected: "ColumnTransformer", actual: "\(type(of: preprocess))") }
                       let encoded = try columns.transformTable(test).numericMatrix()
                       return Array(encoded.elements) + (try pipeline.predict(test)).map { $0 == "yes" ? 1 : 0 }
                           + Array(try pipeline.predictProbabilities(test).elements)
                   }),
    ]

    /// The column transformer of the ColumnTransformer golden file: every kind of entry.
    static let goldenColumnTransformer = ColumnTransformer([
        .init(name: "num", step: .transformer(Pipeline(steps: [("impute", .transformer(SimpleImputer(strategy: .median))),
                                                               ("scale", .transformer(StandardScaler()))])), columns: .kind(.numeric)),
        .init(name: "cat", step: .transformer(Pipeline(steps: [("impute", .transformer(SimpleImputer(strategy: .mostFrequent))),
                                                               ("onehot", .transformer(OneHotEncoder(handleUnknown: .ignore)))])),
              columns: .names(["colour"])),
        .init(name: "code", step: .transformer(Pipeline(steps: [("impute", .transformer(SimpleImputer(strategy: .constant, categoricalFillValue: "none"))),
                                                                ("ordinal", .transformer(OrdinalEncoder(handleUnknown: .useEncodedValue(-1))))])),
              columns: .names(["size"])),
        .init(name: "gone", step: .drop, columns: .names(["id"])),
        .init(name: "none", step: .passthrough, columns: .names([])),
    ], remainder: .drop)

    /// Rows `rows` of a deterministic mixed table (numbers with NaN, text with missing cells).
    static func goldenTable(rows: Range<Int>) throws -> Table {
        let colours = ["red", "green", "blue", nil, "green", "red", "violet"]
        let sizes = ["S", "M", "L", "XL", nil]
        return try Table(columns: [
            .numeric("id", rows.map(Double.init)),
            .numeric("weight", rows.map { $0 % 5 == 4 ? .nan : Double($0 * 7 % 11) + 0.25 }),
            .categorical("colour", rows.map { colours[$0 % colours.count] }),
            .numeric("height", rows.map { Double(($0 * 13) % 17) / 4 }),
            .categorical("size", rows.map { sizes[($0 * 3) % sizes.count] }),
        ])
    }

    /// Predictions (as class indices) followed by probabilities, row by row.
    static func classifierOutputs<Model: Classifier>(_ model: Model?, on input: Matrix) throws -> [Double] {
        guard let model else { throw PersistenceError.wrongModelType(expected: "classifier", actual: "another type") }
        let predictions = try model.predict(input).map { label in Double(model.classes.firstIndex(of: label) ?? -1) }
        return predictions + Array(try model.predictProbabilities(input).elements)
    }

    static func testModelOutputs(_ model: any Persistable) throws -> [Double] {
        guard let model = model as? TestModel else { throw PersistenceError.wrongModelType(expected: "BrineTestModel", actual: "\(type(of: model))") }
        return model.weights.array + model.floats.map(Double.init) + model.counts.map(Double.init)
            + model.indices.map(Double.init) + model.bytes.map(Double.init)
    }

    /// Where regeneration writes: the source tree.
    static var sourceFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden")
    }

    /// Where tests read: the bundled fixtures.
    static func bundledFile(_ name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/golden")
    }

    static func fileName(_ golden: GoldenCase) -> String {
        golden.name + (golden.compression == .none ? ".brine" : ".brine.gz")
    }
}

@Suite struct PersistenceGoldenTests {
    init() { TestRegistry.register() }

    static var regenerate: Bool { ProcessInfo.processInfo.environment["BRINE_REGENERATE_GOLDEN"] == "1" }

    @Test(arguments: GoldenFiles.cases.map(\.name))
    func goldenFileLoadsAndReproducesItsOutputs(name: String) throws {
        let golden = try #require(GoldenFiles.cases.first { $0.name == name })
        if Self.regenerate {
            let folder = GoldenFiles.sourceFolder
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let model = try golden.make()
            try model.save(to: folder.appendingPathComponent(GoldenFiles.fileName(golden)), overwrite: true,
                           compression: golden.compression, metadata: ["golden": .string(golden.name)])
            let expected: JSONValue = ["writtenBy": .string(Brine.libraryVersion), "outputs": .array(try golden.outputs(model).map { .double($0) })]
            try Data(expected.jsonText.utf8).write(to: folder.appendingPathComponent("\(golden.name).expected.json"))
            return
        }
        let url = try #require(GoldenFiles.bundledFile(GoldenFiles.fileName(golden)), "missing golden file \(GoldenFiles.fileName(golden))")
        let expectedURL = try #require(GoldenFiles.bundledFile("\(golden.name).expected.json"))
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: expectedURL))
        let outputs = expected["outputs"]?.arrayValue?.compactMap(\.doubleValue) ?? []
        for memoryMap in golden.compression == .none ? [false, true] : [false] {
            let model = try Brine.load(from: url, memoryMap: memoryMap)
            let actual = try golden.outputs(model)
            #expect(actual.count == outputs.count)
            #expect(zip(actual, outputs).allSatisfy { $0.bitPattern == $1.bitPattern })
            let stored = try ModelArchive(contentsOf: url)
            let resaved = try model.archive()
            if resaved.layoutVersion == stored.layoutVersion {
                // Re-saving the loaded model gives the same archive.
                #expect(resaved == stored)
            } else {
                // An older layout (a RandomForest of layout 1) re-saves in today's layout, predicting the same.
                #expect(resaved.layoutVersion > stored.layoutVersion)
                let upgraded = try ModelRegistry.shared.decode(resaved)
                #expect(zip(try golden.outputs(upgraded), outputs).allSatisfy { $0.bitPattern == $1.bitPattern })
            }
        }
        #expect(try Brine.inspect(url).metadata["golden"] == .string(golden.name))
    }
}
