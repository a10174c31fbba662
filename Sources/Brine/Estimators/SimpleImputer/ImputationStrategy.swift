/// How ``SimpleImputer`` fills a missing cell (scikit-learn's `strategy`).
public enum ImputationStrategy: String, Sendable, Codable, CaseIterable, Hashable {
    /// The column mean of the observed numbers (`"mean"`; numeric columns only).
    case mean
    /// The column median of the observed numbers (`"median"`; numeric columns only).
    case median
    /// The most frequent observed value, the smallest among ties (`"most_frequent"`).
    case mostFrequent
    /// A fixed value: ``SimpleImputer/numericFillValue`` or ``SimpleImputer/categoricalFillValue`` (`"constant"`).
    case constant

    /// scikit-learn's spelling (`"most_frequent"`).
    public var scikitLearnName: String {
        switch self {
        case .mean: return "mean"
        case .median: return "median"
        case .mostFrequent: return "most_frequent"
        case .constant: return "constant"
        }
    }
}
