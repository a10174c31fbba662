extension Pipeline: TableTransformerEstimator {
    /// Fits a transformers-only pipeline as ``fitTransformers(_:featureNames:)`` does.
    ///
    /// - Throws: as ``fitTransformers(_:featureNames:)``.
    public func fitTransformer(_ x: Matrix, featureNames: [String]?) throws -> any Transformer {
        try fitTransformers(x, featureNames: featureNames)
    }

    /// Fits a transformers-only pipeline on `table` as ``fitTransformers(_:)`` does (a pipeline
    /// always matches its input columns by name).
    ///
    /// - Throws: as ``fitTransformers(_:)``.
    public func fitTableTransformer(_ table: Table, matchesByName: Bool) throws -> any TableTransformer {
        try fitTransformers(table)
    }
}
