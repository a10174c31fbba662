import Foundation

/// Reads a CSV file with a header row into a ``Dataset``.
///
/// Fields are separated by commas; a field may be quoted with `"` (a doubled `""` inside
/// stands for one quote). A leading UTF-8 byte order mark is ignored. Every column but the target must hold finite numbers. Row numbers
/// in errors count the header as row 1, as a spreadsheet does.
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
    ///   an unknown target column, an empty or unreadable file.
    public func load<Label: ClassLabel & LosslessStringConvertible>(_ url: URL, labels: Label.Type = Label.self) throws -> Dataset<Label> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DatasetError.fileNotFound(path: url.path)
        }
        return try parse(String(decoding: data, as: UTF8.self), source: url.path, labels: Label.self)
    }

    /// Parses CSV `text`; `source` names it in errors.
    ///
    /// - Throws: ``DatasetError`` as ``load(_:labels:)`` does.
    public func parse<Label: ClassLabel & LosslessStringConvertible>(_ text: String, source: String, labels: Label.Type = Label.self) throws -> Dataset<Label> {
        var lines = Self.withoutByteOrderMark(text)
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\r" }) { lines.removeLast() }
        guard let headerLine = lines.first else { throw DatasetError.emptyFile(path: source) }
        let header = Self.fields(of: headerLine).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let targetIndex = header.firstIndex(of: targetColumn) else {
            throw DatasetError.unknownColumn(name: targetColumn, available: header)
        }
        guard lines.count > 1 else { throw DatasetError.emptyFile(path: source) }
        let featureNames = header.enumerated().filter { $0.offset != targetIndex }.map(\.element)
        var values: [Double] = []
        values.reserveCapacity((lines.count - 1) * featureNames.count)
        var targets: [Label] = []
        targets.reserveCapacity(lines.count - 1)
        for (lineIndex, line) in lines.enumerated().dropFirst() {
            let row = lineIndex + 1
            let fields = Self.fields(of: line)
            guard fields.count == header.count else {
                throw DatasetError.wrongFieldCount(row: row, expected: header.count, actual: fields.count)
            }
            for (column, rawField) in fields.enumerated() {
                let field = rawField.trimmingCharacters(in: .whitespaces)
                guard !field.isEmpty else { throw DatasetError.missingValue(row: row, column: header[column]) }
                if column == targetIndex {
                    guard let label = Label(field) else {
                        throw DatasetError.nonNumericValue(row: row, column: header[column], text: field)
                    }
                    targets.append(label)
                } else {
                    guard let value = Double(field), value.isFinite else {
                        throw DatasetError.nonNumericValue(row: row, column: header[column], text: field)
                    }
                    values.append(value)
                }
            }
        }
        let features = try Matrix(rows: targets.count, columns: featureNames.count, elements: values)
        return try Dataset(features: features, targets: targets, featureNames: featureNames, source: source)
    }

    /// Reads a CSV file of features only (no target column), for prediction.
    ///
    /// - Returns: the header and the matrix of values.
    /// - Throws: ``DatasetError`` naming the row and column of a missing or non-numeric value.
    public static func loadFeatures(_ url: URL) throws -> (header: [String], features: Matrix) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DatasetError.fileNotFound(path: url.path)
        }
        var lines = withoutByteOrderMark(String(decoding: data, as: UTF8.self))
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\r" }) { lines.removeLast() }
        guard let headerLine = lines.first, lines.count > 1 else { throw DatasetError.emptyFile(path: url.path) }
        let header = fields(of: headerLine).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for (lineIndex, line) in lines.enumerated().dropFirst() {
            let row = lineIndex + 1
            let parts = fields(of: line)
            guard parts.count == header.count else {
                throw DatasetError.wrongFieldCount(row: row, expected: header.count, actual: parts.count)
            }
            for (column, rawField) in parts.enumerated() {
                let field = rawField.trimmingCharacters(in: .whitespaces)
                guard !field.isEmpty else { throw DatasetError.missingValue(row: row, column: header[column]) }
                guard let value = Double(field), value.isFinite else {
                    throw DatasetError.nonNumericValue(row: row, column: header[column], text: field)
                }
                values.append(value)
            }
        }
        return (header, try Matrix(rows: lines.count - 1, columns: header.count, elements: values))
    }

    /// `text` without a leading byte order mark (U+FEFF), which spreadsheet programs write before the header.
    public static func withoutByteOrderMark(_ text: String) -> String {
        guard text.unicodeScalars.first == "\u{FEFF}" else { return text }
        return String(text.unicodeScalars.dropFirst())
    }

    /// Splits one CSV line into fields, honouring double quotes (`""` inside quotes stands for one quote).
    public static func fields(of line: Substring) -> [String] {
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
