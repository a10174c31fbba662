/// A chain of named steps — any number of transformers, then optionally a classifier — fitted
/// and applied as one estimator (scikit-learn's `Pipeline`).
///
/// Fitting fits each transformer on the output of the previous one and the classifier on the
/// output of the last transformer. The fitted ``PipelineModel`` runs the same chain at predict
/// time and saves every fitted step in one file.
///
/// ```swift
/// let pipeline = Pipeline<Int>(steps: [
///     ("scale", .transformer(StandardScaler())),
///     ("classify", .classifier(LogisticRegression())),
/// ])
/// let model = try pipeline.fit(train.features, train.targets, featureNames: train.featureNames)
/// let predictions = try model.predict(test.features)
/// ```
///
/// A pipeline of transformers only is fitted without labels by ``fitTransformers(_:featureNames:)``;
/// write it as `Pipeline<Never>` when it has no label type.
public struct Pipeline<Label: ClassLabel>: Sendable {
    /// The steps in order, each with its name.
    public let steps: [(name: String, step: PipelineStep<Label>)]

    /// A pipeline of `steps`. The steps are checked by ``validate()`` when fitting.
    ///
    /// - Parameter steps: `(name, step)` pairs; names must be non-empty and unique, and only the
    ///   last step may be a classifier.
    public init(steps: [(String, PipelineStep<Label>)]) {
        self.steps = steps.map { (name: $0.0, step: $0.1) }
    }

    /// The step names, in order.
    public var stepNames: [String] { steps.map(\.name) }

    /// Whether the last step is a classifier.
    public var hasClassifier: Bool {
        if case .classifier = steps.last?.step { return true }
        return false
    }

    /// Checks the structure: at least one step, non-empty unique names, a classifier only last.
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` naming the problem.
    public func validate() throws {
        guard !steps.isEmpty else { throw EstimatorError.invalidPipeline("a pipeline needs at least one step") }
        var seen = Set<String>()
        for (index, (name, step)) in steps.enumerated() {
            guard !name.isEmpty else { throw EstimatorError.invalidPipeline("step \(index) has an empty name") }
            guard seen.insert(name).inserted else {
                throw EstimatorError.invalidPipeline("the step name \"\(name)\" is used twice")
            }
            if case .classifier = step, index != steps.count - 1 {
                throw EstimatorError.invalidPipeline(
                    "step \"\(name)\" is a classifier; only the last step may be a classifier")
            }
        }
    }

    /// Fits every step in turn on `x` and `y`.
    ///
    /// Only the first step receives `featureNames`: Brine cannot know the column names a
    /// transformer produces, so later steps are fitted without names. The pipeline model
    /// reports the first step's names.
    ///
    /// - Parameters:
    ///   - x: the training data, one row per sample.
    ///   - y: one label per row (used by the classifier step; checked even without one).
    ///   - featureNames: a name per column of `x`.
    /// - Returns: the fitted ``PipelineModel``.
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` for a malformed pipeline, or whatever a step throws
    ///   (``EstimatorError`` for bad data or hyperparameters).
    public func fit(_ x: Matrix, _ y: [Label], featureNames: [String]? = nil) throws -> PipelineModel<Label> {
        try validate()
        try InputValidation.checkShape(rows: x.rows, columns: x.columns, targets: y.count, featureNames: featureNames)
        return try fitSteps(.matrix(x, names: featureNames), y)
    }

    /// Fits a pipeline of transformers only (no labels needed).
    ///
    /// - Parameters:
    ///   - x: the training data, one row per sample.
    ///   - featureNames: a name per column of `x`.
    /// - Returns: the fitted ``PipelineModel``; use its `transform(_:)`.
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when a step is a classifier, or whatever a step throws.
    public func fitTransformers(_ x: Matrix, featureNames: [String]? = nil) throws -> PipelineModel<Label> {
        try validate()
        if let step = steps.last, case .classifier = step.step {
            throw EstimatorError.invalidPipeline("step \"\(step.name)\" is a classifier; fit the pipeline with labels")
        }
        try InputValidation.checkShape(rows: x.rows, columns: x.columns, targets: nil, featureNames: featureNames)
        return try fitSteps(.matrix(x, names: featureNames), nil)
    }

    /// Fits every step in turn on `table` and `y`. The first step receives the table (a
    /// ``TableTransformerEstimator`` reads its text columns and missing cells; any other step takes
    /// it as numbers); each later step takes what the step before it produces, with its column names.
    ///
    /// - Parameters:
    ///   - table: the training data, one row per sample; its column names are the feature names.
    ///   - y: one label per row.
    /// - Returns: the fitted ``PipelineModel``.
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` for a malformed pipeline,
    ///   ``EstimatorError/sampleCountMismatch(features:targets:)``, or whatever a step throws.
    public func fit(_ table: Table, _ y: [Label]) throws -> PipelineModel<Label> {
        try validate()
        try InputValidation.checkShape(rows: table.rowCount, columns: table.columnCount, targets: y.count, featureNames: nil)
        return try fitSteps(.table(table), y)
    }

    /// Fits a pipeline of transformers only on `table` (see the table `fit(_:_:)`).
    ///
    /// - Parameter table: the training data; its column names are the feature names.
    /// - Returns: the fitted ``PipelineModel``; use its ``PipelineModel/transformTable(_:)``.
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when a step is a classifier, or whatever a step throws.
    public func fitTransformers(_ table: Table) throws -> PipelineModel<Label> {
        try validate()
        if let step = steps.last, case .classifier = step.step {
            throw EstimatorError.invalidPipeline("step \"\(step.name)\" is a classifier; fit the pipeline with labels")
        }
        return try fitSteps(.table(table), nil)
    }

    /// The first step's tags: what the pipeline accepts as input.
    public var tags: EstimatorTags {
        switch steps.first?.step {
        case let .transformer(estimator): return estimator.tags
        case let .classifier(estimator): return estimator.tags
        case nil: return EstimatorTags()
        }
    }

    private func fitSteps(_ input: PipelineData, _ y: [Label]?) throws -> PipelineModel<Label> {
        var current = input
        var fitted: [PipelineModel<Label>.FittedStep] = []
        for (index, (name, step)) in steps.enumerated() {
            // A matrix pipeline names only the first step's input (the names of a matrix step's
            // output are unknown); after a table step, the names of its output columns.
            let names: [String]?
            if case let .matrix(_, known) = current { names = known } else { names = nil }
            let isLast = index == steps.count - 1
            switch step {
            case let .transformer(estimator):
                let model = try current.fit(estimator, names: names)
                if !isLast { current = try current.transformed(by: model) }
                fitted.append(.init(name: name, model: .transformer(model)))
            case let .classifier(estimator):
                guard let y else {
                    throw EstimatorError.invalidPipeline("step \"\(name)\" is a classifier; fit the pipeline with labels")
                }
                let model: any Classifier<Label> = try current.fit(estimator, y, names: names)
                fitted.append(.init(name: name, model: .classifier(model)))
            }
        }
        return try PipelineModel(steps: fitted)
    }
}
