import Foundation
import Testing
@testable import Brine

@Suite struct CSVReaderTests {
    @Test func quotedFieldsCRLFByteOrderMarkAndKinds() throws {
        let text = "\u{FEFF}name,\"size, cm\",sex\r\n\"Adélie, \"\"big\"\"\",1.5,male\r\n\"two\nlines\", 2 ,NA\r\n\r\n"
        let table = try CSVReader.read(text: text)
        #expect(table.columnNames == ["name", "size, cm", "sex"])
        #expect(table.rowCount == 2)
        #expect(try table.column(named: "name").categoricalValues == ["Adélie, \"big\"", "two\nlines"])
        #expect(try table.column(named: "size, cm").numericValues == [1.5, 2])
        #expect(try table.column(named: "sex").categoricalValues == ["male", nil])
    }

    @Test func pandasMissingTokensAndOverrides() throws {
        let tokens = CSVReadOptions.pandasMissingValues
        let text = "a,code\n" + tokens.enumerated().map { "\($0.element),\($0.offset)" }.joined(separator: "\n") + "\n7,12\n"
        let table = try CSVReader.read(text: text)
        let a = try #require(try table.column(named: "a").numericValues)
        #expect(a.count == tokens.count + 1)
        #expect(a.dropLast().allSatisfy { $0.isNaN })
        #expect(a.last == 7)
        let forced = try CSVReader.read(text: text, options: CSVReadOptions(categorical: ["code"]))
        #expect(try forced.column(named: "code").categoricalValues?.last == "12")
        let custom = try CSVReader.read(text: "x\n-999\n3\n", options: CSVReadOptions(missingValues: ["-999"]))
        #expect(try custom.column(named: "x").numericValues?.first?.isNaN == true)
        // Without the default tokens, "NA" is text.
        let noTokens = try CSVReader.read(text: "x\nNA\n3\n", options: CSVReadOptions(missingValues: []))
        #expect(try noTokens.column(named: "x").categoricalValues == ["NA", "3"])
        #expect(throws: CSVError.textInNumericColumn(row: 3, column: "x", text: "abc")) {
            try CSVReader.read(text: "x\n1\nabc\n", options: CSVReadOptions(numeric: ["x"]))
        }
        #expect(throws: CSVError.conflictingOverride("x")) {
            try CSVReader.read(text: "x\n1\n", options: CSVReadOptions(categorical: ["x"], numeric: ["x"]))
        }
        #expect(throws: CSVError.unknownOverrideColumns(["y"], available: ["x"])) {
            try CSVReader.read(text: "x\n1\n", options: CSVReadOptions(categorical: ["y"]))
        }
    }

    @Test func numbersBesideTextAndLineEnds() throws {
        let table = try CSVReader.read(text: "a,b,c\r\n1,12abc,3\r\n-2.5e3,7,1e\r\n4 , 8,+5")
        #expect(try table.column(named: "a").numericValues == [1, -2500, 4])
        #expect(try table.column(named: "b").categoricalValues == ["12abc", "7", "8"])
        #expect(try table.column(named: "c").categoricalValues == ["3", "1e", "+5"])
        #expect(throws: CSVError.raggedRow(row: 2, expected: 2, actual: 3)) { try CSVReader.read(text: "a,b\n1,2,3\n") }
        #expect(throws: CSVError.raggedRow(row: 3, expected: 2, actual: 1)) { try CSVReader.read(text: "a,b\n1,2\r\n3\r\n") }
    }

    @Test func delimiters() throws {
        for (delimiter, separator) in [(CSVReadOptions.Delimiter.semicolon, ";"), (.tab, "\t"), (.comma, ",")] {
            let text = ["a", "b"].joined(separator: separator) + "\n" + ["1,5", "x"].joined(separator: separator) + "\n"
            if delimiter == .comma { continue }
            let table = try CSVReader.read(text: text, options: CSVReadOptions(delimiter: delimiter))
            #expect(table.columnNames == ["a", "b"])
            #expect(try table.column(named: "a").categoricalValues == ["1,5"])
        }
    }

    @Test func numbersMatchDoubleFromString() throws {
        var generator = SystemRandomNumberGenerator()
        var strings: [String] = ["0", "-0", "1.", ".5", "+3", "1e5", "1E-5", "007", "0.1", "2.2250738585072014e-308",
                                 "1.7976931348623157e308", "1e999", "4.9e-324", "123456789012345678901234567890",
                                 "0.30000000000000004", "9007199254740993", "Infinity", "-inf", "3.14159265358979323846"]
        for _ in 0..<3000 {
            let digits = Int.random(in: 1...25, using: &generator)
            var s = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            if Bool.random(using: &generator) { s.insert(".", at: s.index(s.startIndex, offsetBy: Int.random(in: 0...digits, using: &generator))) }
            if Bool.random(using: &generator) { s += "e\(Int.random(in: -330...310, using: &generator))" }
            if Bool.random(using: &generator) { s = "-" + s }
            strings.append(s)
        }
        for s in strings {
            let bytes = Array(s.utf8)
            let ours = bytes.withUnsafeBufferPointer { CSVNumberParser.parse($0.baseAddress!, $0.count) }
            let reference = Double(s)
            #expect(ours?.bitPattern == reference?.bitPattern, "\(s)")
        }
        for bad in ["", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1,5", "abc", "nan1"] {
            let bytes = Array(bad.utf8)
            let ours = bytes.withUnsafeBufferPointer { $0.baseAddress.flatMap { CSVNumberParser.parse($0, bytes.count) } }
            #expect(ours == nil, "\(bad)")
        }
    }

    @Test func errorsNameRowAndColumn() throws {
        #expect(throws: CSVError.raggedRow(row: 3, expected: 2, actual: 3)) { try CSVReader.read(text: "a,b\n1,2\n1,2,3\n") }
        #expect(throws: CSVError.raggedRow(row: 2, expected: 2, actual: 1)) { try CSVReader.read(text: "a,b\n1\n") }
        #expect(throws: CSVError.unterminatedQuote(row: 3, column: "b")) { try CSVReader.read(text: "a,b\n1,2\n1,\"2\n3,4\n") }
        #expect(throws: CSVError.unexpectedQuote(row: 2, column: "a")) { try CSVReader.read(text: "a,b\n5'10\",2\n") }
        #expect(throws: CSVError.unexpectedQuote(row: 2, column: "b")) { try CSVReader.read(text: "a,b\n1,\"x\"y\n") }
        #expect(throws: CSVError.invalidUTF8(row: 3, column: "b")) { try CSVReader.read(data: Array("a,b\n1,x\n1,".utf8) + [0xC3, 0x28] + [10]) }
        #expect(throws: CSVError.nulByte(row: 2, column: "b")) { try CSVReader.read(data: Array("a,b\n1,x".utf8) + [0] + [10]) }
        #expect(throws: CSVError.invalidUTF8InHeader(position: 2)) { try CSVReader.read(data: Array("a,".utf8) + [0xFF, 0xFE] + Array("\n1,2\n".utf8)) }
        #expect(throws: CSVError.nulInHeader(position: 1)) { try CSVReader.read(data: [97, 0] + Array(",b\n1,2\n".utf8)) }
        #expect(throws: CSVError.duplicateColumnName("a", firstPosition: 1, secondPosition: 3)) { try CSVReader.read(text: "a,b,a\n1,2,3\n") }
        #expect(throws: CSVError.emptyColumnName(position: 2)) { try CSVReader.read(text: "a,,c\n1,2,3\n") }
        #expect(throws: CSVError.noDataRows) { try CSVReader.read(text: "a,b\n\n\n") }
        #expect(throws: CSVError.emptyFile) { try CSVReader.read(text: "") }
        #expect(throws: CSVError.emptyFile) { try CSVReader.read(text: "\n \r\n") }
        let missing = URL(fileURLWithPath: "/nonexistent/brine.csv")
        #expect(throws: CSVError.self) { try CSVReader.read(contentsOf: missing) }
        #expect(throws: CSVError.self) { try CSVReader.read(contentsOf: URL(fileURLWithPath: "/tmp")) }
        let long = CSVError.textInNumericColumn(row: 2, column: String(repeating: "x", count: 10_000), text: "y").description
        #expect(long.count < 300)
    }

    @Test func aHugeSingleLineIsBounded() throws {
        // 16 MB on one line and no newline: one header field, no data rows.
        let bytes = [UInt8](repeating: 120, count: 16 << 20)
        #expect(throws: CSVError.noDataRows) { try CSVReader.read(data: bytes) }
        // A data line far wider than the header stops at a ragged-row error.
        let wide = Array("a,b\n".utf8) + [UInt8](repeating: 44, count: 8 << 20)
        #expect(throws: CSVError.raggedRow(row: 2, expected: 2, actual: (8 << 20) + 1)) { try CSVReader.read(data: wide) }
    }

    @Test func manyChunksGiveTheSequentialAnswer() throws {
        // Over 1 MB so the reader splits it; quoted fields with newlines and doubled quotes straddle chunk boundaries.
        var text = "id,note,value\n"
        var notes: [String] = []
        var values: [Double] = []
        for i in 0..<60_000 {
            let note = i % 7 == 0 ? "multi\nline \"\(i)\"," : (i % 11 == 0 ? "" : "n\(i % 13)")
            notes.append(note)
            values.append(Double(i) * 0.37)
            let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "\(i),\(note.isEmpty ? "" : quoted),\(Double(i) * 0.37)\r\n"
        }
        let table = try CSVReader.read(text: text)
        #expect(table.rowCount == 60_000)
        #expect(try table.column(named: "id").numericValues == (0..<60_000).map(Double.init))
        #expect(try table.column(named: "value").numericValues == values)
        #expect(try table.column(named: "note").categoricalValues == notes.map { $0.isEmpty ? nil : $0 })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brine-chunks-\(UInt64.random(in: 0...UInt64.max)).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        #expect(try CSVReader.read(contentsOf: url) == table)
    }

    @Test func hundredThousandColumnsByName() throws {
        let width = 100_000
        let names = (0..<width).map { "c\($0)" }
        let text = names.joined(separator: ",") + "\n" + (0..<width).map { String($0) }.joined(separator: ",") + "\n"
        let table = try CSVReader.read(text: text)
        #expect(table.columnCount == width)
        let reversed = try table.selecting(names.reversed())
        #expect(reversed.columns.first?.numericValues == [Double(width - 1)])
        #expect(reversed.columns.last?.name == "c0")
    }
}

@Suite struct BundledTableTests {
    @Test func bundledDatasetsLoadAsTablesWithTheDatasetsValues() throws {
        for name in BundledDatasets.names {
            let table = try BundledDatasets.table(name)
            let dataset = try BundledDatasets.load(name)
            #expect(table.rowCount == dataset.sampleCount)
            #expect(table.columnNames.filter { $0 != "target" } == dataset.featureNames)
            let features = try table.dropping(["target"]).numericMatrix()
            #expect(features == dataset.features)
            #expect(try table.column(named: "target").numericValues == dataset.targets.map(Double.init))
        }
    }
}
