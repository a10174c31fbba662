import Foundation

/// Reads a CSV file with a header row into a ``Dataset`` (numeric features, one label column),
/// through ``CSVReader``.
///
/// The CSV rules are ``CSVReader``'s (RFC 4180, CRLF, a leading byte order mark, spaces trimmed
/// around unquoted fields, blank lines skipped). On top of them a dataset needs every feature
/// cell to be a finite number and no cell to be missing (pandas' missing tokens such as `NA`
/// count as missing): for tables with text columns or missing cells, read a ``Table`` with
/// ``CSVReader`` and encode it. Row numbers in errors count the header as row 1, as a
/// spreadsheet does.
public struct CSVLoader: Sendable {
    /// The name of the target column.
    public var targetColumn: String

    /// A loader that takes its labels from `targetColumn`.
    public init(targetColumn: String = "target") {
        self.targetColumn = targetColumn
    }

    /// Loads `url` with labels of type `Label` (`Int` labels must be written as integers).
    ///
    /// - Throws: ``DatasetError`` naming the row and column of a missing or non-numeric value,
    ///   an unknown target column, an empty or unreadable file, or malformed CSV.
    public func load<Label: ClassLabel & LosslessStringConvertible>(_ url: URL, labels: Label.Type = Label.self) throws -> Dataset<Label> {
        let options = CSVReadOptions(categorical: [targetColumn])
        let table = try Self.table(contentsOf: url, options: options)
        return try dataset(from: table, source: url.path) { column in
            try Self.table(contentsOf: url, options: CSVReadOptions(categorical: [targetColumn, column]))
        }
    }

    /// Parses CSV `text`; `source` names it in errors.
    ///
    /// - Throws: ``DatasetError`` as ``load(_:labels:)`` does.
    public func parse<Label: ClassLabel & LosslessStringConvertible>(_ text: String, source: String, labels: Label.Type = Label.self) throws -> Dataset<Label> {
        let bytes = Array(text.utf8)
        let table = try Self.converting(source) { try CSVReader.read(data: bytes, options: CSVReadOptions(categorical: [targetColumn])) }
        return try dataset(from: table, source: source) { column in
            try Self.converting(source) { try CSVReader.read(data: bytes, options: CSVReadOptions(categorical: [targetColumn, column])) }
        }
    }

    /// The dataset in `table`; `reread` reads the file again with one more column as text, to
    /// quote a non-finite number as it was written.
    private func dataset<Label: ClassLabel & LosslessStringConvertible>(
        from table: Table, source: String, reread: (String) throws -> Table
    ) throws -> Dataset<Label> {
        let targetCells = try table.column(named: targetColumn).categoricalValues ?? []
        var targets: [Label] = []
        targets.reserveCapacity(targetCells.count)
        for (index, cell) in targetCells.enumerated() {
            guard let cell else { throw DatasetError.missingValue(row: index + 2, column: targetColumn) }
            guard let label = Label(cell) else {
                throw DatasetError.nonNumericValue(row: index + 2, column: targetColumn, text: cell)
            }
            targets.append(label)
        }
        let featureNames = table.columnNames.filter { $0 != targetColumn }
        let features = try Self.features(of: table, columns: featureNames, source: source, reread: reread)
        return try Dataset(features: features, targets: targets, featureNames: featureNames, source: source)
    }

    /// Reads a CSV file of features only (no target column), for prediction.
    ///
    /// - Returns: the header and the matrix of values.
    /// - Throws: ``DatasetError`` naming the row and column of a missing or non-numeric value.
    public static func loadFeatures(_ url: URL) throws -> (header: [String], features: Matrix) {
        let table = try table(contentsOf: url)
        let matrix = try features(of: table, columns: table.columnNames, source: url.path) { column in
            try Self.table(contentsOf: url, options: CSVReadOptions(categorical: [column]))
        }
        return (table.columnNames, matrix)
    }

