import Foundation
import Testing
import BrineTestSupport
@testable import Brine

/// The fixture written by python/reference/column_transformer_reference.py: scikit-learn's
/// ColumnTransformer outputs and get_feature_names_out on a mixed table with NaN, missing text and
/// (in the test rows) unseen categories.
private struct ColumnTransformerReference {
    let root: [String: Any]

    static func load() throws -> ColumnTransformerReference {
        let url = try #require(Bundle.module.url(forResource: "column_transformer_reference", withExtension: "json", subdirectory: "Fixtures"))
        return ColumnTransformerReference(root: try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]))
    }

    var sklearnVersion: String { root["sklearn_version"] as? String ?? "?" }

    func table(_ key: String) throws -> Table {
        let names = try #require(root["columns"] as? [String])
        let numeric = Set(try #require(root["numeric"] as? [String]))
        let columns = try #require(root[key] as? [String: [Any]])
        return try Table(columns: try names.map { name in
            let cells = try #require(columns[name])
            return numeric.contains(name)
                ? .numeric(name, cells.map { ($0 as? NSNumber)?.doubleValue ?? .nan })
                : .categorical(name, cells.map { $0 as? String })
        })
    }

    var cases: [[String: Any]] { get throws { try #require(root["cases"] as? [[String: Any]]) } }

    /// Brine's estimator for a step spec of the fixture.
    static func estimator(_ spec: [String: Any]) throws -> any TransformerEstimator {
        switch spec["type"] as? String {
        case "Pipeline":
            let steps = try #require(spec["steps"] as? [[String: Any]])
            return Pipeline(steps: try steps.map { (try #require($0["name"] as? String), .transformer(try estimator($0))) })
        case "SimpleImputer":
            let strategy: ImputationStrategy
            switch spec["strategy"] as? String {
            case "mean": strategy = .mean
            case "median": strategy = .median
            case "most_frequent": strategy = .mostFrequent
            default: strategy = .constant
            }
            return SimpleImputer(strategy: strategy, categoricalFillValue: spec["fill_value"] as? String ?? "missing_value",
                                 addIndicator: spec["add_indicator"] as? Bool ?? false)
        case "StandardScaler":
            return StandardScaler()
        case "OneHotEncoder":
            return OneHotEncoder(handleUnknown: spec["handle_unknown"] as? String == "ignore" ? .ignore : .error,
                                 drop: spec["drop"] as? String == "if_binary" ? .ifBinary : .none)
        case "OrdinalEncoder":
            return OrdinalEncoder(handleUnknown: .useEncodedValue(try #require(spec["unknown_value"] as? NSNumber).doubleValue))
        case let other:
            throw EstimatorError.invalidPipeline("unknown spec \(other ?? "nil")")
        }
    }

    /// Brine's column transformer for a case of the fixture.
    static func columnTransformer(_ entry: [String: Any]) throws -> ColumnTransformer {
        let entries = try #require(entry["entries"] as? [[String: Any]])
        return ColumnTransformer(try entries.map { item in
            let step: ColumnTransformer.Step
            switch item["step"] {
            case let text as String: step = text == "passthrough" ? .passthrough : .drop
            case let spec as [String: Any]: step = .transformer(try estimator(spec))
            default: throw EstimatorError.invalidPipeline("bad step")
            }
            let columns = try #require(item["columns"] as? [String: Any])
            let selection: ColumnSelection
            if let names = columns["names"] as? [String] {
                selection = .names(names)
            } else {
                selection = .kind(try #require((columns["kind"] as? String).flatMap(ColumnKind.init(rawValue:))))
            }
            return .init(name: try #require(item["name"] as? String), step: step, columns: selection)
        }, remainder: entry["remainder"] as? String == "passthrough" ? .passthrough : .drop,
           verboseFeatureNames: entry["verbose_feature_names_out"] as? Bool ?? true)
    }
}

/// The first difference between `table` and the fixture's columns (numbers bit for bit, NaN as
/// null; text exactly, missing as null), or `nil` when they are equal. Columns at `scaled`
/// positions come from a `StandardScaler`: numpy sums its input in an order that depends on the
/// memory layout of the array scikit-learn hands it (column by column, pairwise, for a DataFrame's
/// F-ordered values; row by row after `np.hstack`, for instance behind `add_indicator`), which a
/// table does not have; a single column is summed pairwise too). Brine's scaler sums row by row,
/// so these agree to `1e-14 × max(|value|, 1)` (on this fixture 245 scaled values differ, by at
/// most 3.6e-15; every other number is equal bit for bit).
private func difference(_ table: Table, _ expected: Any?, scaled: Set<Int> = []) -> String? {
    guard let columns = expected as? [[String: Any]] else { return "no expected columns" }
    guard table.columnCount == columns.count else { return "\(table.columnCount) columns, expected \(columns.count)" }
    for (position, (column, reference)) in zip(table.columns, columns).enumerated() {
        let cells = reference["values"] as? [Any] ?? []
        guard column.kind.rawValue == reference["kind"] as? String, column.count == cells.count else {
            return "\(column.name): kind \(column.kind) or length \(column.count) differs"
        }
        switch column.values {
        case let .numeric(values):
            for (i, (value, cell)) in zip(values, cells).enumerated() {
                let expected = (cell as? NSNumber)?.doubleValue ?? .nan
                let close = scaled.contains(position) && abs(value - expected) <= 1e-14 * max(abs(expected), 1)
                if !(value.bitPattern == expected.bitPattern || (value.isNaN && expected.isNaN) || close) {
                    return "\(column.name) row \(i): \(value) (bits \(value.bitPattern)), scikit-learn \(expected) (bits \(expected.bitPattern))"
                }
            }
        case let .categorical(values):
            for (i, (value, cell)) in zip(values, cells).enumerated() where value != cell as? String {
                return "\(column.name) row \(i): \(value ?? "nil"), scikit-learn \(cell)"
            }
        }
    }
    return nil
}

@Suite struct ColumnTransformerParityTests {
    @Test func everyCaseMatchesScikitLearnExactly() throws {
        let reference = try ColumnTransformerReference.load()
        let train = try reference.table("train")
        let test = try reference.table("test")
        let cases = try reference.cases
        #expect(cases.count == 7)
        for entry in cases {
            let what = "\(entry["name"] ?? "?") (scikit-learn \(reference.sklearnVersion))"
            let model = try ColumnTransformerReference.columnTransformer(entry).fit(train)
            #expect(model.outputColumnNames == entry["feature_names_out"] as? [String], "\(what): names")
            let trainOutput = try model.transformTable(train)
            let testOutput = try model.transformTable(test)
            #expect(trainOutput.columnNames == model.outputColumnNames)
            // The output positions of the entries that scale (their spec names a StandardScaler).
            var scaled = Set<Int>()
            var position = 0
            for (fitted, spec) in zip(model.entries, try #require(entry["entries"] as? [[String: Any]])) {
                let count = fitted.unprefixedOutputNames.count
                if "\(spec["step"] ?? "")".contains("StandardScaler") { scaled.formUnion(position..<(position + count)) }
                position += count
            }
            let trainDifference = difference(trainOutput, entry["train_output"], scaled: scaled)
            let testDifference = difference(testOutput, entry["test_output"], scaled: scaled)
            #expect(trainDifference == nil, "\(what) train: \(trainDifference ?? "")")
            #expect(testDifference == nil, "\(what) test: \(testDifference ?? "")")
            // The saved model gives the same outputs and the same archive.
            let archive = try model.archive()
            let decoded = try #require(try ModelRegistry.shared.decode(archive) as? ColumnTransformerModel)
            #expect(try decoded.archive() == archive, "\(what)")
            #expect(try decoded.transformTable(test) == testOutput, "\(what)")
        }
    }
}
