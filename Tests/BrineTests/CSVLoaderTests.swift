import Foundation
import Testing
@testable import Brine

@Suite struct CSVLoaderTests {
    let loader = CSVLoader(targetColumn: "target")

    @Test func stringLabelsWithTargetInTheMiddle() throws {
        let text = "width,species,height\n1.5,cat,2\n3,dog,-4e-1\n0,\"bird, small\",7\n"
        let data: Dataset<String> = try CSVLoader(targetColumn: "species").parse(text, source: "test.csv")
        #expect(data.featureNames == ["width", "height"])
        #expect(data.targets == ["cat", "dog", "bird, small"])
        #expect(data.features == (try Matrix([[1.5, 2], [3, -0.4], [0, 7]])))
        #expect(data.source == "test.csv")
        #expect(data.targetNames == nil)
    }

    @Test func intLabelsQuotesWhitespaceAndCRLF() throws {
        let text = "\"a \"\"quoted\"\" name\",b,target\r\n 1 , 2 ,0\r\n3,4, 1\r\n\r\n"
        let data: Dataset<Int> = try loader.parse(text, source: "crlf.csv")
        #expect(data.featureNames == ["a \"quoted\" name", "b"])
        #expect(data.targets == [0, 1])
        #expect(data.features == (try Matrix([[1, 2], [3, 4]])))
    }

    @Test func missingValueNamesRowAndColumn() throws {
        // Row numbers count the header as row 1.
        #expect(throws: DatasetError.missingValue(row: 3, column: "b")) {
            let _: Dataset<Int> = try loader.parse("a,b,target\n1,2,0\n1,,0\n", source: "m.csv")
        }
        #expect(throws: DatasetError.missingValue(row: 2, column: "target")) {
            let _: Dataset<Int> = try loader.parse("a,b,target\n1,2, \n", source: "m.csv")
        }
        let message = DatasetError.missingValue(row: 3, column: "b").description
        #expect(message == "missing value at row 3, column \"b\"")
    }

    @Test func nonNumericValues() throws {
        #expect(throws: DatasetError.nonNumericValue(row: 2, column: "a", text: "abc")) {
            let _: Dataset<Int> = try loader.parse("a,b,target\nabc,2,0\n", source: "n.csv")
        }
        // Infinity is not accepted as a feature value; "nan" is one of pandas' missing tokens.
        #expect(throws: DatasetError.missingValue(row: 2, column: "b")) {
            let _: Dataset<Int> = try loader.parse("a,b,target\n1,nan,0\n", source: "n.csv")
        }
        for bad in ["inf", "-inf", "1e999"] {
            #expect(throws: DatasetError.nonNumericValue(row: 2, column: "b", text: bad)) {
                let _: Dataset<Int> = try loader.parse("a,b,target\n1,\(bad),0\n", source: "n.csv")
            }
        }
        // An Int label must be an integer.
        #expect(throws: DatasetError.nonNumericValue(row: 3, column: "target", text: "1.5")) {
            let _: Dataset<Int> = try loader.parse("a,target\n1,0\n2,1.5\n", source: "n.csv")
        }
    }

    @Test func emptyFilesAndMissingTargetColumn() throws {
        #expect(throws: DatasetError.emptyFile(path: "e.csv")) {
            let _: Dataset<Int> = try loader.parse("", source: "e.csv")
        }
        #expect(throws: DatasetError.emptyFile(path: "e.csv")) {
            let _: Dataset<Int> = try loader.parse("a,b,target\n\n", source: "e.csv")
        }
        #expect(throws: DatasetError.unknownColumn(name: "target", available: ["a", "b", "label"])) {
            let _: Dataset<Int> = try loader.parse("a,b,label\n1,2,0\n", source: "t.csv")
        }
        #expect(throws: DatasetError.wrongFieldCount(row: 3, expected: 3, actual: 2)) {
            let _: Dataset<Int> = try loader.parse("a,b,target\n1,2,0\n1,2\n", source: "w.csv")
        }
    }

    @Test func byteOrderMarkIsIgnored() throws {
        // Spreadsheet programs write "CSV UTF-8" with a byte order mark before the header.
        let text = "\u{FEFF}target,a\n1,2.5\n0,3\n"
        let data: Dataset<Int> = try loader.parse(text, source: "bom.csv")
        #expect(data.featureNames == ["a"])
        #expect(data.targets == [1, 0])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brine-bom-\(UInt64.random(in: 0...UInt64.max)).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0xEF, 0xBB, 0xBF] + Array("x,y\n1,2\n".utf8)).write(to: url)
        let features = try CSVLoader.loadFeatures(url)
        #expect(features.header == ["x", "y"])
        #expect(features.features == (try Matrix([[1, 2]])))
    }

    @Test func loadsFilesAndReportsMissingOnes() throws {
        let directory = FileManager.default.temporaryDirectory
        let url = directory.appendingPathComponent("brine-csv-\(UInt64.random(in: 0...UInt64.max)).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "f1,f2,target\n1,2,yes\n3,4,no\n".write(to: url, atomically: true, encoding: .utf8)
        let data = try loader.load(url, labels: String.self)
        #expect(data.targets == ["yes", "no"])
        #expect(data.source == url.path)
        let missing = directory.appendingPathComponent("brine-no-such-file.csv")
        #expect(throws: DatasetError.fileNotFound(path: missing.path)) { try loader.load(missing, labels: Int.self) }
        #expect(throws: DatasetError.fileNotFound(path: missing.path)) { try CSVLoader.loadFeatures(missing) }
        // Features only: no target column, same validation.
        try "x,y\n1,2\n3,\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: DatasetError.missingValue(row: 3, column: "y")) { try CSVLoader.loadFeatures(url) }
    }

    @Test func bundledDatasetMatchesItsMetadata() throws {
        let wine = try BundledDatasets.load("wine")
        let meta = try BundledDatasets.metadata("wine")
        #expect(wine.sampleCount == meta["n_samples"]?.intValue)
        #expect(wine.features.columns == meta["n_features"]?.intValue)
        #expect(wine.targetNames == ["class_0", "class_1", "class_2"])
        #expect(wine.targets.filter { $0 == 1 }.count == meta["class_counts"]?["1"]?.intValue)
    }
}

