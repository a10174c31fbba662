import Foundation
@testable import Brine

// Test doubles written against the contract's array names (docs/FORMAT.md, HELPERS.md), so the
// Python reader is tested before the real estimators are merged. They are never registered in
// the shared registry (their type names belong to the real models). Once the real models land,
// PythonReaderTests should compare those too.

/// A scaler with the contract's `StandardScaler` layout.
struct StubScaler: Transformer {
    static let modelTypeName = "StandardScaler"
    static let modelLayoutVersion = 1
    var mean: [Double]?
    var scale: [Double]?
    var featureCount: Int
    var featureNames: [String]? { nil }

    func transform(_ x: Matrix) throws -> Matrix {
        try Matrix(rows: x.rows, columns: x.columns, elements: (0..<(x.rows * x.columns)).map { index in
            var value = x[index / x.columns, index % x.columns]
            if let mean { value = value - mean[index % x.columns] }
            if let scale { value = value / scale[index % x.columns] }
            return value
        })
    }

    func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = ["withMean": .bool(mean != nil), "withStd": .bool(scale != nil)]
        archive.attributes = ["featureCount": .int(featureCount)]
        if let mean { archive.setArray("mean", .float64(DenseArray(mean))) }
        if let scale {
            archive.setArray("scale", .float64(DenseArray(scale)))
            archive.setArray("variance", .float64(DenseArray(scale.map { $0 * $0 })))
        }
    }

    static func decode(from archive: ModelArchive) throws -> StubScaler {
        let count = try archive.intAttribute("featureCount")
        return StubScaler(
            mean: archive.arrays["mean"] == nil ? nil : try archive.float64Array("mean", count: count).array,
            scale: archive.arrays["scale"] == nil ? nil : try archive.float64Array("scale", count: count).array,
            featureCount: count)
    }
}

/// A logistic model with the contract's `LogisticRegression` layout.
struct StubLogistic<Label: ClassLabel>: Classifier {
    static var modelTypeName: String { "LogisticRegression" }
    static var modelLayoutVersion: Int { 1 }
    static var modelLabelTypeName: String? { Label.labelTypeName }
    var classes: [Label]
    var coefficients: [[Double]]  // K' × F
    var intercepts: [Double]
    var featureCount: Int { coefficients.first?.count ?? 0 }
    var featureNames: [String]? { nil }

    func decision(_ x: Matrix) -> [[Double]] {
        (0..<x.rows).map { row in
            coefficients.indices.map { k in
                var sum = 0.0
                for j in 0..<featureCount { sum += x[row, j] * coefficients[k][j] }
                return sum + intercepts[k]
            }
        }
    }

    func predictProbabilities(_ x: Matrix) throws -> Matrix {
        let rows: [[Double]] = decision(x).map { d in
            if d.count == 1 {
                let p = 1 / (1 + Foundation.exp(-d[0]))
                return [1 - p, p]
            }
            let top = d.max() ?? 0
            let e = d.map { Foundation.exp($0 - top) }
            let total = e.reduce(0, +)
            return e.map { $0 / total }
        }
        return try Matrix(rows)
    }

    func predict(_ x: Matrix) throws -> [Label] {
        decision(x).map { d in
            if d.count == 1 { return classes[d[0] > 0 ? 1 : 0] }
            return classes[d.indices.max { d[$0] < d[$1] } ?? 0]
        }
    }

    func encode(into archive: inout ModelArchive) throws {
        try archive.setClasses(classes)
        archive.setArray("coefficients", .float64(DenseArray(coefficients.flatMap { $0 })), shape: [coefficients.count, featureCount])
        archive.setArray("intercepts", .float64(DenseArray(intercepts)))
    }

    static func decode(from archive: ModelArchive) throws -> StubLogistic {
        let classes = try archive.decodedClasses(as: Label.self)
        let shape = archive.arrays["coefficients"]?.shape ?? []
        guard shape.count == 2 else { throw PersistenceError.inconsistentModel("coefficients must be 2-D") }
        let flat = try archive.float64Array("coefficients").array
        let coefficients = (0..<shape[0]).map { Array(flat[($0 * shape[1])..<(($0 + 1) * shape[1])]) }
        return StubLogistic(classes: classes, coefficients: coefficients,
                            intercepts: try archive.float64Array("intercepts", count: shape[0]).array)
    }
}

