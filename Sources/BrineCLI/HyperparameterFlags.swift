import Brine
import Foundation

/// The command-line spellings of the library's hyperparameters, so an error names the flag the
/// user typed (`--C 0` → `--C`), never the Swift property (`c`).
///
/// The scheme (docs/ARCHITECTURE.md, "Names"): every long flag is the kebab-case form of the
/// library's property (`maxIterations` → `--max-iterations`); scikit-learn's spelling is accepted
/// as an alias where it differs (`--max-iter`, `--tol`, `-C`/`--C`, `--random-state`).
enum HyperparameterFlags {
    /// Library hyperparameter name → every spelling `brine train` accepts, canonical first.
    static let spellings: [String: [String]] = [
        "c": ["--c", "-C", "--C"],
        "maxIterations": ["--max-iterations", "--max-iter"],
        "tolerance": ["--tolerance", "--tol"],
        "solver": ["--solver"],
        "nEstimators": ["--n-estimators"],
        "maxDepth": ["--max-depth"],
        "minSamplesSplit": ["--min-samples-split"],
        "minSamplesLeaf": ["--min-samples-leaf"],
        "maxFeatures": ["--max-features"],
        "criterion": ["--criterion"],
        "seed": ["--seed", "--random-state"],
    ]

    /// The spelling of the flag for `name` found in `arguments` (the user's own), else the canonical one.
    static func flag(for name: String, in arguments: [String] = CommandLine.arguments) -> String {
        guard let candidates = spellings[name] else { return name }
        for argument in arguments.dropFirst() {
            let written = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if candidates.contains(written) { return written }
        }
        return candidates[0]
    }

    /// The value the user typed for the flag of `name` (`--flag value` or `--flag=value`; the last
    /// one wins, as in argument parsing), or `nil` when the flag was not given.
    static func typedValue(for name: String, in arguments: [String] = CommandLine.arguments) -> String? {
        guard let candidates = spellings[name] else { return nil }
        var value: String?
        var remaining = arguments.dropFirst()[...]
        while let argument = remaining.popFirst() {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard let written = parts.first, candidates.contains(written) else { continue }
            value = parts.count == 2 ? parts[1] : remaining.first
        }
        return value
    }

    /// Runs `body`, turning an invalid-hyperparameter error into one naming the command-line flag
    /// and the value as the user typed it (`--max-features 7.5`, not the library's `fraction(7.5)`).
    static func naming<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let EstimatorError.invalidHyperparameter(name, value, reason) {
            throw CLIError.badValue(flag: flag(for: name), value: typedValue(for: name) ?? value, reason: reason)
        }
    }
}
