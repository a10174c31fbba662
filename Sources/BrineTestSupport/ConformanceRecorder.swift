import Brine

/// Runs checks and collects their outcomes; shared helpers for the classifier and transformer checks.
struct ConformanceRecorder {
    private(set) var checks: [ConformanceCheck] = []

    /// Runs `body`; a thrown ``ConformanceFailure`` or any other error fails the check.
    mutating func check(_ name: String, _ body: () throws -> Void) {
        do {
            try body()
            checks.append(ConformanceCheck(name: name, passed: true))
        } catch let failure as ConformanceFailure {
            checks.append(ConformanceCheck(name: name, passed: false, detail: failure.description))
        } catch {
            checks.append(ConformanceCheck(name: name, passed: false, detail: "unexpected error: \(error)"))
        }
    }

    /// Fails unless `condition`.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(message()) }
    }

    /// Fails unless `body` throws an ``EstimatorError`` accepted by `matches`.
    static func expectEstimatorError(
        _ what: String, expected: String, matches: (EstimatorError) -> Bool, _ body: () throws -> Void
    ) throws {
        do {
            try body()
        } catch let error as EstimatorError {
            try require(matches(error), "\(what): threw \(error), expected \(expected)")
            return
        } catch {
            throw ConformanceFailure("\(what): threw \(type(of: error)) \(error), expected EstimatorError \(expected)")
        }
        throw ConformanceFailure("\(what): did not throw, expected EstimatorError \(expected)")
    }

    /// `x` with element (`row`, `column`) replaced by `value`.
    static func replacing(_ x: Matrix, row: Int, column: Int, with value: Double) throws -> Matrix {
        guard row >= 0, row < x.rows, column >= 0, column < x.columns else {
            throw ConformanceFailure("the data has no element (\(row), \(column)) to replace")
        }
        var elements = Array(x.elements)
        elements[row * x.columns + column] = value
        return try Matrix(rows: x.rows, columns: x.columns, elements: elements)
    }

    /// `x` with one more column (a copy of the first) or one column fewer.
    static func withColumnCount(_ x: Matrix, _ columns: Int) throws -> Matrix {
        try x.selectingColumns((0..<columns).map { $0 < x.columns ? $0 : 0 })
    }

    /// Bit-for-bit equality of two matrices (distinguishes -0 from +0 and compares NaN payloads).
    static func bitwiseEqual(_ a: Matrix, _ b: Matrix) -> Bool {
        a.rows == b.rows && a.columns == b.columns
            && a.elements.elementsEqual(b.elements) { $0.bitPattern == $1.bitPattern }
    }

    /// The archive of `model`.
    static func archive(of model: some Persistable) throws -> ModelArchive {
        var archive = ModelArchive(for: type(of: model))
        try model.encode(into: &archive)
        return archive
    }

    /// Decodes `archive` as the same type as `model`.
    static func decodeAsTypeOf<Model: Persistable>(_ model: Model, _ archive: ModelArchive) throws -> any Persistable {
        try Model.decode(from: archive)
    }

    /// `archive` without its fit statistics (which may hold timings), recursively.
    static func withoutFitStatistics(_ archive: ModelArchive) -> ModelArchive {
        var copy = archive
        copy.fitStatistics = [:]
        copy.children = copy.children.map { .init(name: $0.name, archive: withoutFitStatistics($0.archive)) }
        return copy
    }

    /// Where two archives differ, for a failure message.
    static func difference(_ a: ModelArchive, _ b: ModelArchive) -> String {
        var parts: [String] = []
        if a.typeName != b.typeName || a.layoutVersion != b.layoutVersion { parts.append("type or layout version") }
        if a.hyperparameters != b.hyperparameters { parts.append("hyperparameters") }
        if a.featureNames != b.featureNames { parts.append("featureNames") }
        if a.classes != b.classes || a.labelTypeName != b.labelTypeName { parts.append("classes") }
        if a.attributes != b.attributes { parts.append("attributes") }
        let names = Set(a.arrays.keys).union(b.arrays.keys).sorted()
        for name in names where a.arrays[name] != b.arrays[name] { parts.append("array \(name)") }
        if a.children.map(\.name) != b.children.map(\.name) { parts.append("children names") }
        for (x, y) in zip(a.children, b.children) where x.archive != y.archive {
            parts.append("child \(x.name) (\(difference(x.archive, y.archive)))")
        }
        return parts.isEmpty ? "no visible difference" : parts.joined(separator: ", ")
    }
}
