/// A fitted ``ColumnTransformer``: each entry's resolved columns and fitted transformer, and the
/// remainder columns passed through. Immutable and `Sendable`.
///
/// ``transformTable(_:)`` takes the columns it needs by name (reordered and extra columns are
/// fine; a column that only a dropped entry or a dropped remainder used may be absent, as in
/// scikit-learn), runs each entry on its columns and joins the outputs in entry order, then the
/// remainder.
public struct ColumnTransformerModel: TableTransformer, Sendable {
    /// The fitted entries, in output order.
    public let entries: [FittedEntry]
    /// What happened to the columns no entry selected.
    public let remainder: ColumnTransformer.Remainder
    /// The columns passed through after the entries (empty unless ``remainder`` is
    /// ``ColumnTransformer/Remainder/passthrough``), in input order.
    public let remainderColumns: [String]
    /// Whether output names carry the `<entry>__` prefix.
    public let verboseFeatureNames: Bool
    /// The number of rows the model was fitted on (0 when unknown: a file dumped by scikit-learn).
    public let sampleCount: Int
    /// The output column names (scikit-learn's `get_feature_names_out`).
    public let outputColumnNames: [String]
    /// Every input column at fit (scikit-learn's `feature_names_in_`), when the model matches by name.
    public let featureNames: [String]?

    /// The input column names (`x0`, `x1`, … when the model matches by position).
    let inputNames: [String]
    /// The kind of each input column at fit.
    let inputKinds: [ColumnKind]
    /// The positions in ``inputNames`` of the columns a transform reads, increasing.
    private let neededPositions: [Int]

