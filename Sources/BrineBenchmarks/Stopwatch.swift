import Foundation

/// Monotonic wall-clock timing and order statistics for the benchmark.
enum Stopwatch {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// Runs `body` once and returns its result and the elapsed seconds.
    static func time<R>(_ body: () throws -> R) rethrows -> (R, Double) {
        let start = now()
        let result = try body()
        return (result, now() - start)
    }

    /// The `q`-quantile (0...1) of `values` by linear interpolation, like numpy's default.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The median of `values`.
    static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }
}
