/// The precision in which a forest compares features with its thresholds.
///
/// scikit-learn casts `X` to float32 before it fits a tree and before every prediction, and compares
/// the float32 value (widened to a double) with the double threshold. ``float32`` does exactly that
/// (fitting on float32-rounded features, rounding each input to the nearest float32 before the
/// comparison), so a forest trained in Brine predicts identically in scikit-learn and back.
/// ``float64`` compares the doubles as given (the semantics of every forest file of layout 1).
public enum InputPrecision: String, Sendable, Codable, CaseIterable {
    /// Features rounded to the nearest `Float` (ties to even, as numpy's `astype(np.float32)`) before
    /// fitting and before each comparison: scikit-learn's semantics, the default for new forests.
    case float32
    /// Features used as `Double`s.
    case float64

    /// `value` as this precision sees it: rounded to the nearest `Float` and widened back for ``float32``.
    @inline(__always)
    func rounded(_ value: Double) -> Double {
        switch self {
        case .float32: return Double(Float(value))
        case .float64: return value
        }
    }
}
