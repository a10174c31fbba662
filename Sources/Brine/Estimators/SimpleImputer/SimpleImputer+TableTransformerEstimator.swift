extension SimpleImputer: TableTransformerEstimator {
    /// `"SimpleImputer"`.
    public static var estimatorName: String { "SimpleImputer" }

    /// Missing values and categorical columns are accepted.
    public var tags: EstimatorTags { EstimatorTags(allowsMissingValues: true, acceptsCategorical: true) }

    /// Fits as ``fit(_:matchesByName:)`` does.
    ///
    /// - Throws: as ``fit(_:matchesByName:)``.
    public func fitTableTransformer(_ table: Table, matchesByName: Bool) throws -> any TableTransformer {
        try fit(table, matchesByName: matchesByName)
    }

    /// Fits as the matrix `fit(_:featureNames:)` does (sums in a C-ordered array's order).
    ///
    /// - Throws: as ``fit(_:matchesByName:)``.
    public func fitTransformer(_ x: Matrix, featureNames: [String]?) throws -> any Transformer {
        try fit(x, featureNames: featureNames)
    }
}
