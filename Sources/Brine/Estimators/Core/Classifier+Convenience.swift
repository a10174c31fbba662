/// One-row and by-name prediction, and probabilities keyed by class, on every classifier.
extension Classifier {
    /// The most probable class of one sample.
    ///
    /// - Parameter row: one value per feature, in the order the model was fitted on.
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values.
    public func predict(row: [Double]) throws -> Label {
        let labels = try predict(try Matrix([row]))
        guard let label = labels.first else { throw EstimatorError.emptyData(what: "the prediction of one row") }
        return label
    }

    /// The probability of each class for one sample, keyed by class.
    ///
    /// - Parameter row: one value per feature, in the order the model was fitted on.
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values.
    public func predictProbabilities(row: [Double]) throws -> [Label: Double] {
        let probabilities = try predictProbabilities(try Matrix([row]))
        guard probabilities.rows == 1, probabilities.columns == classes.count else {
            throw EstimatorError.featureCountMismatch(expected: classes.count, actual: probabilities.columns)
        }
        var byClass: [Label: Double] = [:]
        for (index, label) in classes.enumerated() { byClass[label] = probabilities[0, index] }
        return byClass
    }

    /// The most probable class of each row of `table`, its columns matched by name
    /// (see ``FittedModel/featureMatrix(from:)``).
    ///
    /// - Throws: ``EstimatorError`` for missing or text columns, or non-finite values.
    public func predict(_ table: Table) throws -> [Label] {
        try predict(try featureMatrix(from: table))
    }

    /// Class probabilities of each row of `table` (one column per class, in ``classes`` order),
    /// its columns matched by name (see ``FittedModel/featureMatrix(from:)``).
    ///
    /// - Throws: ``EstimatorError`` for missing or text columns, or non-finite values.
    public func predictProbabilities(_ table: Table) throws -> Matrix {
        try predictProbabilities(try featureMatrix(from: table))
    }
}
