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

    /// The columns of `table` (read from `file`) named `columns`, in that order, as a matrix.
    /// Names are matched through the table's dictionary: linear however wide the file.
    ///
    /// - Throws: ``CLIError/missingColumns(file:missing:)`` listing every absent column, or a
    ///   ``DatasetError`` naming the row and column of a missing or non-numeric value.
    static func features(of table: Table, file: String, columns: [String]) throws -> Matrix {
        let missing = columns.filter { table.position(of: $0) == nil }
        guard missing.isEmpty else { throw CLIError.missingColumns(file: file, missing: missing) }
        return try CSVLoader.features(of: table, columns: columns, source: file)
    }

    /// The columns of `file` named `columns`, in that order, as a matrix.
    static func features(from file: String, columns: [String]) throws -> Matrix {
        try features(of: try CSVLoader.table(contentsOf: URL(fileURLWithPath: file)), file: file, columns: columns)
    }

    /// The feature columns `columns` and the label column `target` of `file`, read once.
    static func labelled(from file: String, columns: [String], target: String) throws -> (features: Matrix, labels: [String]) {
        let table = try CSVLoader.table(contentsOf: URL(fileURLWithPath: file), options: CSVReadOptions(categorical: [target]))
        let features = try features(of: table, file: file, columns: columns)
        let cells = try table.column(named: target).categoricalValues ?? []
        var labels: [String] = []
        labels.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() {
            guard let cell else { throw DatasetError.missingValue(row: index + 2, column: target) }
            labels.append(cell)
        }
        return (features, labels)
    }

    /// The column `name` of `file` as text, missing fields as empty text (`predict --keep`).
    static func passThrough(from file: String, column name: String) throws -> [String] {
        let table: Table
        do {
            table = try CSVLoader.table(contentsOf: URL(fileURLWithPath: file), options: CSVReadOptions(categorical: [name]))
        } catch let error as DatasetError {
            throw CLIError.badValue(flag: "--keep", value: name, reason: error.description)
        }
        guard table.position(of: name) != nil else {
            throw CLIError.badValue(flag: "--keep", value: name, reason: "\(file) has no such column (it has \(MessageQuoting.list(table.columnNames)))")
        }
        return (try table.column(named: name).categoricalValues ?? []).map { $0 ?? "" }
    }
}

extension TrainingData {
    /// The file `file` read as a raw table (kinds inferred, or forced by `categorical` / `numeric`)
    /// with its labels taken from `target` as text.
    ///
    /// - Throws: ``DatasetError`` for an unknown column, a missing label or malformed CSV.
    static func table(file: String, target: String, categorical: [String], numeric: [String]) throws -> TabularDataset<String> {
        try TabularDataset<String>(contentsOf: URL(fileURLWithPath: file), targetColumn: target,
                                   options: CSVReadOptions(categorical: categorical, numeric: numeric))
    }

    /// The columns `columns` of `raw` as a dataset of finite numbers (a clean numeric file).
    ///
    /// - Throws: ``DatasetError`` naming the row and column of a missing or non-numeric value.
    static func numeric(_ raw: TabularDataset<String>, columns: [String]) throws -> Dataset<String> {
        let features = try CSVLoader.features(of: raw.features, columns: columns, source: raw.source)
        return try Dataset(features: features, targets: raw.targets, featureNames: columns, source: raw.source)
    }
}
