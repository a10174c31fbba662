/// A feature matrix with its targets and names: what the loaders return.
public struct Dataset<Label: ClassLabel>: Sendable {
    /// The features, one row per sample.
    public let features: Matrix
    /// The target of each row.
    public let targets: [Label]
    /// The name of each feature column.
    public let featureNames: [String]
    /// For integer-coded bundled datasets, the name of each class index (`target_names`).
    public let targetNames: [String]?
    /// Where the data came from (a bundled dataset name or a file path).
    public let source: String

    /// Creates a dataset, checking that the parts agree.
    ///
    /// - Throws: ``EstimatorError/sampleCountMismatch(features:targets:)`` or
    ///   ``EstimatorError/featureCountMismatch(expected:actual:)`` for feature names of the wrong count.
    public init(features: Matrix, targets: [Label], featureNames: [String], targetNames: [String]? = nil, source: String) throws {
        guard features.rows == targets.count else {
            throw EstimatorError.sampleCountMismatch(features: features.rows, targets: targets.count)
        }
        guard featureNames.count == features.columns else {
            throw EstimatorError.featureCountMismatch(expected: features.columns, actual: featureNames.count)
        }
        self.features = features
        self.targets = targets
        self.featureNames = featureNames
        self.targetNames = targetNames
        self.source = source
    }

    /// The number of samples (rows).
    public var sampleCount: Int { features.rows }

    /// The rows at `indices`, in that order.
    ///
    /// - Throws: ``LinearAlgebraError/indexOutOfRange(what:index:count:)`` for an index outside the data.
    public func subset(_ indices: [Int]) throws -> Dataset {
        let rows = try features.selectingRows(indices)
        return try Dataset(
            features: rows, targets: indices.map { targets[$0] }, featureNames: featureNames,
            targetNames: targetNames, source: source)
    }
}
