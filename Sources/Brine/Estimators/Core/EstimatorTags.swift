/// What an estimator accepts as input, declared by the estimator itself (scikit-learn's
/// `__sklearn_tags__`, `allow_nan`). Each estimator validates its own input; the tags tell a
/// ``Pipeline`` and the conformance checker which input to expect it to accept or refuse.
public struct EstimatorTags: Sendable, Equatable, Hashable {
    /// Missing values are accepted: NaN in numbers (`±∞` is still refused), `nil` in text columns.
    public var allowsMissingValues: Bool
    /// Text (categorical) columns of a ``Table`` are accepted.
    public var acceptsCategorical: Bool

    /// Tags with the given answers; the defaults describe an estimator of finite numbers only.
    ///
    /// - Parameters:
    ///   - allowsMissingValues: NaN (numbers) and `nil` (text) are accepted.
    ///   - acceptsCategorical: text columns of a ``Table`` are accepted.
    public init(allowsMissingValues: Bool = false, acceptsCategorical: Bool = false) {
        self.allowsMissingValues = allowsMissingValues
        self.acceptsCategorical = acceptsCategorical
    }
}
