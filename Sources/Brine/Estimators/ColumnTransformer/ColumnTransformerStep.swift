extension ColumnTransformer {
    /// What an entry does with its columns (scikit-learn's transformer, `"passthrough"` or `"drop"`).
    public enum Step: Sendable {
        /// A transformer fitted on the entry's columns: a ``TableTransformerEstimator``
        /// (``SimpleImputer``, ``OneHotEncoder``, ``OrdinalEncoder``, a transformers-only
        /// ``Pipeline``, another ``ColumnTransformer``) or a numeric ``TransformerEstimator`` such as
        /// ``StandardScaler`` (its columns must then be numeric).
        case transformer(any TransformerEstimator)
        /// The columns unchanged (`"passthrough"`).
        case passthrough
        /// Nothing: the columns are left out (`"drop"`), and are not part of the remainder.
        case drop

        /// `"transformer"`, `"passthrough"` or `"drop"`, as written in a file.
        public var kind: String {
            switch self {
            case .transformer: return "transformer"
            case .passthrough: return "passthrough"
            case .drop: return "drop"
            }
        }
    }
}
