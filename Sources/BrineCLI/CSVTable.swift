import Brine
import Foundation

/// A CSV file read as text fields, so columns can be picked by name before any is parsed as a number.
struct CSVTable {
    /// The header fields.
    let header: [String]
    /// The data rows' fields.
    let rows: [[String]]
    /// The file, for error messages.
    let path: String

    /// Reads `url`; rows must have as many fields as the header.
    init(url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw DatasetError.fileNotFound(path: url.path) }
        path = url.path
        var lines = CSVLoader.withoutByteOrderMark(String(decoding: data, as: UTF8.self)).split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\r" }) { lines.removeLast() }
        guard let first = lines.first, lines.count > 1 else { throw DatasetError.emptyFile(path: url.path) }
        header = CSVTable.fields(of: first)
        var rows: [[String]] = []
        rows.reserveCapacity(lines.count - 1)
        for (index, line) in lines.enumerated().dropFirst() {
            let fields = CSVTable.fields(of: line)
            guard fields.count == header.count else {
                throw DatasetError.wrongFieldCount(row: index + 1, expected: header.count, actual: fields.count)
            }
            rows.append(fields)
        }
        self.rows = rows
    }

    /// The named columns parsed as finite numbers, one matrix row per data row.
    func numericColumns(_ names: [String]) throws -> Matrix {
        let indices = try names.map { name -> Int in
            guard let index = header.firstIndex(of: name) else { throw DatasetError.unknownColumn(name: name, available: header) }
            return index
        }
        var values: [Double] = []
        values.reserveCapacity(rows.count * indices.count)
        for (rowIndex, row) in rows.enumerated() {
            for column in indices {
                let field = row[column]
                guard !field.isEmpty else { throw DatasetError.missingValue(row: rowIndex + 2, column: header[column]) }
                guard let value = Double(field), value.isFinite else {
                    throw DatasetError.nonNumericValue(row: rowIndex + 2, column: header[column], text: field)
                }
                values.append(value)
            }
        }
        return try Matrix(rows: rows.count, columns: indices.count, elements: values)
    }

    /// The named column as text.
    func stringColumn(_ name: String) throws -> [String] {
        guard let index = header.firstIndex(of: name) else { throw DatasetError.unknownColumn(name: name, available: header) }
        return try rows.enumerated().map { rowIndex, row in
            guard !row[index].isEmpty else { throw DatasetError.missingValue(row: rowIndex + 2, column: name) }
            return row[index]
        }
    }

    /// The fields of one line, trimmed (the library's CSV rules).
    static func fields(of line: Substring) -> [String] {
        CSVLoader.fields(of: line).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