    /// Assembles a model, checking it: entry names valid and distinct, every column an input
    /// column and listed once per entry, a model exactly for each transformer entry with columns
    /// and fitted on those columns (numeric columns only for a transformer that does not read
    /// tables), the remainder the unselected columns, and output names present and distinct.
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` naming the problem, or
    ///   ``EstimatorError/emptyData(what:)`` when nothing would be output.
    init(entries: [FittedEntry], remainder: ColumnTransformer.Remainder, remainderColumns: [String],
         verboseFeatureNames: Bool, inputNames: [String], inputKinds: [ColumnKind], matchesByName: Bool,
         sampleCount: Int) throws {
        guard !inputNames.isEmpty, inputNames.count == inputKinds.count else {
            throw EstimatorError.invalidPipeline("a column transformer needs input columns, one kind each")
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(inputNames.count)
        for (position, name) in inputNames.enumerated() {
            guard !name.isEmpty, positions.updateValue(position, forKey: name) == nil else {
                throw EstimatorError.invalidPipeline("the input column name \(MessageQuoting.quote(name)) is empty or repeated")
            }
        }
        var seenNames = Set<String>()
        var used = Set<String>()
        var needed = Set<Int>()
        var outputs: [String] = []
        for entry in entries {
            let quoted = MessageQuoting.quote(entry.name)
            if let problem = ColumnTransformer.problem(withEntryName: entry.name) {
                throw EstimatorError.invalidPipeline("entry \(quoted): \(problem)")
            }
            guard seenNames.insert(entry.name).inserted else {
                throw EstimatorError.invalidPipeline("the entry name \(quoted) is used twice")
            }
            var own = Set<String>()
            for column in entry.columns {
                guard let position = positions[column] else {
                    throw EstimatorError.invalidPipeline("entry \(quoted) takes \(MessageQuoting.quote(column)), which is not an input column")
                }
                guard own.insert(column).inserted else {
                    throw EstimatorError.invalidPipeline("entry \(quoted) takes \(MessageQuoting.quote(column)) twice")
                }
                if entry.kind != .drop { needed.insert(position) }
            }
            if case let .names(names) = entry.selection, names != entry.columns {
                throw EstimatorError.invalidPipeline("entry \(quoted)'s columns are not the names it selects")
            }
            if case let .kind(kind) = entry.selection, entry.columns != entry.selection.resolve(names: inputNames, kinds: inputKinds) {
                throw EstimatorError.invalidPipeline("entry \(quoted)'s columns are not the \(kind.rawValue) input columns")
            }
            used.formUnion(entry.columns)
            let hasModel = entry.kind == .transformer && !entry.columns.isEmpty
            guard hasModel == (entry.model != nil) else {
                throw EstimatorError.invalidPipeline(hasModel ? "entry \(quoted) has no fitted transformer"
                                                              : "entry \(quoted) has a fitted transformer but is not a transformer with columns")
            }
            if let model = entry.model {
                guard model.featureNames == entry.columns, model.featureCount == entry.columns.count else {
                    throw EstimatorError.invalidPipeline("entry \(quoted)'s transformer was not fitted on the entry's columns")
                }
                if !(model is any TableTransformer),
                   let text = entry.columns.first(where: { positions[$0].map { inputKinds[$0] } != .numeric }) {
                    throw EstimatorError.invalidPipeline("entry \(quoted)'s transformer takes numbers but \(MessageQuoting.quote(text)) is categorical")
                }
            }
            let names = entry.unprefixedOutputNames
            outputs += verboseFeatureNames ? names.map { "\(entry.name)__\($0)" } : names
        }
        let unselected = inputNames.filter { !used.contains($0) }
        guard remainderColumns == (remainder == .passthrough ? unselected : []) else {
            throw EstimatorError.invalidPipeline("the remainder columns are not the columns no entry selects")
        }
        for column in remainderColumns { if let position = positions[column] { needed.insert(position) } }
        outputs += verboseFeatureNames ? remainderColumns.map { "\(ColumnTransformer.remainderName)__\($0)" } : remainderColumns
        guard !outputs.isEmpty else {
            throw EstimatorError.emptyData(what: "the column transformer outputs no columns (every entry is dropped or selects none)")
        }
        var seenOutputs = Set<String>()
        if let repeated = outputs.first(where: { !seenOutputs.insert($0).inserted }) {
            throw EstimatorError.invalidPipeline("the output column name \(MessageQuoting.quote(repeated)) repeats"
                                                 + (verboseFeatureNames ? "" : "; keep verboseFeatureNames on"))
        }
        self.entries = entries
        self.remainder = remainder
        self.remainderColumns = remainderColumns
        self.verboseFeatureNames = verboseFeatureNames
        self.sampleCount = sampleCount
        self.outputColumnNames = outputs
        self.featureNames = matchesByName ? inputNames : nil
        self.inputNames = inputNames
        self.inputKinds = inputKinds
        self.neededPositions = needed.sorted()
    }

    /// The number of input columns at fit.
    public var featureCount: Int { inputNames.count }

    /// The fitted transformer of the entry called `name` (scikit-learn's `named_transformers_`).
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when no entry of that name has one.
    public func transformer(named name: String) throws -> any Transformer {
        guard let model = entries.first(where: { $0.name == name })?.model else {
            throw EstimatorError.invalidPipeline("no fitted transformer entry named \(MessageQuoting.quote(name)) (entries: \(MessageQuoting.list(entries.map(\.name))))")
        }
        return model
    }

    /// Runs each entry on its columns of `table` and joins the outputs (entries in order, then the remainder).
    ///
    /// - Parameter table: the needed columns, matched by name (by position, all of them, when the
    ///   model was fitted without names), of their fitted kinds.
    /// - Returns: the columns named ``outputColumnNames``: numbers from the transformers, the
    ///   passed-through columns as they are.
    /// - Throws: ``EstimatorError/missingFeatures(_:available:)`` listing every absent needed column,
    ///   ``EstimatorError/featureCountMismatch(expected:actual:)``, ``EstimatorError/columnKindMismatch(column:expected:actual:)``,
    ///   ``EstimatorError/emptyData(what:)`` for no rows, or what an entry's transformer throws.
    public func transformTable(_ table: Table) throws -> Table {
        let input: Table
        if featureNames != nil {
            input = table
        } else {
            guard table.columnCount == inputNames.count else {
                throw EstimatorError.featureCountMismatch(expected: inputNames.count, actual: table.columnCount)
            }
            input = try Self.renamedPositionally(table)
        }
        let missing = neededPositions.map { inputNames[$0] }.filter { input.position(of: $0) == nil }
        guard missing.isEmpty else { throw EstimatorError.missingFeatures(missing, available: input.columnNames) }
        for position in neededPositions {
            let column = try input.column(named: inputNames[position])
            guard column.kind == inputKinds[position] else {
                throw EstimatorError.columnKindMismatch(column: column.name, expected: inputKinds[position], actual: column.kind)
            }
        }
        guard input.rowCount > 0 else { throw EstimatorError.emptyData(what: "the table has no rows") }
        var output: [TableColumn] = []
        output.reserveCapacity(outputColumnNames.count)
        for entry in entries {
            let columns: [TableColumn]
            switch entry.kind {
            case .drop: continue
            case .passthrough: columns = try input.selecting(entry.columns).columns
            case .transformer:
                guard let model = entry.model else { continue }
                columns = try Self.apply(model, to: try input.selecting(entry.columns))
            }
            output += columns
        }
        output += try input.selecting(remainderColumns).columns
        guard output.count == outputColumnNames.count, output.allSatisfy({ $0.count == input.rowCount }) else {
            throw EstimatorError.invalidPipeline("an entry's transformer output other columns than at fit")
        }
        return try Table(columns: zip(output, outputColumnNames).map { TableColumn(name: $1, values: $0.values) })
    }

    /// The output names of a fitted entry transformer (`get_feature_names_out`).
    static func outputNames(of model: any Transformer) -> [String] {
        if let tableModel = model as? any TableTransformer { return tableModel.outputColumnNames }
        return model.outputFeatureNames ?? TableTransformerSupport.positionalNames(model.featureCount)
    }

    /// The columns `model` writes for `part`: its table output, or its numbers named as at fit.
    private static func apply(_ model: any Transformer, to part: Table) throws -> [TableColumn] {
        if let tableModel = model as? any TableTransformer { return try tableModel.transformTable(part).columns }
        let x = try model.transform(part)
        let names = outputNames(of: model)
        guard x.columns == names.count, x.rows == part.rowCount else {
            throw EstimatorError.invalidPipeline("an entry's transformer output \(x.columns) columns for \(names.count) names")
        }
        return try Table(x, columnNames: names).columns
    }

    /// `table` with its columns renamed `x0`, `x1`, … (a model that matches by position).
    static func renamedPositionally(_ table: Table) throws -> Table {
        let names = TableTransformerSupport.positionalNames(table.columnCount)
        return try Table(columns: zip(table.columns, names).map { TableColumn(name: $1, values: $0.values) })
    }
}