@Suite struct CSVLoaderWideFileTests {
    /// Issue 11, defect 3: matching 100,000 columns by name was quadratic (40 s); it goes through
    /// a dictionary now. Not timed: this asserts the columns come back right, in the order asked.
    @Test func hundredThousandColumnsMatchedByName() throws {
        let width = 100_000
        let names = (0..<width).map { "feature_\($0)" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brine-wide-\(UInt64.random(in: 0...UInt64.max)).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = (0..<3).map { r in (0..<width).map { String($0 * 3 + r) }.joined(separator: ",") }
        try Data((names.joined(separator: ",") + "\n" + rows.joined(separator: "\n") + "\n").utf8).write(to: url)
        let wanted = Array(names.reversed())
        let matrix = try CSVLoader.loadFeatures(url, columns: wanted)
        #expect(matrix.rows == 3 && matrix.columns == width)
        #expect(matrix[0, 0] == Double((width - 1) * 3))
        #expect(matrix[2, width - 1] == 2)
        #expect(matrix[1, width / 2] == Double((width - 1 - width / 2) * 3 + 1))
        #expect(throws: DatasetError.unknownColumn(name: "nope", available: names)) {
            try CSVLoader.loadFeatures(url, columns: ["feature_7", "nope"])
        }
    }

    @Test func malformedCSVIsATypedDatasetError() throws {
        let loader = CSVLoader(targetColumn: "t")
        #expect(throws: DatasetError.invalidCSV(path: "q.csv", .unterminatedQuote(row: 2, column: "t"))) {
            let _: Dataset<String> = try loader.parse("a,t\n1,\"x\n", source: "q.csv")
        }
        // Issue 11, defect 5: invalid UTF-8 in a header is refused, naming the column position.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brine-header-\(UInt64.random(in: 0...UInt64.max)).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Array("x,".utf8) + [0xFF, 0xFE] + Array("\n1,2\n".utf8)).write(to: url)
        #expect(throws: DatasetError.invalidCSV(path: url.path, .invalidUTF8InHeader(position: 2))) { try CSVLoader.loadFeatures(url) }
    }
}
