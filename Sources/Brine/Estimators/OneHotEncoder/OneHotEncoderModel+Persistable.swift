extension OneHotEncoderModel: Persistable {
    /// `"OneHotEncoder"`.
    public static var modelTypeName: String { "OneHotEncoder" }
    /// 1.
    public static var modelLayoutVersion: Int { 1 }

    /// Writes the hyperparameters (`handleUnknown`, `drop`, `minimumFrequency` as `{"count": n}` or
    /// `{"fraction": x}` when set, `maximumCategories` when set) and the attributes `featureCount`,
    /// `sampleCount`, `categories` (per column, the sorted categories), `missingIsCategory` (per
    /// column), `infrequentCategories` (per column, increasing category indices; the missing
    /// category is index `categories.count`) and `droppedColumns` (per column, the output column
    /// dropped after grouping, 0, or null).
    public func encode(into archive: inout ModelArchive) throws {
        var hyper: [String: JSONValue] = [
            "handleUnknown": .string(estimator.handleUnknown.rawValue), "drop": .string(estimator.drop.rawValue),
        ]
        switch estimator.minimumFrequency {
        case let .count(count)?: hyper["minimumFrequency"] = .object(["count": .int(count)])
        case let .fraction(fraction)?: hyper["minimumFrequency"] = .object(["fraction": .double(fraction)])
        case nil: break
        }
        if let maximum = estimator.maximumCategories { hyper["maximumCategories"] = .int(maximum) }
        archive.hyperparameters = .object(hyper)
        archive.featureNames = featureNames
        archive.attributes["featureCount"] = .int(featureCount)
        if sampleCount > 0 { archive.attributes["sampleCount"] = .int(sampleCount) }  // 0: unknown (a scikit-learn dump)
        archive.attributes["categories"] = .array(features.map { .array($0.categories.map(JSONValue.string)) })
        archive.attributes["missingIsCategory"] = .array(features.map { .bool($0.hasMissing) })
        archive.attributes["infrequentCategories"] = .array(features.map { .array($0.infrequent.map(JSONValue.int)) })
        archive.attributes["droppedColumns"] = .array(features.map { $0.dropped.map(JSONValue.int) ?? .null })
        if sampleCount > 0 { archive.fitStatistics["samples"] = .int(sampleCount) }
    }

    /// Rebuilds an encoder, checking every field: known options, valid frequencies, one entry per
    /// column in every list, categories strictly increasing (so without duplicates) and bounded in
    /// number and length, infrequent indices increasing and in range (none without a frequency
    /// option), and dropped categories consistent with `drop`.
    ///
    /// - Throws: ``PersistenceError`` naming the first problem.
    public static func decode(from archive: ModelArchive) throws -> OneHotEncoderModel {
        try archive.checkType(Self.self)
        let hyper = archive.hyperparameters
        guard let unknown = hyper["handleUnknown"]?.stringValue.flatMap(UnknownCategoryHandling.init(rawValue:)) else {
            throw PersistenceError.invalidValue(key: "hyperparameters.handleUnknown", reason: "expected \"error\" or \"ignore\"")
        }
        guard let drop = hyper["drop"]?.stringValue.flatMap(CategoryDrop.init(rawValue:)) else {
            throw PersistenceError.invalidValue(key: "hyperparameters.drop", reason: "expected \"none\", \"first\" or \"ifBinary\"")
        }
        var minimum: MinimumFrequency? = nil
        if let value = hyper["minimumFrequency"] {
            if let count = value["count"]?.intValue, value.objectValue?.count == 1 { minimum = .count(count) }
            else if let fraction = value["fraction"]?.doubleValue, value.objectValue?.count == 1 { minimum = .fraction(fraction) }
            else { throw PersistenceError.invalidValue(key: "hyperparameters.minimumFrequency", reason: "expected {\"count\": n} or {\"fraction\": x}") }
        }
        var maximum: Int? = nil
        if let value = hyper["maximumCategories"] {
            guard let number = value.intValue else {
                throw PersistenceError.invalidValue(key: "hyperparameters.maximumCategories", reason: "expected an integer")
            }
            maximum = number
        }
        let estimator = OneHotEncoder(handleUnknown: unknown, drop: drop, minimumFrequency: minimum, maximumCategories: maximum)
        do { try estimator.validate() } catch let error as EstimatorError {
            throw PersistenceError.invalidValue(key: "hyperparameters", reason: error.description)
        }
        let featureCount = try archive.intAttribute("featureCount", in: 1...Int(Int32.max))
        // Absent from files dumped by scikit-learn (brine.dump), which does not record it: 0, "unknown".
        let sampleCount = archive.attributes["sampleCount"] == nil ? 0 : try archive.intAttribute("sampleCount", in: 1...Int.max)
        if let names = archive.featureNames, names.count != featureCount {
            throw PersistenceError.inconsistentModel("\(names.count) feature names for \(featureCount) features")
        }
        let categories = try CategoryListValidation.categoryLists(archive, key: "categories", count: featureCount)
        let missing = try CategoryListValidation.perColumn(archive, key: "missingIsCategory", count: featureCount) { $0.boolValue }
        let infrequentLists = try CategoryListValidation.perColumn(archive, key: "infrequentCategories", count: featureCount) { $0.arrayValue }
        let dropped = try CategoryListValidation.perColumn(archive, key: "droppedColumns", count: featureCount) { value -> Int?? in
            if case .null = value { return .some(nil) }
            return value.intValue.map { .some($0) }
        }
        var features: [CategoricalFeature] = []
        for j in 0..<featureCount {
            var feature = CategoricalFeature(categories: categories[j], hasMissing: missing[j])
            guard feature.categoryCount > 0 else { throw PersistenceError.inconsistentModel("column \(j) has no categories") }
            feature.infrequent = try CategoryListValidation.increasingIndices(
                infrequentLists[j], below: feature.categoryCount, key: "attributes.infrequentCategories", column: j)
            if !feature.infrequent.isEmpty, minimum == nil, maximum == nil {
                throw PersistenceError.inconsistentModel("column \(j) has infrequent categories but no frequency option is set")
            }
            feature.dropped = dropped[j]
            guard feature.dropped == estimator.droppedColumn(feature) else {
                throw PersistenceError.inconsistentModel("column \(j) drops \(dropped[j].map(String.init) ?? "nothing"), which drop \(drop.rawValue) does not give")
            }
            features.append(feature)
        }
        do {
            return try OneHotEncoderModel(estimator: estimator, featureNames: archive.featureNames, features: features, sampleCount: sampleCount)
        } catch let error as EstimatorError {
            throw PersistenceError.inconsistentModel(error.description)
        }
    }
}
