/// One-row and by-name transformation on every transformer.
extension Transformer {
    /// Transforms one sample.
    ///
    /// - Parameter row: one value per feature, in the order the model was fitted on.
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values.
    public func transform(row: [Double]) throws -> [Double] {
        let output = try transform(try Matrix([row]))
        return (0..<output.columns).map { output[0, $0] }
    }

    /// Transforms `table`, its columns matched by name (see ``FittedModel/featureMatrix(from:)``).
    ///
    /// - Throws: ``EstimatorError`` for missing or text columns, or non-finite values.
    public func transform(_ table: Table) throws -> Matrix {
        try transform(try featureMatrix(from: table))
    }
}
