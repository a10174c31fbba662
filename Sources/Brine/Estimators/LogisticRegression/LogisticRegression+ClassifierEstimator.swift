extension LogisticRegression: ClassifierEstimator {
    /// `"LogisticRegression"`.
    public static var estimatorName: String { "LogisticRegression" }

    /// Fits as ``fit(_:_:featureNames:progress:)`` does and returns the model as an existential (for ``Pipeline``).
    ///
    /// - Throws: ``EstimatorError`` as ``fit(_:_:featureNames:progress:)`` does.
    public func fitClassifier<Label: ClassLabel>(
        _ x: Matrix, _ y: [Label], featureNames: [String]?
    ) throws -> any Classifier<Label> {
        try fit(x, y, featureNames: featureNames)
    }
}
