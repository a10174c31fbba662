extension LogisticRegressionModel: Persistable {
    /// `"LogisticRegression"`.
    public static var modelTypeName: String { "LogisticRegression" }
    /// Layout 1: arrays `coefficients` (F64 `[K', F]`) and `intercepts` (F64 `[K']`), `K' = 1` for two classes.
    public static var modelLayoutVersion: Int { 1 }
    /// The label type (``ClassLabel/labelTypeName``).
    public static var modelLabelTypeName: String? { Label.labelTypeName }

    /// Writes the coefficients, intercepts, classes, hyperparameters and fit statistics.
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` when a label or hyperparameter cannot be encoded as JSON.
    public func encode(into archive: inout ModelArchive) throws {
        do {
            archive.hyperparameters = try JSONValue(encoding: hyperparameters)
        } catch {
            throw PersistenceError.invalidValue(key: "hyperparameters", reason: "cannot be encoded as JSON: \(error)")
        }
        archive.featureNames = featureNames
        try archive.setClasses(classes)
        archive.attributes["featureCount"] = .int(featureCount)
        archive.setArray("coefficients", .float64(coefficients.elements), shape: [coefficients.rows, coefficients.columns])
        archive.setArray("intercepts", .float64(interceptStorage), shape: [interceptStorage.count])
        var statistics: [String: JSONValue] = [
            "samples": .int(sampleCount),
            "iterations": .int(iterations),
            "trainingSeconds": .double(trainingSeconds),
            "converged": .bool(converged),
        ]
        if sampleCount == 0 { statistics["samples"] = nil }  // unknown (a scikit-learn dump): left out, as read
        if let convergenceWarning { statistics["convergenceWarning"] = .string(convergenceWarning) }
        archive.fitStatistics = statistics
    }

    /// Rebuilds a model, checking the type, label type, classes, array shapes against the class and
    /// feature counts, finite values, hyperparameters and fit statistics. The arrays are not copied.
    ///
    /// - Throws: ``PersistenceError`` naming the first problem.
    public static func decode(from archive: ModelArchive) throws -> Self {
        try archive.checkType(Self.self)
        let classes = try archive.decodedClasses(as: Label.self)
        let outputs = classes.count == 2 ? 1 : classes.count
        let features = try archive.intAttribute("featureCount", in: 1...Int(Int32.max))
        if let names = archive.featureNames, names.count != features {
            throw PersistenceError.inconsistentModel("\(names.count) feature names for \(features) features")
        }
        let (elementCount, overflow) = outputs.multipliedReportingOverflow(by: features)
        guard !overflow else { throw PersistenceError.inconsistentModel("coefficient count overflows") }
        let coefficientShape = try archive.shapedArray("coefficients", expectedType: "F64", count: elementCount).shape
        guard coefficientShape == [outputs, features] else {
            throw PersistenceError.inconsistentModel(
                "coefficients have shape \(coefficientShape), expected [\(outputs), \(features)] for \(classes.count) classes")
        }
        let coefficientArray = try archive.float64Array("coefficients", count: elementCount)
        let interceptShape = try archive.shapedArray("intercepts", expectedType: "F64", count: outputs).shape
        guard interceptShape == [outputs] else {
            throw PersistenceError.inconsistentModel("intercepts have shape \(interceptShape), expected [\(outputs)]")
        }
        let interceptArray = try archive.float64Array("intercepts", count: outputs)
        // Content scans are skipped only for memory-mapped loads without checksum verification;
        // prediction stays safe on any values (a NaN gives a prediction, never a crash).
        if archive.validatesArrayContents {
            if let index = coefficientArray.firstIndex(where: { !$0.isFinite }) {
                throw PersistenceError.inconsistentModel(
                    "coefficient [\(index / features), \(index % features)] is not finite (\(coefficientArray[index]))")
            }
            if let index = interceptArray.firstIndex(where: { !$0.isFinite }) {
                throw PersistenceError.inconsistentModel("intercept \(index) is not finite (\(interceptArray[index]))")
            }
        }

        let hyperparameters: LogisticRegression
        do {
            hyperparameters = try archive.hyperparameters.decode(as: LogisticRegression.self)
            try hyperparameters.validate()
        } catch {
            throw PersistenceError.invalidValue(key: "hyperparameters", reason: "\(error)")
        }

        let statistics = archive.fitStatistics
        // `samples` and `trainingSeconds` are absent from files dumped by scikit-learn (brine.dump),
        // which does not record them; 0 then means "unknown".
        var samples = 0
        if let value = statistics["samples"] {
            guard let count = value.intValue, count >= 1 else {
                throw PersistenceError.invalidValue(key: "fitStatistics.samples", reason: "expected a positive integer")
            }
            samples = count
        }
        guard let iterations = statistics["iterations"]?.intValue, iterations >= 0 else {
            throw PersistenceError.invalidValue(key: "fitStatistics.iterations", reason: "expected a non-negative integer")
        }
        var seconds = 0.0
        if let value = statistics["trainingSeconds"] {
            guard let number = value.doubleValue, number.isFinite, number >= 0 else {
                throw PersistenceError.invalidValue(key: "fitStatistics.trainingSeconds", reason: "expected a non-negative number")
            }
            seconds = number
        }
        guard let converged = statistics["converged"]?.boolValue else {
            throw PersistenceError.invalidValue(key: "fitStatistics.converged", reason: "expected a boolean")
        }
        var warning: String?
        if let value = statistics["convergenceWarning"] {
            guard let text = value.stringValue else {
                throw PersistenceError.invalidValue(key: "fitStatistics.convergenceWarning", reason: "expected a string")
            }
            warning = text
        }

        let coefficients: Matrix
        do {
            coefficients = try Matrix(rows: outputs, columns: features, storage: coefficientArray)
        } catch {
            throw PersistenceError.inconsistentModel("coefficients: \(error)")
        }
        return Self(
            hyperparameters: hyperparameters, classes: classes, coefficients: coefficients,
            interceptStorage: interceptArray, featureNames: archive.featureNames, iterations: iterations,
            converged: converged, convergenceWarning: warning, sampleCount: samples, trainingSeconds: seconds)
    }
}
