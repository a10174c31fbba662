extension Pipeline: ClassifierEstimator {
    /// `"Pipeline"`.
    public static var estimatorName: String { "Pipeline" }

    /// Fits the same steps for labels of type `L` (the steps do not depend on the label type).
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when the last step is not a classifier, or as `fit(_:_:featureNames:)`.
    public func fitClassifier<L: ClassLabel>(_ x: Matrix, _ y: [L], featureNames: [String]?) throws -> any Classifier<L> {
        guard hasClassifier else {
            throw EstimatorError.invalidPipeline("the last step is not a classifier")
        }
        let relabeled = Pipeline<L>(steps: steps.map { ($0.name, $0.step.relabeled(as: L.self)) })
        return try relabeled.fit(x, y, featureNames: featureNames)
    }

    /// Fits the same steps for labels of type `L` on `table` (see the table `fit(_:_:)`).
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when the last step is not a classifier, or as the table `fit`.
    public func fitClassifier<L: ClassLabel>(_ table: Table, _ y: [L]) throws -> any Classifier<L> {
        guard hasClassifier else {
            throw EstimatorError.invalidPipeline("the last step is not a classifier")
        }
        let relabeled = Pipeline<L>(steps: steps.map { ($0.name, $0.step.relabeled(as: L.self)) })
        return try relabeled.fit(table, y)
    }
}
