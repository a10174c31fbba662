import Foundation
import Testing
@testable import Brine

/// The scikit-learn reference values written by `python/reference/preprocessing_reference.py`.
struct PreprocessingReference: Decodable {
    /// A named column: numbers (null = NaN) or strings (null = missing).
    struct Column: Decodable {
        let name: String
        let kind: String
        let values: [JSONValue]

        var tableColumn: TableColumn {
            if kind == "numeric" { return .numeric(name, values.map { $0.doubleValue ?? .nan }) }
            return .categorical(name, values.map(\.stringValue))
        }
    }

    struct ImputerCase: Decodable {
        let columns: [String]
        let strategy: String
        let add_indicator: Bool
        let statistics: [JSONValue]
        let feature_names: [String]
        let train_output: [Column]
        let test_output: [Column]
    }

    struct OneHotCase: Decodable {
        let options: [String: JSONValue]
        let feature_names: [String]
        let categories: [[String?]]
        let infrequent_categories: [[String?]?]
        let drop_idx: [Int?]?
        let train_output: [Column]
        let test_output: [Column]?
        let test_error: String?
    }

    let sklearn_version: String
    let train: [Column]
    let test: [Column]
    let simple_imputer: [ImputerCase]
    let one_hot_encoder: [OneHotCase]

    var trainTable: Table { get throws { try Table(columns: train.map(\.tableColumn)) } }
    var testTable: Table { get throws { try Table(columns: test.map(\.tableColumn)) } }

    static func load() throws -> PreprocessingReference {
        let url = try #require(Bundle.module.url(
            forResource: "preprocessing_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(PreprocessingReference.self, from: Data(contentsOf: url))
    }

    /// Records an issue unless `table` has exactly the columns of `expected`: names, kinds, and
    /// every number bit for bit (NaN as null) and every string.
    static func expectExactly(_ table: Table, _ expected: [Column], _ what: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(table.columnNames == expected.map(\.name), "\(what): column names", sourceLocation: sourceLocation)
        for (column, reference) in zip(table.columns, expected) {
            let want = reference.tableColumn
            switch (column.values, want.values) {
            case let (.numeric(got), .numeric(wanted)):
                guard got.count == wanted.count else {
                    Issue.record("\(what): \(column.name) has \(got.count) rows, scikit-learn \(wanted.count)", sourceLocation: sourceLocation)
                    continue
                }
                for i in 0..<got.count {
                    let a: Double = got[i]
                    let b: Double = wanted[i]
                    let same = a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
                    if !same {
                        Issue.record("\(what): \(column.name)[\(i)] = \(a), scikit-learn \(b)", sourceLocation: sourceLocation)
                        break
                    }
                }
            case let (.categorical(got), .categorical(wanted)):
                #expect(got == wanted, "\(what): \(column.name)", sourceLocation: sourceLocation)
            default:
                Issue.record("\(what): \(column.name) is \(column.kind), scikit-learn \(want.kind)", sourceLocation: sourceLocation)
            }
        }
    }
}
