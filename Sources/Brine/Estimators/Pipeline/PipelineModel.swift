/// A fitted ``Pipeline``: fitted transformers, then optionally a fitted classifier.
///
/// `transform(_:)` runs the transformers; `predict(_:)` and `predictProbabilities(_:)` run
/// the transformers and then the classifier. The model is itself a ``Transformer`` and a
/// ``Classifier``, so it can be a step of another pipeline. Immutable and `Sendable`.
public struct PipelineModel<Label: ClassLabel>: TableTransformer, Classifier, Sendable {
    /// A fitted step.
    public struct FittedStep: Sendable {
        /// The fitted model of a step.
        public enum Model: Sendable {
            /// A fitted transformer.
            case transformer(any Transformer)
            /// A fitted classifier (the last step only).
            case classifier(any Classifier<Label>)
        }

        /// The step name.
        public let name: String
        /// The fitted model.
        public let model: Model

        /// Pairs a name with a fitted model.
        public init(name: String, model: Model) {
            self.name = name
            self.model = model
        }

        /// The fitted model as a ``FittedModel``.
        public var fittedModel: any FittedModel {
            switch model {
            case let .transformer(transformer): return transformer
            case let .classifier(classifier): return classifier
            }
        }

        /// `"transformer"` or `"classifier"`.
        public var kind: String {
            switch model {
            case .transformer: return "transformer"
            case .classifier: return "classifier"
            }
        }
    }

    /// The fitted steps, in order.
    public let steps: [FittedStep]
    /// The fitted transformers, in order (every step but a final classifier).
    public let transformers: [any Transformer]
    /// The final classifier, if the pipeline has one.
    public let classifier: (any Classifier<Label>)?

