import Foundation
import Testing
@testable import Brine

/// Keeps borrowed test memory alive, standing in for a memory-mapped file.
private final class BufferOwner: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    let count: Int
    init(_ values: [Double]) {
        count = values.count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(from: values, count: count)
    }
    deinit { pointer.deallocate() }
}

@Suite struct LogisticRegressionPersistenceTests {
    static func multiclassModel() throws -> (LogisticRegressionModel<Int>, Matrix) {
        let split = try StandardizedSplit("wine")
        let names = try BundledDatasets.load("wine").featureNames
        return (try LogisticRegression(maxIterations: 1000).fit(split.xTrain, split.yTrain, featureNames: names), split.xTest)
    }

    static func binaryStringModel() throws -> (LogisticRegressionModel<String>, Matrix) {
        let split = try StandardizedSplit("breast_cancer")
        let names = ["malignant", "benign"]
        return (try LogisticRegression(c: 0.5, maxIterations: 7).fit(split.xTrain, split.yTrain.map { names[$0] }), split.xTest)
    }

    static func archive<M: Persistable>(_ model: M) throws -> ModelArchive {
        var archive = ModelArchive(for: M.self)
        try model.encode(into: &archive)
        return archive
    }

    static func expectIdentical<L>(_ a: LogisticRegressionModel<L>, _ b: LogisticRegressionModel<L>, on x: Matrix) throws {
        #expect(a.classes == b.classes)
        #expect(a.coefficients.rows == b.coefficients.rows && a.coefficients.columns == b.coefficients.columns)
        #expect(a.coefficients.elements.map(\.bitPattern) == b.coefficients.elements.map(\.bitPattern))
        #expect(a.intercepts.map(\.bitPattern) == b.intercepts.map(\.bitPattern))
        #expect(a.hyperparameters == b.hyperparameters)
        #expect(a.featureNames == b.featureNames)
        #expect(a.iterations == b.iterations && a.converged == b.converged && a.convergenceWarning == b.convergenceWarning)
        #expect(a.sampleCount == b.sampleCount && a.trainingSeconds == b.trainingSeconds)
        #expect(try a.predict(x) == b.predict(x))
        #expect(try a.predictProbabilities(x).elements.map(\.bitPattern) == b.predictProbabilities(x).elements.map(\.bitPattern))
        #expect(try a.decisionFunction(x).elements.map(\.bitPattern) == b.decisionFunction(x).elements.map(\.bitPattern))
    }

    @Test func multiclassArchiveRoundTripIsExact() throws {
        let (model, xTest) = try Self.multiclassModel()
        let archive = try Self.archive(model)
        #expect(archive.typeName == "LogisticRegression" && archive.layoutVersion == 1)
        #expect(archive.labelTypeName == "Int")
        #expect(archive.classes == [0, 1, 2])
        #expect(archive.arrays["coefficients"]?.shape == [3, 13])
        #expect(archive.arrays["intercepts"]?.shape == [3])
        #expect(archive.fitStatistics["samples"] == .int(133))
        #expect(archive.fitStatistics["iterations"] == .int(model.iterations))
        #expect(archive.hyperparameters["maxIterations"] == .int(1000))
        let decoded = try LogisticRegressionModel<Int>.decode(from: archive)
        try Self.expectIdentical(model, decoded, on: xTest)
        #expect(try Self.archive(decoded) == archive)
    }

    @Test func binaryStringArchiveRoundTripIsExact() throws {
        let (model, xTest) = try Self.binaryStringModel()
        #expect(!model.converged && model.convergenceWarning != nil)
        let archive = try Self.archive(model)
        #expect(archive.labelTypeName == "String")
        #expect(archive.arrays["coefficients"]?.shape == [1, 30])
        #expect(archive.fitStatistics["converged"] == .bool(false))
        let decoded = try LogisticRegressionModel<String>.decode(from: archive)
        try Self.expectIdentical(model, decoded, on: xTest)
        #expect(try Self.archive(decoded) == archive)
    }

