import Brine
import Foundation

/// Loads labelled data for `train` and `evaluate`: a CSV file with string labels, or a bundled
/// dataset whose integer targets are mapped to their class names.
enum TrainingData {
    /// The dataset named by exactly one of `file` and `dataset`.
    static func load(file: String?, dataset: String?, target: String) throws -> Dataset<String> {
        switch (file, dataset) {
        case let (file?, nil):
            return try CSVLoader(targetColumn: target).load(URL(fileURLWithPath: file), labels: String.self)
        case let (nil, name?):
            let bundled = try BundledDatasets.load(name)
            let names = bundled.targetNames ?? []
            let labels = bundled.targets.map { $0 >= 0 && $0 < names.count ? names[$0] : String($0) }
            return try Dataset(features: bundled.features, targets: labels, featureNames: bundled.featureNames,
                               targetNames: nil, source: name)
        case (nil, nil):
            throw CLIError.dataSource("give the data with --data FILE.csv or --dataset NAME (\(BundledDatasets.names.joined(separator: ", ")))")
        case (_?, _?):
            throw CLIError.dataSource("give either --data or --dataset, not both")
        }
    }

    /// The columns of `file` named `columns`, in that order, as a matrix.
    ///
    /// - Throws: ``CLIError/missingColumns(file:missing:)`` listing every absent column, or a
    ///   ``DatasetError`` naming the row and column of a missing or non-numeric value.
    static func features(from file: String, columns: [String]) throws -> Matrix {
        let table = try CSVTable(url: URL(fileURLWithPath: file))
        let missing = columns.filter { !table.header.contains($0) }
        guard missing.isEmpty else { throw CLIError.missingColumns(file: file, missing: missing) }
        return try table.numericColumns(columns)
    }

    /// The column `name` of `file` as strings (the true labels for `evaluate`).
    static func labels(from file: String, column name: String) throws -> [String] {
        let table = try CSVTable(url: URL(fileURLWithPath: file))
        return try table.stringColumn(name)
    }
}
