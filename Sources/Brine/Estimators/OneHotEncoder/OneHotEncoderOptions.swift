/// What ``OneHotEncoder`` does with a category not seen at fit (scikit-learn's `handle_unknown`).
public enum UnknownCategoryHandling: String, Sendable, Codable, CaseIterable, Hashable {
    /// Throw ``EstimatorError/unknownCategory(column:row:value:)`` (`"error"`).
    case error
    /// Encode the feature as all zeros (`"ignore"`).
    case ignore
}

/// Which category ``OneHotEncoder`` leaves out of each feature's columns (scikit-learn's `drop`).
public enum CategoryDrop: String, Sendable, Codable, CaseIterable, Hashable {
    /// Keep every category (`None`).
    case none
    /// Drop each feature's first output column (`"first"`): the first frequent category, or the
    /// infrequent group when every category is infrequent.
    case first
    /// Drop the first output column of features with exactly two (`"if_binary"`, counted after grouping).
    case ifBinary
}

/// The minimum frequency below which a category is grouped into the infrequent category
/// (scikit-learn's `min_frequency`).
public enum MinimumFrequency: Sendable, Codable, Hashable {
    /// At least this many rows (scikit-learn's integer `min_frequency`).
    case count(Int)
    /// At least this fraction of the rows, in (0, 1] (scikit-learn's float `min_frequency`).
    case fraction(Double)
}
