extension ColumnTransformer: TableTransformerEstimator {
    /// `"ColumnTransformer"`.
    public static var estimatorName: String { "ColumnTransformer" }

    /// Text columns are accepted (each goes to the entry that selects it, or is dropped); missing
    /// cells when every transformer entry accepts them (passed-through and dropped columns may
    /// hold any).
    public var tags: EstimatorTags {
        let allowsMissing = entries.allSatisfy { entry in
            if case let .transformer(estimator) = entry.step { return estimator.tags.allowsMissingValues }
            return true
        }
        return EstimatorTags(allowsMissingValues: allowsMissing, acceptsCategorical: true)
    }

    /// Fits as ``fit(_:matchesByName:)`` does.
    ///
    /// - Throws: as ``fit(_:matchesByName:)``.
    public func fitTableTransformer(_ table: Table, matchesByName: Bool) throws -> any TableTransformer {
        try fit(table, matchesByName: matchesByName)
    }
}
