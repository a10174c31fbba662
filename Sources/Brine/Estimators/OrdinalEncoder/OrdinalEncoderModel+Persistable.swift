extension OrdinalEncoderModel: Persistable {
    /// `"OrdinalEncoder"`.
    public static var modelTypeName: String { "OrdinalEncoder" }
    /// 1.
    public static var modelLayoutVersion: Int { 1 }

    /// Writes the hyperparameters (`handleUnknown`: `"error"` or `"useEncodedValue"`, and
    /// `unknownValue`, a number or `null` for NaN), the input column names, and the attributes
    /// `featureCount`, `sampleCount` and `categories` (per column an array of strings).
    public func encode(into archive: inout ModelArchive) throws {
        switch estimator.handleUnknown {
        case .error:
            archive.hyperparameters = ["handleUnknown": .string("error"), "unknownValue": .null]
        case let .useEncodedValue(value):
            archive.hyperparameters = ["handleUnknown": .string("useEncodedValue"),
                                       "unknownValue": value.isNaN ? .null : .int(Int(value))]
        }
        archive.featureNames = featureNames
        archive.attributes["featureCount"] = .int(featureCount)
        if sampleCount > 0 { archive.attributes["sampleCount"] = .int(sampleCount) }  // 0: unknown (a scikit-learn dump)
        if sampleCount > 0 { archive.fitStatistics["samples"] = .int(sampleCount) }
        archive.attributes["categories"] = .array(categories.map { .array($0.map(JSONValue.string)) })
    }

    /// Rebuilds an encoder, checking the hyperparameters (an unknown value that is not a code),
    /// and that each column's categories are bounded, distinct and sorted by code point.
    ///
    /// - Throws: ``PersistenceError`` naming the first problem.
    public static func decode(from archive: ModelArchive) throws -> OrdinalEncoderModel {
        try archive.checkType(Self.self)
        let hyper = archive.hyperparameters
        let handleUnknown: OrdinalEncoder.UnknownCategories
        switch (hyper["handleUnknown"]?.stringValue, hyper["unknownValue"]) {
        case ("error"?, .null?): handleUnknown = .error
        case ("useEncodedValue"?, .null?): handleUnknown = .useEncodedValue(.nan)
        case let ("useEncodedValue"?, value?) where value.intValue != nil:
            handleUnknown = .useEncodedValue(Double(value.intValue ?? 0))
        default:
            throw PersistenceError.invalidValue(key: "hyperparameters.handleUnknown",
                reason: "expected \"error\" with a null unknownValue, or \"useEncodedValue\" with an integer or null")
        }
        let featureCount = try archive.intAttribute("featureCount", in: 1...Int(Int32.max))
        // Absent from files dumped by scikit-learn (brine.dump), which does not record it: 0, "unknown".
        let sampleCount = archive.attributes["sampleCount"] == nil ? 0 : try archive.intAttribute("sampleCount", in: 1...Int.max)
        if let names = archive.featureNames {
            guard names.count == featureCount, !names.contains(where: \.isEmpty), Set(names).count == names.count else {
                throw PersistenceError.inconsistentModel("expected \(featureCount) non-empty, distinct feature names")
            }
        }
        let categories = try OrdinalCategories.decode(archive.attributes["categories"], count: featureCount)
        if case let .useEncodedValue(value) = handleUnknown, !value.isNaN, value >= 0,
           value < Double(categories.map(\.count).max() ?? 0) {
            throw PersistenceError.inconsistentModel("the unknown value \(Int(value)) is a category code")
        }
        let estimator = OrdinalEncoder(handleUnknown: handleUnknown)
        do {
            return try OrdinalEncoderModel(
                estimator: estimator, featureNames: archive.featureNames,
                inputNames: archive.featureNames ?? TableTransformerSupport.positionalNames(featureCount),
                categories: categories, sampleCount: sampleCount)
        } catch let error as EstimatorError {
            throw PersistenceError.inconsistentModel(error.description)
        }
    }
}