/// A forest with the contract's `RandomForest` layout (hand-built trees).
struct StubForest<Label: ClassLabel>: Classifier {
    static var modelTypeName: String { "RandomForest" }
    static var modelLayoutVersion: Int { 1 }
    static var modelLabelTypeName: String? { Label.labelTypeName }
    var classes: [Label]
    var featureCount: Int
    var featureNames: [String]? { nil }
    var treeOffsets: [Int64]
    var left: [Int32], right: [Int32], features: [Int32]
    var thresholds: [Double]
    var values: [[Double]]  // N × K

    func predictProbabilities(_ x: Matrix) throws -> Matrix {
        let trees = treeOffsets.count - 1
        var out: [[Double]] = []
        for row in 0..<x.rows {
            var total = [Double](repeating: 0, count: classes.count)
            for t in 0..<trees {
                let base = Int(treeOffsets[t])
                var node = 0
                while features[base + node] >= 0 {
                    node = Int(x[row, Int(features[base + node])] <= thresholds[base + node] ? left[base + node] : right[base + node])
                }
                for k in 0..<classes.count { total[k] += values[base + node][k] }
            }
            out.append(total.map { $0 / Double(trees) })
        }
        return try Matrix(out)
    }

    func predict(_ x: Matrix) throws -> [Label] {
        let p = try predictProbabilities(x)
        return (0..<p.rows).map { row in classes[(0..<p.columns).max { p[row, $0] < p[row, $1] || (p[row, $0] == p[row, $1] && $0 > $1) } ?? 0] }
    }

    func encode(into archive: inout ModelArchive) throws {
        try archive.setClasses(classes)
        archive.attributes = ["featureCount": .int(featureCount)]
        archive.setArray("treeOffsets", .int64(DenseArray(treeOffsets)))
        archive.setArray("leftChildren", .int32(DenseArray(left)))
        archive.setArray("rightChildren", .int32(DenseArray(right)))
        archive.setArray("features", .int32(DenseArray(features)))
        archive.setArray("thresholds", .float64(DenseArray(thresholds)))
        archive.setArray("values", .float64(DenseArray(values.flatMap { $0 })), shape: [values.count, classes.count])
        archive.setArray("featureImportances", .float64(DenseArray(repeating: 1 / Double(featureCount), count: featureCount)))
    }

    static func decode(from archive: ModelArchive) throws -> StubForest {
        throw PersistenceError.unsupportedOption("the test stub is written, not read")
    }
}

/// A pipeline with the contract's `Pipeline` layout: named steps as children.
struct StubPipeline<Label: ClassLabel>: Classifier {
    static var modelTypeName: String { "Pipeline" }
    static var modelLayoutVersion: Int { 1 }
    static var modelLabelTypeName: String? { Label.labelTypeName }
    var transformers: [(String, any Transformer)]
    var final: (String, any Classifier<Label>)
    var classes: [Label] { final.1.classes }
    var featureCount: Int { transformers.first?.1.featureCount ?? final.1.featureCount }
    var featureNames: [String]? { nil }

    func transformed(_ x: Matrix) throws -> Matrix {
        try transformers.reduce(x) { try $1.1.transform($0) }
    }
    func predict(_ x: Matrix) throws -> [Label] { try final.1.predict(transformed(x)) }
    func predictProbabilities(_ x: Matrix) throws -> Matrix { try final.1.predictProbabilities(transformed(x)) }

    func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = ["steps": .array((transformers.map(\.0) + [final.0]).map { .string($0) })]
        try archive.setClasses(classes)
        for (name, step) in transformers { try archive.appendChild(named: name, model: step) }
        try archive.appendChild(named: final.0, model: final.1)
    }

    static func decode(from archive: ModelArchive) throws -> StubPipeline {
        throw PersistenceError.unsupportedOption("the test stub is written, not read")
    }
}
