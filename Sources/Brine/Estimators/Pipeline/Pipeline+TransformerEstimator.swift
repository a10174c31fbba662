extension Pipeline: TransformerEstimator {
    /// Fits a transformers-only pipeline as ``fitTransformers(_:featureNames:)`` does.
    ///
    /// - Throws: as ``fitTransformers(_:featureNames:)``.
    public func fitTransformer(_ x: Matrix, featureNames: [String]?) throws -> any Transformer {
        try fitTransformers(x, featureNames: featureNames)
    }
}
