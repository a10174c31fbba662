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
    /// Transforms `table`. The default matches its columns by name
    /// (``FittedModel/featureMatrix(from:)``); a ``TableTransformer`` reads the table itself.
    ///
    /// - Throws: ``EstimatorError`` for missing or text columns, or values the model refuses.
    func transform(_ table: Table) throws -> Matrix
    /// The names of the output columns (scikit-learn's `get_feature_names_out`), when known. The
    /// default is ``FittedModel/featureNames``: one output column per input column.
    var outputFeatureNames: [String]? { get }
}

/// A fitted classifier.
public protocol Classifier<Label>: FittedModel {
    /// The kind of class label.
    associatedtype Label: ClassLabel
    /// The classes, sorted; the column order of `predictProbabilities(_:)`.
    var classes: [Label] { get }
    /// The most probable class of each row of `x`.
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values.
    func predict(_ x: Matrix) throws -> [Label]
    /// One row per sample, one column per class (in ``classes`` order), each row summing to 1.
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values.
    func predictProbabilities(_ x: Matrix) throws -> Matrix
    /// The most probable class of each row of `table`. The default matches its columns by name
    /// (``FittedModel/featureMatrix(from:)``); a ``PipelineModel`` runs its first step on the table.
    ///
    /// - Throws: ``EstimatorError`` for missing or text columns, or values the model refuses.
    func predict(_ table: Table) throws -> [Label]
    /// Class probabilities of each row of `table` (one column per class, in ``classes`` order);
    /// columns matched as the table `predict` does.
    ///
    /// - Throws: ``EstimatorError`` for missing or text columns, or values the model refuses.
    func predictProbabilities(_ table: Table) throws -> Matrix
}

/// Hyperparameters of a transformer; fitting returns the fitted ``Transformer``.
public protocol TransformerEstimator: Sendable {
    /// The name of the estimator in manifests and messages (for example `"StandardScaler"`).
    static var estimatorName: String { get }
    /// Fits on `x` and returns the fitted transformer as an existential (used by ``Pipeline``).
    func fitTransformer(_ x: Matrix, featureNames: [String]?) throws -> any Transformer
    /// Fits on `table` (its column names become the feature names). The default takes the table as
    /// numbers and refuses a text column; a ``TableTransformerEstimator`` reads the table itself.
    ///
    /// - Throws: ``EstimatorError/nonNumericFeature(_:)`` for a text column, or what fitting throws.
    func fitTransformer(_ table: Table) throws -> any Transformer
    /// What the estimator accepts (missing values, text columns); the default accepts finite numbers only.
    var tags: EstimatorTags { get }
}

/// Hyperparameters of a classifier; fitting returns the fitted ``Classifier``.
public protocol ClassifierEstimator: Sendable {
    /// The name of the estimator in manifests and messages (for example `"LogisticRegression"`).
    static var estimatorName: String { get }
    /// Fits on `x` and `y` and returns the fitted classifier as an existential (used by ``Pipeline``).
    func fitClassifier<Label: ClassLabel>(_ x: Matrix, _ y: [Label], featureNames: [String]?) throws -> any Classifier<Label>
    /// Fits on `table` and `y` (the table's column names become the feature names). The default
    /// takes the table as numbers and refuses a text column; a ``Pipeline`` gives it to its first step.
    ///
    /// - Throws: ``EstimatorError/nonNumericFeature(_:)`` for a text column, or what fitting throws.
    func fitClassifier<Label: ClassLabel>(_ table: Table, _ y: [Label]) throws -> any Classifier<Label>
    /// What the estimator accepts (missing values, text columns); the default accepts finite numbers only.
    var tags: EstimatorTags { get }
}
