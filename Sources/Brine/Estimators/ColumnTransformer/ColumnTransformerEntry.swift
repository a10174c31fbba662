extension ColumnTransformer {
    /// One named entry of a ``ColumnTransformer``: a step over a selection of columns
    /// (scikit-learn's `(name, transformer, columns)` triple).
    public struct Entry: Sendable {
        /// The entry name: the prefix of its output names (`<name>__<column>`).
        public var name: String
        /// What the entry does with its columns.
        public var step: Step
        /// The columns it takes.
        public var columns: ColumnSelection

        /// An entry.
        ///
        /// - Parameters:
        ///   - name: non-empty, unique in the column transformer, without `__` or `.`, not `remainder`.
        ///   - step: a transformer, ``Step/passthrough`` or ``Step/drop``.
        ///   - columns: the columns it takes, by name or by kind.
        public init(name: String, step: Step, columns: ColumnSelection) {
            self.name = name
            self.step = step
            self.columns = columns
        }
    }
}
