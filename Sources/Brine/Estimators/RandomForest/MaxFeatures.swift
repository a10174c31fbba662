/// How many features a ``RandomForestClassifier`` tree examines at each split
/// (scikit-learn's `max_features`).
///
/// Features are drawn at random without replacement until this many non-constant ones have
/// been examined (constant features are skipped and do not count, as in scikit-learn).
/// Encoded as JSON `"sqrt"`, `"log2"`, `"all"`, `{"count": n}` or `{"fraction": f}`.
public enum MaxFeatures: Sendable, Equatable, Hashable {
    /// `max(1, ⌊√F⌋)` features (the default, as in scikit-learn's classifiers).
    case sqrt
    /// `max(1, ⌊log₂ F⌋)` features.
    case log2
    /// Exactly `n` features, `1 ≤ n ≤ F`.
    case count(Int)
    /// `max(1, ⌊f·F⌋)` features, `0 < f ≤ 1`.
    case fraction(Double)
    /// Every feature (plain bagged trees).
    case all

    /// The number of features to examine at each split for `featureCount` features.
    ///
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)`` for a count outside
    ///   `1...featureCount` or a fraction outside `(0, 1]`.
    public func resolved(featureCount: Int) throws -> Int {
        switch self {
        case .sqrt:
            return max(1, Int(Double(featureCount).squareRoot()))
        case .log2:
            return max(1, Int.bitWidth - 1 - featureCount.leadingZeroBitCount)  // ⌊log₂ F⌋, exact
        case let .count(n):
            guard n >= 1, n <= featureCount else {
                throw EstimatorError.invalidHyperparameter(
                    name: "maxFeatures", value: "count(\(n))", reason: "must lie in 1...\(featureCount) (the number of features)")
            }
            return n
        case let .fraction(f):
            guard f.isFinite, f > 0, f <= 1 else {
                throw EstimatorError.invalidHyperparameter(
                    name: "maxFeatures", value: "fraction(\(f))", reason: "must lie in (0, 1]")
            }
            return max(1, Int(f * Double(featureCount)))
        case .all:
            return featureCount
        }
    }
}
