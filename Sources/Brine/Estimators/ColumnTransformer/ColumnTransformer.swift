/// Applies a transformer to each selection of columns of a ``Table`` and joins the outputs side
/// by side (scikit-learn's `ColumnTransformer`).
///
/// Each ``Entry`` names a step (a transformer, ``Step/passthrough`` or ``Step/drop``) and the
/// columns it takes, by name or by kind. The output has, in order, each entry's output columns
/// (entries in order; a dropped entry or one that selected no column outputs nothing), then with
/// ``Remainder/passthrough`` the columns no entry selected, in table order. Output columns are named
/// `<entry>__<column>` and `remainder__<column>`, as scikit-learn's `get_feature_names_out` with
/// `verbose_feature_names_out=True`; with `verboseFeatureNames: false`, the plain names (which
/// must then be distinct).
///
/// ```swift
/// let preprocess = ColumnTransformer([
///     .init(name: "num", step: .transformer(Pipeline(steps: [
///         ("impute", .transformer(SimpleImputer(strategy: .mean))),
///         ("scale", .transformer(StandardScaler())),
///     ])), columns: .kind(.numeric)),
///     .init(name: "cat", step: .transformer(Pipeline(steps: [
///         ("impute", .transformer(SimpleImputer(strategy: .mostFrequent))),
///         ("onehot", .transformer(OneHotEncoder(handleUnknown: .ignore))),
///     ])), columns: .names(["sex", "island"])),
/// ], remainder: .drop)
/// let model = try Pipeline(steps: [
///     ("preprocess", .transformer(preprocess)),
///     ("forest", .classifier(RandomForestClassifier())),
/// ]).fit(table, labels)
/// ```
///
/// Selections are resolved to column names at fit; the fitted ``ColumnTransformerModel`` keeps
/// every fitted step and saves them in one file.
public struct ColumnTransformer: Sendable {
    /// The entries, in output order.
    public var entries: [Entry]
    /// What happens to the columns no entry selects.
    public var remainder: Remainder
    /// Prefix each output name with its entry name and `__` (scikit-learn's `verbose_feature_names_out`).
    public var verboseFeatureNames: Bool

    /// The entry name kept for the columns passed through by ``Remainder/passthrough``.
    public static let remainderName = "remainder"

    /// A column transformer of `entries`.
    ///
    /// - Parameters:
    ///   - entries: the named steps and their columns (checked when fitting).
    ///   - remainder: what to do with the columns no entry selects; scikit-learn's default, `.drop`.
    ///   - verboseFeatureNames: prefix output names with the entry name (scikit-learn's default).
    public init(_ entries: [Entry], remainder: Remainder = .drop, verboseFeatureNames: Bool = true) {
        self.entries = entries
        self.remainder = remainder
        self.verboseFeatureNames = verboseFeatureNames
    }

    /// Why `name` cannot name an entry, or `nil` when it can: it must be non-empty, without `__`
    /// (scikit-learn's rule: `__` separates nested parameter names) or `.` (the file format's
    /// separator of nested array names), and not `remainder`.
    static func problem(withEntryName name: String) -> String? {
        if name.isEmpty { return "an entry name must not be empty" }
        if name.contains("__") { return "an entry name must not contain \"__\"" }
        if name.contains(".") { return "an entry name must not contain \".\" (the file format's separator)" }
        if name == remainderName { return "\"remainder\" names the remainder columns" }
        return nil
    }

    /// Checks the entries: names valid and distinct, no column listed twice in one selection.
    ///
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)`` naming the entry.
    public func validate() throws {
        var seen = Set<String>()
        for (index, entry) in entries.enumerated() {
            if let problem = Self.problem(withEntryName: entry.name) {
                throw EstimatorError.invalidHyperparameter(name: "entries[\(index)].name", value: MessageQuoting.quote(entry.name), reason: problem)
            }
            guard seen.insert(entry.name).inserted else {
                throw EstimatorError.invalidHyperparameter(name: "entries[\(index)].name", value: MessageQuoting.quote(entry.name), reason: "the name is used by two entries")
            }
            if case let .names(names) = entry.columns {
                var selected = Set<String>()
                for name in names where !selected.insert(name).inserted {
                    throw EstimatorError.invalidHyperparameter(name: "entries[\(index)].columns", value: MessageQuoting.quote(name),
                                                               reason: "the column is selected twice by entry \(MessageQuoting.quote(entry.name))")
                }
            }
        }
    }

    /// Fits every entry's transformer on its columns of `table`.
    ///
    /// - Parameters:
    ///   - table: the training data, at least one row and one column.
    ///   - matchesByName: keep the column names and match columns by name later; `false` for
    ///     unnamed data: the model matches by position and its columns are named `x0`, `x1`, ….
    /// - Returns: the fitted ``ColumnTransformerModel``.
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)`` for bad entries,
    ///   ``EstimatorError/missingFeatures(_:available:)`` for selected columns the table lacks,
    ///   ``EstimatorError/emptyData(what:)`` for an empty table or when nothing would be output,
    ///   ``EstimatorError/invalidPipeline(_:)`` for output names that repeat, or what a step throws.
    public func fit(_ table: Table, matchesByName: Bool = true) throws -> ColumnTransformerModel {
        try validate()
        guard table.rowCount > 0 else { throw EstimatorError.emptyData(what: "the table has no rows") }
        guard table.columnCount > 0 else { throw EstimatorError.emptyData(what: "the table has no columns") }
        let input = matchesByName ? table : try ColumnTransformerModel.renamedPositionally(table)
        let names = input.columnNames
        let kinds = input.columns.map(\.kind)
        var fitted: [ColumnTransformerModel.FittedEntry] = []
        fitted.reserveCapacity(entries.count)
        for entry in entries {
            let columns = entry.columns.resolve(names: names, kinds: kinds)
            let missing = columns.filter { input.position(of: $0) == nil }
            guard missing.isEmpty else { throw EstimatorError.missingFeatures(missing, available: names) }
            var model: (any Transformer)? = nil
            if case let .transformer(estimator) = entry.step, !columns.isEmpty {
                // scikit-learn skips a transformer whose selection is empty: it is not fitted.
                let part = try input.selecting(columns)
                if let tableEstimator = estimator as? any TableTransformerEstimator {
                    model = try tableEstimator.fitTableTransformer(part, matchesByName: true)
                } else {
                    model = try estimator.fitTransformer(part)
                }
            }
            fitted.append(ColumnTransformerModel.FittedEntry(
                name: entry.name, kind: ColumnTransformerModel.EntryKind(entry.step), selection: entry.columns,
                columns: columns, model: model))
        }
        let used = Set(fitted.flatMap(\.columns))
        let remainderColumns = remainder == .passthrough ? names.filter { !used.contains($0) } : []
        return try ColumnTransformerModel(
            entries: fitted, remainder: remainder, remainderColumns: remainderColumns,
            verboseFeatureNames: verboseFeatureNames, inputNames: names, inputKinds: kinds,
            matchesByName: matchesByName, sampleCount: table.rowCount)
    }
}
