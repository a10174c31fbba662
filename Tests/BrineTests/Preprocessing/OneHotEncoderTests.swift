import Foundation
import Testing
import BrineTestSupport
@testable import Brine

@Suite struct OneHotEncoderTests {
    static let reference = Result { try PreprocessingReference.load() }
    static let columns = ["island", "sex", "species", "tagged"]

    static func encoder(_ options: [String: JSONValue]) throws -> OneHotEncoder {
        var encoder = OneHotEncoder()
        if options["handle_unknown"]?.stringValue == "ignore" { encoder.handleUnknown = .ignore }
        switch options["drop"]?.stringValue {
        case "first"?: encoder.drop = .first
        case "if_binary"?: encoder.drop = .ifBinary
        default: break
        }
        if let count = options["min_frequency"]?.intValue { encoder.minimumFrequency = .count(count) }
        else if let fraction = options["min_frequency"]?.doubleValue { encoder.minimumFrequency = .fraction(fraction) }
        encoder.maximumCategories = options["max_categories"]?.intValue
        return encoder
    }

    @Test func matchesScikitLearnExactly() throws {
        let reference = try Self.reference.get()
        let train = try reference.trainTable
        let test = try reference.testTable
        #expect(reference.one_hot_encoder.count == 9)
        for c in reference.one_hot_encoder {
            let what = "\(c.options) (scikit-learn \(reference.sklearn_version))"
            let model = try Self.encoder(c.options).fit(try train.selecting(Self.columns))
            #expect(model.outputColumnNames == c.feature_names, "\(what): feature names")
            #expect(zip(model.categories, model.missingIsCategory).map { $0 + ($1 ? [nil] : []) } == c.categories.map { $0.map { $0 as String? } },
                    "\(what): categories")
            #expect(model.infrequentCategories.map { $0.isEmpty ? nil : $0 } == c.infrequent_categories.map { $0?.map { $0 ?? "nan" } },
                    "\(what): infrequent categories")
            #expect(c.drop_idx == nil ? model.droppedCategories.allSatisfy { $0 == nil } : model.droppedCategories == c.drop_idx!,
                    "\(what): drop_idx \(model.droppedCategories)")
            PreprocessingReference.expectExactly(try model.transformTable(train), c.train_output, "\(what) train")
            if let expected = c.test_output {
                PreprocessingReference.expectExactly(try model.transformTable(test), expected, "\(what) test")
            } else {
                // scikit-learn: "Found unknown categories ['Atlantis'] in column 0"; the first test row holding it.
                let row = try #require(try test.column(named: "island").categoricalValues?.firstIndex(of: "Atlantis"))
                #expect(c.test_error?.contains("Atlantis") == true)
                #expect(throws: EstimatorError.unknownCategory(column: "island", row: row, value: "Atlantis")) {
                    _ = try model.transformTable(test)
                }
            }
        }
    }

    @Test func conforms() throws {
        let table = try Self.reference.get().trainTable.selecting(Self.columns)
        for encoder in [OneHotEncoder(), OneHotEncoder(handleUnknown: .ignore, drop: .ifBinary, minimumFrequency: .count(3), maximumCategories: 3)] {
            let report = ConformanceChecker.checkTableTransformer(
                makeEstimator: { encoder }, on: table,
                invalidEstimators: [OneHotEncoder(minimumFrequency: .count(0)), OneHotEncoder(minimumFrequency: .fraction(1.5)),
                                    OneHotEncoder(minimumFrequency: .fraction(.nan)), OneHotEncoder(maximumCategories: 0)])
            #expect(report.passed, "\(report)")
        }
    }

    @Test func refusesNumericColumns() throws {
        let table = try Table(columns: [.numeric("area_code", [415, 408])])
        #expect(throws: EstimatorError.self) { _ = try OneHotEncoder().fit(table) }
    }

    @Test func inAPipelineAfterAnImputerOnATable() throws {
        // most-frequent imputation then one-hot, then logistic regression: fitted on the raw table,
        // predicting the raw test table (unseen "Atlantis" ignored), saved and reloaded.
        let reference = try Self.reference.get()
        let train = try reference.trainTable
        let test = try reference.testTable
        let labels = try #require(try train.column(named: "species").categoricalValues).map { $0 ?? "?" }
        let pipeline = Pipeline(steps: [
            ("impute", .transformer(SimpleImputer(strategy: .mostFrequent))),
            ("encode", .transformer(OneHotEncoder(handleUnknown: .ignore))),
            ("classify", .classifier(LogisticRegression())),
        ])
        let features = try train.selecting(["island", "sex", "tagged"])
        let model: PipelineModel<String> = try pipeline.fit(features, labels)
        let imputed = try SimpleImputer(strategy: .mostFrequent).fit(features)
        let encoder = try OneHotEncoder(handleUnknown: .ignore).fit(try imputed.transformTable(features))
        #expect(try model.step(named: "classify").featureNames == encoder.outputColumnNames)
        let direct = try LogisticRegression().fit(try encoder.transform(try imputed.transformTable(features)), labels)
        let expected = try direct.predictProbabilities(try encoder.transform(try imputed.transformTable(test)))
        let got = try model.predictProbabilities(test)
        #expect(got.elements.array.map(\.bitPattern) == expected.elements.array.map(\.bitPattern))
        let archive = try PipelineModel<String>.archive(of: model)
        let decoded = try #require(try ModelRegistry.shared.decode(archive) as? PipelineModel<String>)
        #expect(try decoded.predict(test) == (try model.predict(test)))
    }

    @Test func hostileArchivesAreRefused() throws {
        let table = try Table(columns: [.categorical("c", ["a", nil, "b", "a", "c"]), .categorical("d", ["x", "y", "x", "x", "y"])])
        let model = try OneHotEncoder(drop: .ifBinary, minimumFrequency: .count(2)).fit(table)
        let good = try PipelineModel<Never>.archive(of: model)
        // scikit-learn 1.9.1 on the same frame: ["c_infrequent_sklearn", "d_y"] (c_a dropped: two columns after grouping).
        #expect(try OneHotEncoderModel.decode(from: good).outputColumnNames == ["c_infrequent_sklearn", "d_y"])
        let mutations: [(String, (inout ModelArchive) -> Void)] = [
            ("duplicate category", { $0.attributes["categories"] = .array([.array([.string("a"), .string("a"), .string("c")]), .array([.string("x"), .string("y")])]) }),
            ("unsorted categories", { $0.attributes["categories"] = .array([.array([.string("b"), .string("a"), .string("c")]), .array([.string("x"), .string("y")])]) }),
            ("category not a string", { $0.attributes["categories"] = .array([.array([.string("a"), .int(1), .string("c")]), .array([.string("x"), .string("y")])]) }),
            ("too long a category", { $0.attributes["categories"] = .array([.array([.string("a"), .string(String(repeating: "b", count: OneHotEncoder.maximumCategoryLength + 1))]), .array([.string("x"), .string("y")])]) }),
            ("categories for one column", { $0.attributes["categories"] = .array([.array([.string("a")])]) }),
            ("infrequent out of range", { $0.attributes["infrequentCategories"] = .array([.array([.int(1), .int(9)]), .array([])]) }),
            ("infrequent repeated", { $0.attributes["infrequentCategories"] = .array([.array([.int(1), .int(1)]), .array([])]) }),
            ("drop not matching", { $0.attributes["droppedColumns"] = .array([.int(0), .null]) }),
            ("unknown drop", { $0.hyperparameters = .object(["handleUnknown": .string("error"), "drop": .string("last"), "minimumFrequency": .object(["count": .int(2)])]) }),
            ("bad frequency", { $0.hyperparameters = .object(["handleUnknown": .string("error"), "drop": .string("ifBinary"), "minimumFrequency": .object(["count": .int(0)])]) }),
            ("missing flags of the wrong type", { $0.attributes["missingIsCategory"] = .array([.int(1), .bool(false)]) }),
            ("names of the wrong count", { $0.featureNames = ["c"] }),
        ]
        for (name, mutate) in mutations {
            var archive = good
            mutate(&archive)
            #expect(throws: PersistenceError.self, "\(name)") { _ = try OneHotEncoderModel.decode(from: archive) }
        }
    }
}
