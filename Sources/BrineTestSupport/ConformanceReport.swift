/// The results of ``ConformanceChecker`` on one estimator.
public struct ConformanceReport: Sendable, Equatable, CustomStringConvertible {
    /// The estimator's name (``ClassifierEstimator/estimatorName`` or ``TransformerEstimator/estimatorName``).
    public let estimatorName: String
    /// Every check run, in order.
    public let checks: [ConformanceCheck]

    /// Pairs a name with its checks.
    public init(estimatorName: String, checks: [ConformanceCheck]) {
        self.estimatorName = estimatorName
        self.checks = checks
    }

    /// True when every check passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }
    /// The checks that failed.
    public var failures: [ConformanceCheck] { checks.filter { !$0.passed } }
    /// The names of the checks run.
    public var checkNames: [String] { checks.map(\.name) }

    /// A line per check, after a summary line.
    public var description: String {
        let summary = "\(estimatorName): \(checks.count - failures.count) of \(checks.count) conformance checks passed"
        return ([summary] + checks.map { "  \($0)" }).joined(separator: "\n")
    }
}
