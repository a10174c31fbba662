extension OrdinalEncoder: TableTransformerEstimator {
    /// `"OrdinalEncoder"`.
    public static var estimatorName: String { "OrdinalEncoder" }

    /// Missing values and categorical columns are accepted.
    public var tags: EstimatorTags { EstimatorTags(allowsMissingValues: true, acceptsCategorical: true) }

    /// Fits as ``fit(_:matchesByName:)`` does.
    ///
    /// - Throws: as ``fit(_:matchesByName:)``.
    public func fitTableTransformer(_ table: Table, matchesByName: Bool) throws -> any TableTransformer {
        try fit(table, matchesByName: matchesByName)
    }
}
