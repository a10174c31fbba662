/// One named column of a ``Table``: numbers (`Double`, NaN = missing) or categories
/// (`String`, `nil` = missing).
public struct TableColumn: Sendable, Equatable {
    /// The values of a column, by kind.
    public enum Values: Sendable, Equatable {
        /// Numbers; `Double.nan` marks a missing cell.
        case numeric([Double])
        /// Text categories; `nil` marks a missing cell.
        case categorical([String?])

        /// The number of cells.
        public var count: Int {
            switch self {
            case let .numeric(values): return values.count
            case let .categorical(values): return values.count
            }
        }

        /// Whether two value lists are equal, NaN matching NaN (Swift's `==` says NaN ≠ NaN).
        public static func == (lhs: Values, rhs: Values) -> Bool {
            switch (lhs, rhs) {
            case let (.numeric(a), .numeric(b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) || $0 == $1 }
            case let (.categorical(a), .categorical(b)): return a == b
            default: return false
            }
        }
    }

    /// The column's name (the CSV header field).
    public let name: String
    /// The cells.
    public let values: Values

    /// A column called `name` holding `values`.
    public init(name: String, values: Values) {
        self.name = name
        self.values = values
    }

    /// A numeric column (NaN = missing).
    public static func numeric(_ name: String, _ values: [Double]) -> TableColumn {
        TableColumn(name: name, values: .numeric(values))
    }

    /// A categorical column (`nil` = missing).
    public static func categorical(_ name: String, _ values: [String?]) -> TableColumn {
        TableColumn(name: name, values: .categorical(values))
    }

    /// Numeric or categorical.
    public var kind: ColumnKind {
        switch values {
        case .numeric: return .numeric
        case .categorical: return .categorical
        }
    }

    /// The number of cells.
    public var count: Int { values.count }

    /// The numbers, or `nil` for a categorical column.
    public var numericValues: [Double]? {
        if case let .numeric(values) = values { return values }
        return nil
    }

    /// The categories, or `nil` for a numeric column.
    public var categoricalValues: [String?]? {
        if case let .categorical(values) = values { return values }
        return nil
    }

    /// The number of missing cells (NaN or `nil`).
    public var missingCount: Int {
        switch values {
        case let .numeric(values): return values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case let .categorical(values): return values.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
    }

    /// The cells at `indices`, in that order (indices must be in range; ``Table/rows(_:)`` checks them).
    func selecting(_ indices: [Int]) -> TableColumn {
        switch values {
        case let .numeric(values): return .numeric(name, indices.map { values[$0] })
        case let .categorical(values): return .categorical(name, indices.map { values[$0] })
        }
    }
}

/// The kind of a ``TableColumn``.
public enum ColumnKind: String, Sendable, Codable, CaseIterable {
    /// Numbers (`Double`, NaN = missing).
    case numeric
    /// Text categories (`String`, `nil` = missing).
    case categorical
}
