extension RandomForestClassifier: ClassifierEstimator {
    /// `"RandomForest"`, the model's type name in files.
    public static var estimatorName: String { "RandomForest" }

    /// Grows the forest (see ``fit(_:_:featureNames:progress:)``) and returns it as a ``Classifier``.
    public func fitClassifier<Label: ClassLabel>(_ x: Matrix, _ y: [Label], featureNames: [String]?) throws -> any Classifier<Label> {
        try fit(x, y, featureNames: featureNames)
    }
}
