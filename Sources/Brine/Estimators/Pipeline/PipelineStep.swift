/// One unfitted step of a ``Pipeline``: a transformer, or (as the last step only) a classifier.
///
/// The steps hold estimators of any label type; `Label` is the pipeline's label type.
public enum PipelineStep<Label: ClassLabel>: Sendable {
    /// A transformer (for example a ``StandardScaler``); its output feeds the next step.
    case transformer(any TransformerEstimator)
    /// A classifier; allowed only as the last step.
    case classifier(any ClassifierEstimator)

    /// `"transformer"` or `"classifier"`, as written in a pipeline's file.
    public var kind: String {
        switch self {
        case .transformer: return "transformer"
        case .classifier: return "classifier"
        }
    }

    /// The estimator's ``TransformerEstimator/estimatorName`` or ``ClassifierEstimator/estimatorName``.
    public var estimatorName: String {
        switch self {
        case let .transformer(estimator): return type(of: estimator).estimatorName
        case let .classifier(estimator): return type(of: estimator).estimatorName
        }
    }

    /// The same step for a pipeline of another label type.
    func relabeled<Other: ClassLabel>(as type: Other.Type = Other.self) -> PipelineStep<Other> {
        switch self {
        case let .transformer(estimator): return .transformer(estimator)
        case let .classifier(estimator): return .classifier(estimator)
        }
    }
}
