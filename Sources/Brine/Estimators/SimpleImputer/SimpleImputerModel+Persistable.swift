extension SimpleImputerModel: Persistable {
    /// `"SimpleImputer"`.
    public static var modelTypeName: String { "SimpleImputer" }
    /// 1.
    public static var modelLayoutVersion: Int { 1 }

    /// Writes the hyperparameters (`strategy`, `numericFillValue`, `categoricalFillValue`,
    /// `addIndicator`), the attributes `featureCount`, `sampleCount`, `columnKinds` (one
    /// `"numeric"`/`"categorical"` per column), `categoricalStatistics` (one string or null per
    /// column), `emptyColumns` (increasing positions of the columns without observed values at fit,
    /// dropped from the output) and `indicatorColumns` (increasing positions), and the array
    /// `numericStatistics` (F64 `[featureCount]`, finite; 0 where a column has no numeric statistic).
    public func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = [
            "strategy": .string(estimator.strategy.rawValue),
            // Through JSON as a file stores it (a whole number reads back as an integer), so that a
            // loaded model re-encodes to the archive read from its file.
            "numericFillValue": try JSONValue(encoding: estimator.numericFillValue),
            "categoricalFillValue": .string(estimator.categoricalFillValue),
            "addIndicator": .bool(estimator.addIndicator),
        ]
        archive.featureNames = featureNames
        archive.attributes["featureCount"] = .int(featureCount)
        if sampleCount > 0 { archive.attributes["sampleCount"] = .int(sampleCount) }  // 0: unknown (a scikit-learn dump)
        archive.attributes["columnKinds"] = .array(columnKinds.map { .string($0.rawValue) })
        archive.attributes["categoricalStatistics"] = .array(categoricalStatistics.map { $0.map(JSONValue.string) ?? .null })
        archive.attributes["indicatorColumns"] = .array(indicatorColumns.map { .int($0) })
        archive.attributes["emptyColumns"] = .array((0..<featureCount).filter { !keepsColumn($0) }.map { .int($0) })
        if sampleCount > 0 { archive.fitStatistics["samples"] = .int(sampleCount) }
        archive.setArray("numericStatistics", .float64(DenseArray(numericStatistics.map { $0.isNaN ? 0 : $0 })))
    }

    /// Rebuilds an imputer, checking every field: a known strategy, a finite numeric constant and a
    /// bounded text constant, one kind and one statistic per column, statistics only on columns of
    /// their kind (finite numbers, bounded strings), the constant wherever the constant strategy has one,
    /// and increasing indicator positions in range (none without `addIndicator`).
    ///
    /// - Throws: ``PersistenceError`` naming the first problem.
    public static func decode(from archive: ModelArchive) throws -> SimpleImputerModel {
        try archive.checkType(Self.self)
        let hyper = archive.hyperparameters
        guard let strategyName = hyper["strategy"]?.stringValue else { throw PersistenceError.missingKey("hyperparameters.strategy") }
        guard let strategy = ImputationStrategy(rawValue: strategyName) else {
            throw PersistenceError.invalidValue(key: "hyperparameters.strategy", reason: "unknown strategy \(MessageQuoting.quote(strategyName))")
        }
        guard let numericFill = hyper["numericFillValue"]?.doubleValue else { throw PersistenceError.missingKey("hyperparameters.numericFillValue") }
        guard let textFill = hyper["categoricalFillValue"]?.stringValue else { throw PersistenceError.missingKey("hyperparameters.categoricalFillValue") }
        guard let addIndicator = hyper["addIndicator"]?.boolValue else { throw PersistenceError.missingKey("hyperparameters.addIndicator") }
        let estimator = SimpleImputer(strategy: strategy, numericFillValue: numericFill, categoricalFillValue: textFill, addIndicator: addIndicator)
        do { try estimator.validate() } catch let error as EstimatorError {
            throw PersistenceError.invalidValue(key: "hyperparameters", reason: error.description)
        }
        let featureCount = try archive.intAttribute("featureCount", in: 1...Int(Int32.max))
        // Absent from files dumped by scikit-learn (brine.dump), which does not record it: 0, "unknown".
        let sampleCount = archive.attributes["sampleCount"] == nil ? 0 : try archive.intAttribute("sampleCount", in: 1...Int.max)
        if let names = archive.featureNames, names.count != featureCount {
            throw PersistenceError.inconsistentModel("\(names.count) feature names for \(featureCount) features")
        }
        guard let kindValues = archive.attributes["columnKinds"]?.arrayValue, kindValues.count == featureCount else {
            throw PersistenceError.invalidValue(key: "attributes.columnKinds", reason: "expected one kind per feature (\(featureCount))")
        }
        let kinds = try kindValues.map { value -> ColumnKind in
            guard let kind = value.stringValue.flatMap(ColumnKind.init(rawValue:)) else {
                throw PersistenceError.invalidValue(key: "attributes.columnKinds", reason: "each kind must be \"numeric\" or \"categorical\"")
            }
            return kind
        }
        guard let textValues = archive.attributes["categoricalStatistics"]?.arrayValue, textValues.count == featureCount else {
            throw PersistenceError.invalidValue(key: "attributes.categoricalStatistics", reason: "expected one entry per feature (\(featureCount))")
        }
        var numbers = try archive.float64Array("numericStatistics", count: featureCount).array
        if let index = numbers.firstIndex(where: { !$0.isFinite }) {
            throw PersistenceError.inconsistentModel("array numericStatistics has a non-finite value at \(index)")
        }
        let empty = Set(try positions("emptyColumns", in: archive, below: featureCount))
        guard archive.arrays["numericStatistics"]?.shape == [featureCount] else {
            throw PersistenceError.inconsistentModel("array numericStatistics must have shape [\(featureCount)]")
        }
        var texts: [String?] = []
        texts.reserveCapacity(featureCount)
        for j in 0..<featureCount {
            let text: String?
            switch textValues[j] {
            case .null: text = nil
            case let .string(value):
                guard value.utf8.count <= SimpleImputer.maximumFillTextLength else {
                    throw PersistenceError.invalidValue(key: "attributes.categoricalStatistics", reason: "entry \(j) is longer than \(SimpleImputer.maximumFillTextLength) bytes")
                }
                text = value
            default:
                throw PersistenceError.invalidValue(key: "attributes.categoricalStatistics", reason: "entry \(j) must be a string or null")
            }
            switch kinds[j] {
            case .numeric:
                guard text == nil else { throw PersistenceError.inconsistentModel("numeric column \(j) has a text statistic") }
                if empty.contains(j) {
                    guard numbers[j] == 0 else { throw PersistenceError.inconsistentModel("empty column \(j) has a statistic") }
                    numbers[j] = .nan
                } else if strategy == .constant, numbers[j] != numericFill {
                    throw PersistenceError.inconsistentModel("column \(j) is not filled with the constant")
                }
            case .categorical:
                guard numbers[j] == 0 else { throw PersistenceError.inconsistentModel("categorical column \(j) has a numeric statistic") }
                guard (text == nil) == empty.contains(j) else {
                    throw PersistenceError.inconsistentModel("categorical column \(j) must have a text statistic exactly when it is not empty")
                }
                if strategy == .constant, text != nil, text != textFill {
                    throw PersistenceError.inconsistentModel("column \(j) is not filled with the constant")
                }
                if strategy == .mean || strategy == .median {
                    throw PersistenceError.inconsistentModel("categorical column \(j) with strategy \(strategy.rawValue)")
                }
            }
            texts.append(text)
        }
        let indicators = try positions("indicatorColumns", in: archive, below: featureCount)
        if !addIndicator, !indicators.isEmpty {
            throw PersistenceError.inconsistentModel("indicator columns are listed but addIndicator is off")
        }
        let model = SimpleImputerModel(
            estimator: estimator, featureNames: archive.featureNames, columnCount: featureCount, columnKinds: kinds,
            numericStatistics: numbers, categoricalStatistics: texts, indicatorColumns: indicators, sampleCount: sampleCount)
        guard !model.outputColumnNames.isEmpty else { throw PersistenceError.inconsistentModel("the imputer outputs no columns") }
        return model
    }

    /// An attribute holding increasing column positions below `count`.
    private static func positions(_ key: String, in archive: ModelArchive, below count: Int) throws -> [Int] {
        guard let values = archive.attributes[key]?.arrayValue, values.count <= count else {
            throw PersistenceError.invalidValue(key: "attributes.\(key)", reason: "expected at most \(count) positions")
        }
        var positions: [Int] = []
        positions.reserveCapacity(values.count)
        for value in values {
            guard let position = value.intValue, (0..<count).contains(position), position > (positions.last ?? -1) else {
                throw PersistenceError.invalidValue(key: "attributes.\(key)", reason: "positions must be increasing and below \(count)")
            }
            positions.append(position)
        }
        return positions
    }
}