    @Test func bothLabelTypesAreBuiltIn() throws {
        #expect(BuiltInModels.types.contains { $0 == LogisticRegressionModel<Int>.self })
        #expect(BuiltInModels.types.contains { $0 == LogisticRegressionModel<String>.self })
        #expect(LogisticRegressionModel<Int>.modelLabelTypeName == "Int")
        #expect(LogisticRegressionModel<String>.modelLabelTypeName == "String")
        #expect(ModelRegistry.key(
            typeName: LogisticRegressionModel<String>.modelTypeName,
            labelTypeName: LogisticRegressionModel<String>.modelLabelTypeName) == "LogisticRegression<String>")
    }

    @Test func registryDecodesBothLabelTypes() throws {
        let (intModel, xWine) = try Self.multiclassModel()
        let intDecoded = try #require(try ModelRegistry.shared.decode(Self.archive(intModel)) as? LogisticRegressionModel<Int>)
        try Self.expectIdentical(intModel, intDecoded, on: xWine)
        let (stringModel, xCancer) = try Self.binaryStringModel()
        let stringDecoded = try #require(
            try ModelRegistry.shared.decode(Self.archive(stringModel)) as? LogisticRegressionModel<String>)
        try Self.expectIdentical(stringModel, stringDecoded, on: xCancer)
        #expect(ModelRegistry.shared.registeredNames.contains("LogisticRegression<Int>"))
        #expect(ModelRegistry.shared.registeredNames.contains("LogisticRegression<String>"))
    }

    @Test func decodingKeepsBorrowedArraysWithoutCopying() throws {
        let (model, xTest) = try Self.multiclassModel()
        var archive = try Self.archive(model)
        let coefficientOwner = BufferOwner(Array(model.coefficients.elements))
        let interceptOwner = BufferOwner(model.intercepts)
        archive.setArray(
            "coefficients",
            .float64(DenseArray(borrowing: coefficientOwner.pointer, count: coefficientOwner.count, owner: coefficientOwner)),
            shape: [3, 13])
        archive.setArray(
            "intercepts", .float64(DenseArray(borrowing: interceptOwner.pointer, count: 3, owner: interceptOwner)), shape: [3])
        let decoded = try LogisticRegressionModel<Int>.decode(from: archive)
        #expect(decoded.coefficients.elements.isBorrowed)
        #expect(decoded.interceptStorage.isBorrowed)
        try Self.expectIdentical(model, decoded, on: xTest)
    }

    // MARK: Corrupted archives

    @Test func wrongShapesAreRejected() throws {
        let (model, _) = try Self.multiclassModel()
        let good = try Self.archive(model)
        let coefficients = Array(model.coefficients.elements)

        var transposed = good
        transposed.setArray("coefficients", .float64(DenseArray(coefficients)), shape: [13, 3])
        #expect(throws: PersistenceError.self) { try LogisticRegressionModel<Int>.decode(from: transposed) }

        var tooShort = good
        tooShort.setArray("coefficients", .float64(DenseArray(coefficients.dropLast())), shape: [3, 12])
        #expect(throws: PersistenceError.inconsistentModel("array coefficients has 38 elements, expected 39")) {
            try LogisticRegressionModel<Int>.decode(from: tooShort)
        }

        var binaryShape = good  // one coefficient row, but three classes
        binaryShape.setArray("coefficients", .float64(DenseArray(coefficients.prefix(13))), shape: [1, 13])
        binaryShape.setArray("intercepts", .float64([0.5]), shape: [1])
        #expect(throws: PersistenceError.self) { try LogisticRegressionModel<Int>.decode(from: binaryShape) }

        var intercepts = good
        intercepts.setArray("intercepts", .float64([1, 2]), shape: [2])
        #expect(throws: PersistenceError.inconsistentModel("array intercepts has 2 elements, expected 3")) {
            try LogisticRegressionModel<Int>.decode(from: intercepts)
        }

        var featureCount = good
        featureCount.attributes["featureCount"] = .int(14)
        #expect(throws: PersistenceError.self) { try LogisticRegressionModel<Int>.decode(from: featureCount) }

        var names = good
        names.featureNames = ["only one"]
        #expect(throws: PersistenceError.inconsistentModel("1 feature names for 13 features")) {
            try LogisticRegressionModel<Int>.decode(from: names)
        }
    }

    @Test func nonFiniteValuesAreRejected() throws {
        let (model, _) = try Self.multiclassModel()
        let good = try Self.archive(model)
        var coefficients = Array(model.coefficients.elements)
        coefficients[14] = .nan
        var withNaN = good
        withNaN.setArray("coefficients", .float64(DenseArray(coefficients)), shape: [3, 13])
        #expect(throws: PersistenceError.inconsistentModel("coefficient [1, 1] is not finite (nan)")) {
            try LogisticRegressionModel<Int>.decode(from: withNaN)
        }
        var withInfinity = good
        withInfinity.setArray("intercepts", .float64([0, .infinity, 0]), shape: [3])
        #expect(throws: PersistenceError.inconsistentModel("intercept 1 is not finite (inf)")) {
            try LogisticRegressionModel<Int>.decode(from: withInfinity)
        }
    }

    @Test func wrongTypesAreRejected() throws {
        let (model, _) = try Self.multiclassModel()
        let good = try Self.archive(model)

        var otherType = good
        otherType.typeName = "RandomForest"
        #expect(throws: PersistenceError.wrongModelType(expected: "LogisticRegression", actual: "RandomForest")) {
            try LogisticRegressionModel<Int>.decode(from: otherType)
        }
        var newer = good
        newer.layoutVersion = 2
        #expect(throws: PersistenceError.self) { try LogisticRegressionModel<Int>.decode(from: newer) }
        #expect(throws: PersistenceError.labelTypeMismatch(expected: "String", actual: "Int")) {
            try LogisticRegressionModel<String>.decode(from: good)
        }
        var float32 = good
        float32.setArray("intercepts", .float32([0, 0, 0]), shape: [3])
        #expect(throws: PersistenceError.wrongArrayType(name: "intercepts", expected: "F64", actual: "F32")) {
            try LogisticRegressionModel<Int>.decode(from: float32)
        }
        var missing = good
        missing.arrays["coefficients"] = nil
        #expect(throws: PersistenceError.missingArray("coefficients")) { try LogisticRegressionModel<Int>.decode(from: missing) }
        var noFeatureCount = good
        noFeatureCount.attributes = [:]
        #expect(throws: PersistenceError.missingKey("attributes.featureCount")) {
            try LogisticRegressionModel<Int>.decode(from: noFeatureCount)
        }
    }

    @Test func badHyperparametersAndStatisticsAreRejected() throws {
        let (model, _) = try Self.multiclassModel()
        let good = try Self.archive(model)
        var negativeC = good
        negativeC.hyperparameters = try JSONValue(encoding: LogisticRegression(c: -1))
        #expect {
            try LogisticRegressionModel<Int>.decode(from: negativeC)
        } throws: { error in
            guard case let PersistenceError.invalidValue(key, reason) = error else { return false }
            return key == "hyperparameters" && reason.contains("c = -1.0")
        }
        var notAnObject = good
        notAnObject.hyperparameters = .string("C=1")
        #expect(throws: PersistenceError.self) { try LogisticRegressionModel<Int>.decode(from: notAnObject) }
        var iterations = good
        iterations.fitStatistics["iterations"] = .int(-3)
        #expect(throws: PersistenceError.invalidValue(key: "fitStatistics.iterations", reason: "expected a non-negative integer")) {
            try LogisticRegressionModel<Int>.decode(from: iterations)
        }
        var samples = good
        samples.fitStatistics["samples"] = .int(0)
        #expect(throws: PersistenceError.invalidValue(key: "fitStatistics.samples", reason: "expected a positive integer")) {
            try LogisticRegressionModel<Int>.decode(from: samples)
        }
        // scikit-learn does not record the sample count or the fit time: brine.dump leaves them out (0 = unknown).
        var fromScikitLearn = good
        fromScikitLearn.fitStatistics["samples"] = nil
        fromScikitLearn.fitStatistics["trainingSeconds"] = nil
        let decoded = try LogisticRegressionModel<Int>.decode(from: fromScikitLearn)
        #expect(decoded.sampleCount == 0 && decoded.trainingSeconds == 0)
        var badSeconds = good
        badSeconds.fitStatistics["trainingSeconds"] = .double(-1)
        #expect(throws: PersistenceError.invalidValue(key: "fitStatistics.trainingSeconds", reason: "expected a non-negative number")) {
            try LogisticRegressionModel<Int>.decode(from: badSeconds)
        }
        var unsortedClasses = good
        unsortedClasses.classes = [2, 1, 0]
        #expect(throws: PersistenceError.self) { try LogisticRegressionModel<Int>.decode(from: unsortedClasses) }
    }
}
