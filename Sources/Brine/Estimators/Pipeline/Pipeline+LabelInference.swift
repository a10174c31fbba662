/// Pipelines whose label type is inferred from the labels they are fitted on.
///
/// `Pipeline(steps: …)` written without a label type is a `Pipeline<Never>`; fitting it on labels
/// of type `L` returns a `PipelineModel<L>`, so the label type is spelled nowhere:
///
/// ```swift
/// let pipeline = Pipeline(steps: [
///     ("scaler", .transformer(StandardScaler())),
///     ("logreg", .classifier(LogisticRegression())),
/// ])
/// let model = try pipeline.fit(train)          // PipelineModel<Int> for a Dataset<Int>
/// ```
extension Pipeline where Label == Never {
    /// A pipeline of `steps` whose label type is fixed when it is fitted.
    ///
    /// - Parameter steps: `(name, step)` pairs; names must be non-empty and unique, and only the
    ///   last step may be a classifier.
    public init(steps: [(String, PipelineStep<Never>)]) {
        self.steps = steps.map { (name: $0.0, step: $0.1) }
    }

    /// The same steps as a pipeline for labels of type `Target`.
    public func labeled<Target: ClassLabel>(_ type: Target.Type = Target.self) -> Pipeline<Target> {
        Pipeline<Target>(steps: steps.map { ($0.name, $0.step.relabeled(as: Target.self)) })
    }

    /// Fits every step on `x` and `y`, the label type taken from `y`.
    ///
    /// - Throws: as the typed `Pipeline.fit(_:_:featureNames:)`.
    public func fit<Target: ClassLabel>(_ x: Matrix, _ y: [Target], featureNames: [String]? = nil) throws -> PipelineModel<Target> {
        try labeled(Target.self).fit(x, y, featureNames: featureNames)
    }

    /// Fits every step on a dataset's features, labels and feature names, the label type taken
    /// from the dataset.
    ///
    /// - Throws: as the typed `Pipeline.fit(_:_:featureNames:)`.
    public func fit<Target: ClassLabel>(_ dataset: Dataset<Target>) throws -> PipelineModel<Target> {
        try labeled(Target.self).fit(dataset.features, dataset.targets, featureNames: dataset.featureNames)
    }

    /// Fits every step on `table` and `y`, the label type taken from `y`.
    ///
    /// - Throws: as the typed table `Pipeline.fit(_:_:)`.
    public func fit<Target: ClassLabel>(_ table: Table, _ y: [Target]) throws -> PipelineModel<Target> {
        try labeled(Target.self).fit(table, y)
    }

    /// Fits every step on a tabular dataset's features and labels, the label type taken from the dataset.
    ///
    /// - Throws: as the typed table `Pipeline.fit(_:_:)`.
    public func fit<Target: ClassLabel>(_ dataset: TabularDataset<Target>) throws -> PipelineModel<Target> {
        try labeled(Target.self).fit(dataset.features, dataset.targets)
    }
}

extension Pipeline {
    /// Fits every step on a tabular dataset's features (a ``Table``) and labels.
    ///
    /// - Throws: as the table `fit(_:_:)`.
    public func fit(_ dataset: TabularDataset<Label>) throws -> PipelineModel<Label> {
        try fit(dataset.features, dataset.targets)
    }

    /// Fits every step on a dataset's features, labels and feature names.
    ///
    /// - Throws: as `fit(_:_:featureNames:)`.
    public func fit(_ dataset: Dataset<Label>) throws -> PipelineModel<Label> {
        try fit(dataset.features, dataset.targets, featureNames: dataset.featureNames)
    }
}
