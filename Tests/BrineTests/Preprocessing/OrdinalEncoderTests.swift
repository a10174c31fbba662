import Brine
import BrineTestSupport
import Foundation
import Testing

/// The fixture written by python/reference/ordinal_encoder_reference.py (scikit-learn's outputs).
private struct OrdinalReference {
    let root: [String: Any]

    static func load() throws -> OrdinalReference {
        let url = try #require(Bundle.module.url(forResource: "ordinal_encoder_reference", withExtension: "json", subdirectory: "Fixtures"))
        return OrdinalReference(root: try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]))
    }

    func table(_ key: String) throws -> Table {
        let names = try #require(root["columns"] as? [String])
        let columns = try #require(root[key] as? [String: [Any]])
        return try Table(columns: try names.map { .categorical($0, try #require(columns[$0]).map { $0 as? String }) })
    }

    var cases: [[String: Any]] { get throws { try #require(root["cases"] as? [[String: Any]]) } }
}

/// Whether `table` has the names and, column by column, the codes of the fixture (null = NaN).
private func codesMatch(_ table: Table, names: Any?, columns: Any?) -> Bool {
    guard let names = names as? [String], let columns = columns as? [[Any]], table.columnNames == names else { return false }
    return zip(table.columns, columns).allSatisfy { column, expected in
        guard let values = column.numericValues, values.count == expected.count else { return false }
        return zip(values, expected).allSatisfy { value, cell in
            if let number = cell as? NSNumber { return value.bitPattern == number.doubleValue.bitPattern }
            return value.isNaN
        }
    }
}

@Suite struct OrdinalEncoderTests {
    @Test func everyOptionMatchesScikitLearn() throws {
        let reference = try OrdinalReference.load()
        let train = try reference.table("train")
        let test = try reference.table("test")
        let cases = try reference.cases
        #expect(cases.count == 4)
        for entry in cases {
            let encoder = entry["handle_unknown"] as? String == "use_encoded_value"
                ? OrdinalEncoder(handleUnknown: .useEncodedValue((entry["unknown_value"] as? NSNumber)?.doubleValue ?? .nan))
                : OrdinalEncoder()
            let model = try encoder.fit(train)
            #expect(model.categories == entry["categories"] as? [[String]], "\(encoder)")
            #expect(model.outputColumnNames == entry["feature_names_out"] as? [String])
            #expect(codesMatch(try model.transformTable(train), names: entry["feature_names_out"], columns: entry["train_output"]), "\(encoder)")
            if entry["test_output"] is [Any] {
                #expect(codesMatch(try model.transformTable(test), names: entry["feature_names_out"], columns: entry["test_output"]), "\(encoder)")
            } else {
                #expect(throws: EstimatorError.unknownCategory(column: "port", row: 2, value: "X")) { try model.transformTable(test) }
            }
            let archive = try model.archive()
            let decoded = try OrdinalEncoderModel.decode(from: archive)
            #expect(try decoded.archive() == archive)
            #expect(try decoded.transformTable(train) == model.transformTable(train))
            #expect(try ModelRegistry.shared.decode(archive) is OrdinalEncoderModel)
        }
    }

    @Test func conformsAsATableTransformer() throws {
        let train = try OrdinalReference.load().table("train")
        let report = ConformanceChecker.checkTableTransformer(
            makeEstimator: { OrdinalEncoder(handleUnknown: .useEncodedValue(-1)) }, on: train,
            invalidEstimators: [OrdinalEncoder(handleUnknown: .useEncodedValue(0.5)), OrdinalEncoder(handleUnknown: .useEncodedValue(.infinity))])
        #expect(report.passed, "\(report)")
    }

    @Test func columnsAreMatchedByNameAndKind() throws {
        let train = try Table(columns: [.categorical("a", ["x", "y", nil]), .categorical("b", ["p", "q", "p"])])
        let model = try OrdinalEncoder().fit(train)
        let reordered = try Table(columns: [.numeric("extra", [1]), .categorical("b", ["q"]), .categorical("a", [nil])])
        let codes = try model.transformTable(reordered)
        #expect(codes.columnNames == ["a", "b"])
        #expect(codes.columns[0].numericValues?.first?.isNaN == true && codes.columns[1].numericValues == [1])
        #expect(throws: EstimatorError.missingFeatures(["b"], available: ["a"])) { try model.transformTable(try train.selecting(["a"])) }
        let numeric = try Table(columns: [.categorical("a", ["x"]), .numeric("b", [1])])
        #expect(throws: EstimatorError.columnKindMismatch(column: "b", expected: .categorical, actual: .numeric)) { try model.transformTable(numeric) }
        #expect(throws: EstimatorError.columnKindMismatch(column: "n", expected: .categorical, actual: .numeric)) {
            try OrdinalEncoder().fit(try Table(columns: [.numeric("n", [1, 2])]))
        }
    }

    @Test func anUnknownValueThatIsACodeAndHostileFilesAreRefused() throws {
        let table = try Table(columns: [.categorical("a", ["x", "y", "z"])])
        #expect(throws: EstimatorError.self) { try OrdinalEncoder(handleUnknown: .useEncodedValue(1)).fit(table) }
        #expect(throws: EstimatorError.self) { try OrdinalEncoder(handleUnknown: .useEncodedValue(1e300)).fit(table) }
        let archive = try OrdinalEncoder(handleUnknown: .useEncodedValue(-1)).fit(table).archive()
        let edits: [(String, (inout ModelArchive) -> Void)] = [
            ("unknown value is a code", { $0.hyperparameters = .object(["handleUnknown": .string("useEncodedValue"), "unknownValue": .int(2)]) }),
            ("bad handleUnknown", { $0.hyperparameters = .object(["handleUnknown": .string("ignore"), "unknownValue": .null]) }),
            ("unsorted", { $0.attributes["categories"] = .array([.array([.string("z"), .string("a")])]) }),
            ("duplicate", { $0.attributes["categories"] = .array([.array([.string("a"), .string("a")])]) }),
            ("canonically equal", { $0.attributes["categories"] = .array([.array([.string("e\u{301}"), .string("\u{e9}")])]) }),
            ("not a string", { $0.attributes["categories"] = .array([.array([.null])]) }),
            ("list count", { $0.attributes["categories"] = .array([]) }),
            ("names count", { $0.featureNames = ["a", "b"] }),
            ("no feature count", { $0.attributes["featureCount"] = nil }),
        ]
        for (name, edit) in edits {
            var bad = archive
            edit(&bad)
            #expect(throws: PersistenceError.self, "\(name)") { try OrdinalEncoderModel.decode(from: bad) }
        }
    }
}
