extension ColumnTransformerModel: Persistable {
    /// `"ColumnTransformer"`.
    public static var modelTypeName: String { "ColumnTransformer" }
    /// 1.
    public static var modelLayoutVersion: Int { 1 }

    /// The most entries a file may list.
    public static var maximumEntryCount: Int { 1 << 16 }

    /// Writes the hyperparameters `remainder`, `verboseFeatureNames` and `entries`
    /// (`[{name, step, columns}]`, `columns` being `{"names": [...]}` or `{"kind": ...}`); the
    /// attributes `featureCount`, `sampleCount`, `columnKinds` (per input column), `entryColumns`
    /// (per entry, the resolved column names), `remainderColumns` and `outputColumnNames`; and
    /// each fitted transformer as a child archive named after its entry, in entry order.
    ///
    /// - Throws: what an entry's encoder throws.
    public func encode(into archive: inout ModelArchive) throws {
        archive.featureNames = featureNames
        archive.hyperparameters = .object([
            "remainder": .string(remainder.rawValue),
            "verboseFeatureNames": .bool(verboseFeatureNames),
            "entries": .array(entries.map { entry in
                .object(["name": .string(entry.name), "step": .string(entry.kind.rawValue), "columns": entry.selection.json])
            }),
        ])
        archive.attributes["featureCount"] = .int(featureCount)
        if sampleCount > 0 { archive.attributes["sampleCount"] = .int(sampleCount) }  // 0: unknown (a scikit-learn dump)
        archive.attributes["columnKinds"] = .array(inputKinds.map { .string($0.rawValue) })
        archive.attributes["entryColumns"] = .array(entries.map { .array($0.columns.map(JSONValue.string)) })
        archive.attributes["remainderColumns"] = .array(remainderColumns.map(JSONValue.string))
        archive.attributes["outputColumnNames"] = .array(outputColumnNames.map(JSONValue.string))
        if sampleCount > 0 { archive.fitStatistics["samples"] = .int(sampleCount) }
        archive.children = try entries.compactMap { entry in
            guard let model = entry.model else { return nil }
            return ModelArchive.Child(name: entry.name, archive: try model.archive())
        }
    }

