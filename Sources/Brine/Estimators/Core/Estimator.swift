/// What every fitted model offers: the number (and optionally names) of the features it expects.
///
/// Fitted models are immutable values, `Sendable` and safe to share between threads.
public protocol FittedModel: Persistable {
    /// The number of features (columns) the model was fitted on and expects at predict time.
    var featureCount: Int { get }
    /// The feature names seen at fit time, when they were given.
    var featureNames: [String]? { get }
}

/// A fitted model that maps a feature matrix to another feature matrix (a scaler, say).
public protocol Transformer: FittedModel {
    /// Transforms `x` (one row per sample).
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values.
    func transform(_ x: Matrix) throws -> Matrix
}

/// A fitted classifier.
public protocol Classifier<Label>: FittedModel {
    /// The kind of class label.
    associatedtype Label: ClassLabel
    /// The classes, sorted; the column order of ``predictProbabilities(_:)``.
    var classes: [Label] { get }
    /// The most probable class of each row of `x`.
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values.
    func predict(_ x: Matrix) throws -> [Label]
    /// One row per sample, one column per class (in ``classes`` order), each row summing to 1.
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values.
    func predictProbabilities(_ x: Matrix) throws -> Matrix
}

/// Hyperparameters of a transformer; fitting returns the fitted ``Transformer``.
public protocol TransformerEstimator: Sendable {
    /// The name of the estimator in manifests and messages (for example `"StandardScaler"`).
    static var estimatorName: String { get }
    /// Fits on `x` and returns the fitted transformer as an existential (used by ``Pipeline``).
    func fitTransformer(_ x: Matrix, featureNames: [String]?) throws -> any Transformer
}

/// Hyperparameters of a classifier; fitting returns the fitted ``Classifier``.
public protocol ClassifierEstimator: Sendable {
    /// The name of the estimator in manifests and messages (for example `"LogisticRegression"`).
    static var estimatorName: String { get }
    /// Fits on `x` and `y` and returns the fitted classifier as an existential (used by ``Pipeline``).
    func fitClassifier<Label: ClassLabel>(_ x: Matrix, _ y: [Label], featureNames: [String]?) throws -> any Classifier<Label>
}