    /// The columns `columns` of the file at `url`, matched by name (through a dictionary: linear
    /// in the number of columns, however wide the file), in that order, as finite numbers.
    ///
    /// - Throws: ``DatasetError/unknownColumn(name:available:)`` for the first absent name, or
    ///   ``DatasetError`` naming the row and column of a missing or non-numeric value.
    public static func loadFeatures(_ url: URL, columns: [String]) throws -> Matrix {
        try features(of: try table(contentsOf: url), columns: columns, source: url.path) { column in
            try Self.table(contentsOf: url, options: CSVReadOptions(categorical: [column]))
        }
    }

    /// ``CSVReader/read(contentsOf:options:)`` with its errors as ``DatasetError`` (a missing file
    /// is ``DatasetError/fileNotFound(path:)``, a ragged row ``DatasetError/wrongFieldCount(row:expected:actual:)``,
    /// other CSV faults ``DatasetError/invalidCSV(path:_:)``).
    ///
    /// - Throws: ``DatasetError``.
    public static func table(contentsOf url: URL, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        try converting(url.path) { try CSVReader.read(contentsOf: url, options: options) }
    }

    /// The named columns of `table` as a matrix of finite numbers (a categorical column or a
    /// missing cell is an error naming its row).
    ///
    /// - Throws: ``DatasetError``.
    public static func features(of table: Table, columns: [String], source: String) throws -> Matrix {
        try features(of: table, columns: columns, source: source) { _ in nil }
    }

    private static func features(of table: Table, columns names: [String], source: String, reread: (String) throws -> Table?) throws -> Matrix {
        let rows = table.rowCount
        let width = names.count
        guard !rows.multipliedReportingOverflow(by: width).overflow else {
            throw EstimatorError.dataTooLarge(rows: rows, columns: width)
        }
        // Written in place: one copy of the payload besides the table (no temporary array).
        return try Matrix(rows: rows, columns: width) { elements in
            for (j, name) in names.enumerated() {
                guard let position = table.position(of: name) else {
                    throw DatasetError.unknownColumn(name: name, available: table.columnNames)
                }
                switch table.columns[position].values {
                case let .numeric(values):
                    for i in 0..<rows {
                        let value = values[i]
                        if value.isNaN { throw DatasetError.missingValue(row: i + 2, column: name) }
                        if !value.isFinite {
                            let text = (try? reread(name)?.column(named: name).categoricalValues?[i]) ?? nil
                            throw DatasetError.nonNumericValue(row: i + 2, column: name, text: text ?? "\(value)")
                        }
                        elements[i * width + j] = value
                    }
                case let .categorical(cells):
                    for i in 0..<rows {
                        guard let cell = cells[i] else { throw DatasetError.missingValue(row: i + 2, column: name) }
                        guard let value = Double(cell), value.isFinite else {
                            throw DatasetError.nonNumericValue(row: i + 2, column: name, text: cell)
                        }
                        elements[i * width + j] = value
                    }
                }
            }
        }
    }

    /// Runs `read`, turning ``CSVError`` into ``DatasetError`` for `source`.
    static func converting(_ source: String, _ read: () throws -> Table) throws -> Table {
        do { return try read() } catch let error as CSVError {
            switch error {
            case let .unreadableFile(path, _): throw DatasetError.fileNotFound(path: path)
            case .emptyFile, .noDataRows: throw DatasetError.emptyFile(path: source)
            case let .raggedRow(row, expected, actual): throw DatasetError.wrongFieldCount(row: row, expected: expected, actual: actual)
            case let .unknownOverrideColumns(names, available):
                throw DatasetError.unknownColumn(name: names.first ?? "", available: available)
            default: throw DatasetError.invalidCSV(path: source, error)
            }
        }
    }

    /// `text` without a leading byte order mark (U+FEFF), which spreadsheet programs write before the header.
    public static func withoutByteOrderMark(_ text: String) -> String {
        guard text.unicodeScalars.first == "\u{FEFF}" else { return text }
        return String(text.unicodeScalars.dropFirst())
    }

    /// Splits one CSV line into fields, honouring double quotes (`""` inside quotes stands for one quote).
    @available(*, deprecated, message: "read whole files with CSVReader (RFC 4180 on raw bytes)")
    public static func fields(of line: Substring) -> [String] {
        fieldsByCharacter(line)
    }

    private static func fieldsByCharacter(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else { current.append(character) }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else if character != "\r" {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
