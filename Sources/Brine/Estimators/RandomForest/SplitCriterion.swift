/// The impurity a ``RandomForestClassifier`` tree minimizes when it chooses a split
/// (scikit-learn's `criterion`).
public enum SplitCriterion: String, Sendable, Codable, CaseIterable {
    /// Gini impurity, `1 - Σ p²` (scikit-learn's default).
    case gini
    /// Shannon entropy in bits, `-Σ p log₂ p` (information gain).
    case entropy
}