    /// Rebuilds the column transformer, checking every field: known remainder and step kinds, one
    /// kind per input column, distinct input names, valid distinct entry names, resolved columns
    /// that are input columns and agree with each selection, one child exactly for each transformer
    /// entry with columns (decoded through ``ModelRegistry/shared``, a ``Transformer`` fitted on
    /// those columns; nesting bounded by ``PipelineModel/maximumNestingDepth``), the remainder
    /// columns the unselected ones, and the recorded output names the ones the entries give.
    ///
    /// - Throws: ``PersistenceError`` naming the first problem.
    public static func decode(from archive: ModelArchive) throws -> ColumnTransformerModel {
        try archive.checkType(Self.self)
        guard archive.classes == nil, archive.labelTypeName == nil else {
            throw PersistenceError.inconsistentModel("a column transformer lists classes")
        }
        var frontier = archive.children.map(\.archive)
        var depth = 1
        while !frontier.isEmpty {
            guard depth <= PipelineModel<Never>.maximumNestingDepth else {
                throw PersistenceError.inconsistentModel("models are nested more than \(PipelineModel<Never>.maximumNestingDepth) deep")
            }
            frontier = frontier.flatMap { $0.children.map(\.archive) }
            depth += 1
        }
        let hyper = archive.hyperparameters
        guard let remainder = hyper["remainder"]?.stringValue.flatMap(ColumnTransformer.Remainder.init(rawValue:)) else {
            throw PersistenceError.invalidValue(key: "hyperparameters.remainder", reason: "expected \"drop\" or \"passthrough\"")
        }
        guard let verbose = hyper["verboseFeatureNames"]?.boolValue else {
            throw PersistenceError.invalidValue(key: "hyperparameters.verboseFeatureNames", reason: "expected a boolean")
        }
        let featureCount = try archive.intAttribute("featureCount", in: 1...Int(Int32.max))
        // Absent from files dumped by scikit-learn (brine.dump), which does not record it: 0, "unknown".
        let sampleCount = archive.attributes["sampleCount"] == nil ? 0 : try archive.intAttribute("sampleCount", in: 1...Int.max)
        let kinds = try CategoryListValidation.perColumn(archive, key: "columnKinds", count: featureCount) {
            $0.stringValue.flatMap(ColumnKind.init(rawValue:))
        }
        if let names = archive.featureNames, names.count != featureCount {
            throw PersistenceError.inconsistentModel("\(names.count) feature names for \(featureCount) features")
        }
        let inputNames = archive.featureNames ?? TableTransformerSupport.positionalNames(featureCount)
        guard let entryValues = hyper["entries"]?.arrayValue, entryValues.count <= maximumEntryCount else {
            throw PersistenceError.invalidValue(key: "hyperparameters.entries", reason: "expected an array of at most \(maximumEntryCount) entries")
        }
        let columnLists = try stringLists(archive.attributes["entryColumns"], key: "attributes.entryColumns", count: entryValues.count)
        let remainderColumns = try stringLists(archive.attributes["remainderColumns"].map { .array([$0]) },
                                               key: "attributes.remainderColumns", count: 1)[0]
        let recordedOutputs = try stringLists(archive.attributes["outputColumnNames"].map { .array([$0]) },
                                              key: "attributes.outputColumnNames", count: 1)[0]
        var children: [String: ModelArchive] = [:]
        for child in archive.children {
            guard children.updateValue(child.archive, forKey: child.name) == nil else {
                throw PersistenceError.invalidValue(key: "children", reason: "two children are named \(MessageQuoting.quote(child.name))")
            }
        }
        var entries: [FittedEntry] = []
        var childrenUsed = 0
        for (index, (value, columns)) in zip(entryValues, columnLists).enumerated() {
            let key = "hyperparameters.entries[\(index)]"
            guard let object = value.objectValue, object.count == 3, let name = object["name"]?.stringValue,
                  let kind = object["step"]?.stringValue.flatMap(EntryKind.init(rawValue:)),
                  let selection = object["columns"].flatMap(ColumnSelection.init(json:))
            else {
                throw PersistenceError.invalidValue(
                    key: key, reason: "expected {name, step: transformer|passthrough|drop, columns: {names: [...]} or {kind: numeric|categorical}}")
            }
            var model: (any Transformer)? = nil
            if let child = children[name] {
                guard kind == .transformer, !columns.isEmpty else {
                    throw PersistenceError.inconsistentModel("child \(MessageQuoting.quote(name)) belongs to an entry without a fitted transformer")
                }
                guard let transformer = try ModelRegistry.shared.decode(child) as? any Transformer else {
                    throw PersistenceError.inconsistentModel("entry \(MessageQuoting.quote(name))'s model (\(child.typeName)) is not a transformer")
                }
                model = transformer
                childrenUsed += 1
            }
            entries.append(FittedEntry(name: name, kind: kind, selection: selection, columns: columns, model: model))
        }
        guard childrenUsed == children.count else {
            throw PersistenceError.inconsistentModel("a child archive belongs to no entry")
        }
        let model: ColumnTransformerModel
        do {
            model = try ColumnTransformerModel(
                entries: entries, remainder: remainder, remainderColumns: remainderColumns, verboseFeatureNames: verbose,
                inputNames: inputNames, inputKinds: kinds, matchesByName: archive.featureNames != nil, sampleCount: sampleCount)
        } catch let error as EstimatorError {
            throw PersistenceError.inconsistentModel(error.description)
        }
        guard model.outputColumnNames == recordedOutputs else {
            throw PersistenceError.inconsistentModel(
                "the file records \(recordedOutputs.count) output names that differ from the \(model.outputColumnNames.count) its entries give")
        }
        return model
    }

    /// `count` lists of strings from `value` (an array of arrays of strings).
    private static func stringLists(_ value: JSONValue?, key: String, count: Int) throws -> [[String]] {
        guard let lists = value?.arrayValue, lists.count == count else {
            throw PersistenceError.invalidValue(key: key, reason: "expected \(count == 1 ? "an array of strings" : "one array of strings per entry (\(count))")")
        }
        return try lists.map { list in
            guard let items = list.arrayValue else { throw PersistenceError.invalidValue(key: key, reason: "expected arrays of strings") }
            return try items.map { item in
                guard let text = item.stringValue else { throw PersistenceError.invalidValue(key: key, reason: "expected strings") }
                return text
            }
        }
    }
}
