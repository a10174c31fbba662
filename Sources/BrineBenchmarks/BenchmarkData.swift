import Brine
import Foundation

/// A benchmark dataset with its fixed train/test split, read from the peer's exported files.
struct BenchmarkData {
    let name: String
    let train: Dataset<Int>
    let test: Dataset<Int>
    let featureNames: [String]

    /// Loads `name` from `directory`: `<name>.csv` (bundled sets) or `<name>.X.f64` + `<name>.y.i64`
    /// (raw little-endian, the synthetic sets), with the split in `<name>.split.json`.
    static func load(_ name: String, from directory: URL) throws -> BenchmarkData {
        let metaURL = directory.appendingPathComponent("\(name).meta.json")
        guard let metaData = FileManager.default.contents(atPath: metaURL.path) else {
            throw BenchmarkError.missing(metaURL.path)
        }
        let meta = try JSONDecoder().decode(JSONValue.self, from: metaData)
        let full: Dataset<Int>
        if meta["format"]?.stringValue == "raw-binary" {
            guard let rows = meta["n_samples"]?.intValue, let columns = meta["n_features"]?.intValue else {
                throw BenchmarkError.missing("n_samples/n_features in \(metaURL.path)")
            }
            let xURL = directory.appendingPathComponent("\(name).X.f64")
            let yURL = directory.appendingPathComponent("\(name).y.i64")
            guard let xData = FileManager.default.contents(atPath: xURL.path),
                  let yData = FileManager.default.contents(atPath: yURL.path),
                  xData.count == rows * columns * 8, yData.count == rows * 8
            else { throw BenchmarkError.missing("\(xURL.path) / \(yURL.path) of the expected size") }
            let x = Matrix(rows: rows, columns: columns) { out in
                xData.withUnsafeBytes { raw in
                    for i in 0..<(rows * columns) { out[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
                }
            }
            let y: [Int] = yData.withUnsafeBytes { raw in
                (0..<rows).map { Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self))) }
            }
            let names = meta["feature_names"]?.arrayValue?.compactMap(\.stringValue) ?? (0..<columns).map { "x\($0)" }
            full = try Dataset(features: x, targets: y, featureNames: names.count == columns ? names : (0..<columns).map { "x\($0)" }, source: name)
        } else {
            full = try CSVLoader(targetColumn: "target").load(directory.appendingPathComponent("\(name).csv"))
        }
        let splitURL = directory.appendingPathComponent("\(name).split.json")
        guard let splitData = FileManager.default.contents(atPath: splitURL.path) else {
            throw BenchmarkError.missing(splitURL.path)
        }
        let split = try JSONDecoder().decode(JSONValue.self, from: splitData)
        guard let train = split["train"]?.arrayValue?.compactMap(\.intValue),
              let test = split["test"]?.arrayValue?.compactMap(\.intValue)
        else { throw BenchmarkError.missing("train/test in \(splitURL.path)") }
        return BenchmarkData(
            name: name, train: try full.subset(train), test: try full.subset(test), featureNames: full.featureNames)
    }

    /// `count` rows made by cycling through the test rows (the peer's fixed 10,000-row batch).
    func cyclingTestRows(_ count: Int) throws -> Matrix {
        try test.features.selectingRows((0..<count).map { $0 % test.sampleCount })
    }
}

/// Errors of the benchmark driver.
enum BenchmarkError: Error, CustomStringConvertible {
    case missing(String)
    case mismatch(String)
    var description: String {
        switch self {
        case let .missing(what): return "missing \(what) (run `make bench`, which exports the peer datasets first)"
        case let .mismatch(what): return "round trip mismatch: \(what)"
        }
    }
}
