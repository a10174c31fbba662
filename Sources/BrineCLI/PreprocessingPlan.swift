import Brine

/// What `brine train` does to the columns of a raw table before the model sees them: which are
/// numeric (imputed with their mean, scaled for logistic regression), which categorical (imputed
/// with their most frequent value, one-hot encoded, unknown categories ignored), which dropped.
///
/// Inference rules (each overridden by `--numeric`, `--categorical` and `--drop`):
/// - a column is numeric when every non-missing cell is a number, else categorical (``CSVReader``);
/// - a column whose every cell is missing is dropped (there is nothing to learn or impute from);
/// - a categorical column with more than ``identifierDistinctLimit`` distinct values, and more
///   distinct values than half its non-missing cells, is dropped as identifier-like (a name, a
///   ticket number): one-hot encoding it would only memorise rows;
/// - a categorical column with more than ``maximumCategories`` distinct values is dropped: its
///   one-hot columns (dense) would dwarf the data. `--categorical` keeps it.
struct PreprocessingPlan: Codable, Equatable {
    /// The metadata key the plan is saved under.
    static let metadataKey = "preprocessing"
    /// Categorical columns with at most this many distinct values are never dropped as identifier-like.
    static let identifierDistinctLimit = 20
    /// Categorical columns with more distinct values than this are dropped unless named by `--categorical`.
    static let maximumCategories = 200

    /// A column left out, and why.
    struct DroppedColumn: Codable, Equatable {
        /// The column name.
        let column: String
        /// Why it was dropped (`--drop`, or the rule that dropped it).
        let reason: String
    }

    /// The numeric columns, in table order.
    let numeric: [String]
    /// The categorical columns, in table order.
    let categorical: [String]
    /// The columns left out, in table order.
    let dropped: [DroppedColumn]
    /// Whether the numeric columns are standardised after imputation (logistic regression, `scaler+…`).
    let scalesNumbers: Bool

    enum CodingKeys: String, CodingKey {
        case numeric, categorical, dropped, scalesNumbers = "scales_numbers"
    }

    /// The plan for the feature columns of `table` (the target already removed).
    ///
    /// - Parameters:
    ///   - table: the feature columns as read (kinds already forced by `--numeric` / `--categorical`).
    ///   - drop: the columns named by `--drop`.
    ///   - forced: the columns named by `--numeric` or `--categorical`, never dropped by a rule.
    ///   - scalesNumbers: whether the model wants standardised numbers.
    init(table: Table, drop: Set<String>, forced: Set<String>, scalesNumbers: Bool) {
        var numeric: [String] = [], categorical: [String] = [], dropped: [DroppedColumn] = []
        for column in table.columns {
            let name = column.name
            if drop.contains(name) {
                dropped.append(.init(column: name, reason: "--drop"))
                continue
            }
            let present = column.count - column.missingCount
            if !forced.contains(name), present == 0 {
                dropped.append(.init(column: name, reason: "every cell is missing"))
                continue
            }
            switch column.values {
            case .numeric:
                numeric.append(name)
            case let .categorical(cells):
                let distinct = Set(cells.compactMap { $0 }).count
                if !forced.contains(name), distinct > Self.identifierDistinctLimit, distinct * 2 > present {
                    dropped.append(.init(column: name, reason: "identifier-like: \(distinct) distinct values in \(present) cells"))
                } else if !forced.contains(name), distinct > Self.maximumCategories {
                    dropped.append(.init(column: name, reason: "\(distinct) distinct values, more than \(Self.maximumCategories) one-hot columns"))
                } else {
                    categorical.append(name)
                }
            }
        }
        (self.numeric, self.categorical, self.dropped, self.scalesNumbers) = (numeric, categorical, dropped, scalesNumbers)
    }

    /// The columns of `table` the model reads (numeric and categorical), in table order.
    func keptColumns(of table: Table) -> [String] {
        let dropped = Set(self.dropped.map(\.column))
        return table.columnNames.filter { !dropped.contains($0) }
    }

    /// Whether the kept columns of `table` need preprocessing: a categorical column, or a missing
    /// number. Without either the model is fitted on the numbers directly, as for a clean file.
    func needsPreprocessing(_ table: Table) -> Bool {
        guard categorical.isEmpty else { return true }
        return numeric.contains { ((try? table.column(named: $0).missingCount) ?? 0) > 0 }
    }

    /// Whether `brine train` prints the plan: when it preprocesses, or when it drops a column.
    func needsPrinting(_ table: Table) -> Bool { needsPreprocessing(table) || !dropped.isEmpty }

    /// The most column names a plan line lists before "… and N more".
    static let listedNames = 40

    /// The plan as printed by `brine train` (three lines; each kind with its count and names).
    var lines: [String] {
        let numericSteps = scalesNumbers ? "impute mean, standardise" : "impute mean"
        func list(_ names: [String]) -> String {
            guard !names.isEmpty else { return "none" }
            let shown = names.prefix(Self.listedNames).joined(separator: ", ")
            return names.count > Self.listedNames ? "\(shown) … and \(names.count - Self.listedNames) more" : shown
        }
        return [
            "plan: \(numeric.count) numeric (\(numericSteps)): \(list(numeric))",
            "plan: \(categorical.count) categorical (impute most frequent, one-hot, unknown ignored): \(list(categorical))",
            "plan: \(dropped.count) dropped: \(list(dropped.map { "\($0.column) (\($0.reason))" }))",
        ]
    }

    /// The plan in `metadata`, or `nil` when the model was trained without one.
    static func read(from metadata: [String: JSONValue]) -> PreprocessingPlan? {
        try? metadata[metadataKey]?.decode(as: PreprocessingPlan.self)
    }
}
