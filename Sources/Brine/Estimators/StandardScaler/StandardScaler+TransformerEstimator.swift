extension StandardScaler: TransformerEstimator {
    /// `"StandardScaler"`.
    public static var estimatorName: String { "StandardScaler" }

    /// Fits as ``fit(_:featureNames:)`` does and returns the model as a ``Transformer`` (for ``Pipeline``).
    ///
    /// - Throws: as ``fit(_:featureNames:)``.
    public func fitTransformer(_ x: Matrix, featureNames: [String]?) throws -> any Transformer {
        try fit(x, featureNames: featureNames)
    }
}
