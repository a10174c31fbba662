/// The outcome of one conformance check.
public struct ConformanceCheck: Sendable, Equatable, CustomStringConvertible {
    /// A short name, for example `"fit is deterministic"`.
    public let name: String
    /// Whether the estimator behaved as required.
    public let passed: Bool
    /// What went wrong (empty when passed).
    public let detail: String

    /// Records a check.
    public init(name: String, passed: Bool, detail: String = "") {
        self.name = name
        self.passed = passed
        self.detail = detail
    }

    /// `✔ name` or `✘ name: detail`.
    public var description: String { passed ? "✔ \(name)" : "✘ \(name): \(detail)" }
}