    /// Assembles a pipeline model from fitted steps.
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` for no steps, empty or repeated names,
    ///   or a classifier that is not the last step.
    public init(steps: [FittedStep]) throws {
        guard !steps.isEmpty else { throw EstimatorError.invalidPipeline("a pipeline needs at least one step") }
        var seen = Set<String>()
        var transformers: [any Transformer] = []
        var classifier: (any Classifier<Label>)? = nil
        for (index, step) in steps.enumerated() {
            guard !step.name.isEmpty else { throw EstimatorError.invalidPipeline("step \(index) has an empty name") }
            guard seen.insert(step.name).inserted else {
                throw EstimatorError.invalidPipeline("the step name \"\(step.name)\" is used twice")
            }
            switch step.model {
            case let .transformer(model): transformers.append(model)
            case let .classifier(model):
                guard index == steps.count - 1 else {
                    throw EstimatorError.invalidPipeline(
                        "step \"\(step.name)\" is a classifier; only the last step may be a classifier")
                }
                classifier = model
            }
        }
        self.steps = steps
        self.transformers = transformers
        self.classifier = classifier
    }

    /// The step names, in order.
    public var stepNames: [String] { steps.map(\.name) }

    /// The fitted model of the step called `name`.
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when there is no such step.
    public func step(named name: String) throws -> any FittedModel {
        guard let step = steps.first(where: { $0.name == name }) else {
            throw EstimatorError.invalidPipeline(
                "no step named \"\(name)\" (steps: \(stepNames.joined(separator: ", ")))")
        }
        return step.fittedModel
    }

    /// The number of features the first step expects.
    public var featureCount: Int { steps.first?.fittedModel.featureCount ?? 0 }

    /// The feature names the first step was fitted with.
    public var featureNames: [String]? { steps.first?.fittedModel.featureNames }

    /// The classifier's classes; empty when the pipeline has no classifier.
    public var classes: [Label] { classifier?.classes ?? [] }

    /// Runs `x` through every transformer (not the classifier).
    ///
    /// - Throws: ``EstimatorError`` from a step (wrong feature count, non-finite values).
    public func transform(_ x: Matrix) throws -> Matrix {
        // The first step validates the input; an empty list of transformers still checks it.
        if transformers.isEmpty { try InputValidation.checkFeatures(x, expectedFeatures: featureCount) }
        var current = x
        for transformer in transformers { current = try transformer.transform(current) }
        return current
    }

    /// The classifier's predictions for `x` after the transformers.
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when the pipeline has no classifier, or a step's error.
    public func predict(_ x: Matrix) throws -> [Label] {
        if let (scaler, logistic) = scalerThenLogisticRegression, let labels = try logistic.predict(x, after: scaler) {
            return labels
        }
        return try requireClassifier().predict(try transform(x))
    }

    /// The classifier's class probabilities for `x` after the transformers (columns in ``classes`` order).
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when the pipeline has no classifier, or a step's error.
    public func predictProbabilities(_ x: Matrix) throws -> Matrix {
        if let (scaler, logistic) = scalerThenLogisticRegression, let probabilities = try logistic.predictProbabilities(x, after: scaler) {
            return probabilities
        }
        return try requireClassifier().predictProbabilities(try transform(x))
    }

    /// The two steps when the pipeline is exactly a ``StandardScalerModel`` then a
    /// ``LogisticRegressionModel``, which predict in one fused pass over the input (bit-identical).
    private var scalerThenLogisticRegression: (StandardScalerModel, LogisticRegressionModel<Label>)? {
        guard transformers.count == 1, let scaler = transformers[0] as? StandardScalerModel,
              let logistic = classifier as? LogisticRegressionModel<Label> else { return nil }
        return (scaler, logistic)
    }

    /// Runs `table` through every transformer: the first step reads the table, each later step
    /// what the step before it produced; returns numbers.
    ///
    /// - Throws: ``EstimatorError`` from a step, or ``EstimatorError/nonNumericFeature(_:)`` when
    ///   the output has text columns.
    public func transform(_ table: Table) throws -> Matrix {
        if transformers.isEmpty { return try featureMatrix(from: table) }
        return try run(.table(table)).matrix()
    }

    /// Runs `table` through every transformer and returns the output as a table (columns named
    /// ``outputColumnNames``).
    ///
    /// - Throws: ``EstimatorError`` from a step.
    public func transformTable(_ table: Table) throws -> Table {
        switch try run(.table(table)) {
        case let .table(output): return output
        case let .matrix(output, names):
            return try Table(output, columnNames: names ?? TableTransformerSupport.positionalNames(output.columns))
        }
    }

    /// The names of the last transformer's output columns (`x0`, `x1`, … where a step does not
    /// know them).
    public var outputColumnNames: [String] {
        guard let last = transformers.last else { return featureNames ?? TableTransformerSupport.positionalNames(featureCount) }
        if let table = last as? any TableTransformer { return table.outputColumnNames }
        return last.outputFeatureNames ?? TableTransformerSupport.positionalNames(last.featureCount)
    }

    /// The classifier's predictions for `table` after the transformers (the first reads the table).
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when the pipeline has no classifier, or a step's error.
    public func predict(_ table: Table) throws -> [Label] {
        let classifier = try requireClassifier()
        switch try run(.table(table)) {
        case let .table(output): return try classifier.predict(output)
        case let .matrix(output, _): return try classifier.predict(output)
        }
    }

    /// The classifier's class probabilities for `table` after the transformers (columns in ``classes`` order).
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` when the pipeline has no classifier, or a step's error.
    public func predictProbabilities(_ table: Table) throws -> Matrix {
        let classifier = try requireClassifier()
        switch try run(.table(table)) {
        case let .table(output): return try classifier.predictProbabilities(output)
        case let .matrix(output, _): return try classifier.predictProbabilities(output)
        }
    }

    private func run(_ input: PipelineData) throws -> PipelineData {
        var current = input
        for transformer in transformers { current = try current.transformed(by: transformer) }
        return current
    }

    private func requireClassifier() throws -> any Classifier<Label> {
        guard let classifier else { throw EstimatorError.invalidPipeline("the pipeline has no classifier step") }
        return classifier
    }
}
