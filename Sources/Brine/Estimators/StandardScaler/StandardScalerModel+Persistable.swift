extension StandardScalerModel: Persistable {
    /// `"StandardScaler"`.
    public static var modelTypeName: String { "StandardScaler" }
    /// 1.
    public static var modelLayoutVersion: Int { 1 }

    /// Writes the hyperparameters (`withMean`, `withStd`), the attributes `featureCount` and
    /// `sampleCount`, and the arrays `mean`, `variance`, `scale` (F64 `[featureCount]`, each present
    /// only when its option is on).
    public func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = ["withMean": .bool(withMean), "withStd": .bool(withStd)]
        archive.featureNames = featureNames
        archive.attributes["featureCount"] = .int(featureCount)
        archive.attributes["sampleCount"] = .int(sampleCount)
        archive.fitStatistics["samples"] = .int(sampleCount)
        if let meanStorage { archive.setArray("mean", .float64(meanStorage)) }
        if let varianceStorage { archive.setArray("variance", .float64(varianceStorage)) }
        if let scaleStorage { archive.setArray("scale", .float64(scaleStorage)) }
    }

    /// Rebuilds a scaler, checking that the arrays present match the options, that each has
    /// `featureCount` finite elements, that variances are non-negative and scales positive.
    /// The arrays are used in place, not copied (the checks read `3 × featureCount` values).
    ///
    /// - Throws: ``PersistenceError`` naming the first problem.
    public static func decode(from archive: ModelArchive) throws -> StandardScalerModel {
        try archive.checkType(Self.self)
        guard let withMean = archive.hyperparameters["withMean"]?.boolValue else {
            throw PersistenceError.missingKey("hyperparameters.withMean")
        }
        guard let withStd = archive.hyperparameters["withStd"]?.boolValue else {
            throw PersistenceError.missingKey("hyperparameters.withStd")
        }
        let featureCount = try archive.intAttribute("featureCount", in: 1...Int(Int32.max))
        let sampleCount = try archive.intAttribute("sampleCount", in: 1...Int.max)
        if let names = archive.featureNames, names.count != featureCount {
            throw PersistenceError.inconsistentModel(
                "\(names.count) feature names for \(featureCount) features")
        }
        func array(_ name: String, present: Bool, option: String) throws -> DenseArray<Double>? {
            guard present else {
                if archive.arrays[name] != nil {
                    throw PersistenceError.inconsistentModel("array \(name) is present but \(option) is off")
                }
                return nil
            }
            let values = try archive.float64Array(name, count: featureCount)
            guard archive.arrays[name]?.shape == [featureCount] else {
                throw PersistenceError.inconsistentModel("array \(name) must have shape [\(featureCount)]")
            }
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw PersistenceError.inconsistentModel("array \(name) has a non-finite value at \(index)")
            }
            return values
        }
        let mean = try array("mean", present: withMean, option: "withMean")
        let variance = try array("variance", present: withStd, option: "withStd")
        let scale = try array("scale", present: withStd, option: "withStd")
        if let variance, let index = variance.firstIndex(where: { $0 < 0 }) {
            throw PersistenceError.inconsistentModel("array variance has a negative value at \(index)")
        }
        if let scale, let index = scale.firstIndex(where: { !($0 > 0) }) {
            throw PersistenceError.inconsistentModel("array scale has a non-positive value at \(index)")
        }
        return StandardScalerModel(
            withMean: withMean, withStd: withStd, mean: mean, variance: variance, scale: scale,
            sampleCount: sampleCount, featureCount: featureCount, featureNames: archive.featureNames)
    }
}
