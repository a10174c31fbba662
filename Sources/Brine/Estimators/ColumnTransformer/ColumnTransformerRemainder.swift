extension ColumnTransformer {
    /// What happens to the columns no entry selects (scikit-learn's `remainder`).
    public enum Remainder: String, Sendable, Codable, CaseIterable {
        /// Left out (scikit-learn's default).
        case drop
        /// Appended unchanged after the entries' outputs, in table order, named `remainder__<column>`.
        case passthrough
    }
}
