import Foundation

/// Where a walkthrough writes its files and how it reports what it does.
///
/// The notebooks print to standard output; the tests collect the lines.
public struct WalkthroughContext: Sendable {
    /// A folder the walkthrough may fill with model files.
    public let directory: URL
    /// Receives each line the walkthrough reports.
    public let say: @Sendable (String) -> Void

    /// A context writing into `directory` and reporting through `say`.
    public init(directory: URL, say: @escaping @Sendable (String) -> Void) {
        self.directory = directory
        self.say = say
    }

    /// A context over a fresh temporary folder that prints each line (what the notebooks use).
    public static func printing(named name: String) throws -> WalkthroughContext {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("brine-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return WalkthroughContext(directory: folder, say: { print($0) })
    }

    /// The URL of `name` inside ``directory``.
    public func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Throws ``WalkthroughError/checkFailed(_:)`` unless `condition` holds; reports the check when it does.
    public func check(_ condition: Bool, _ description: String) throws {
        guard condition else { throw WalkthroughError.checkFailed(description) }
        say("  ✓ \(description)")
    }
}

/// A walkthrough's own assertion failed.
public enum WalkthroughError: Error, CustomStringConvertible, Equatable {
    /// The named check did not hold.
    case checkFailed(String)
    /// An operation that should have failed did not.
    case expectedFailure(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .checkFailed(what): return "walkthrough check failed: \(what)"
        case let .expectedFailure(what): return "expected an error but none was thrown: \(what)"
        }
    }
}

/// Runs a notebook's walkthrough and exits non-zero with a one-line message if it fails.
public func runNotebook(_ name: String, _ body: (WalkthroughContext) throws -> Void) {
    do {
        let context = try WalkthroughContext.printing(named: name)
        defer { try? FileManager.default.removeItem(at: context.directory) }
        try body(context)
        print("\(name): all checks passed")
    } catch {
        FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
        exit(1)
    }
}

/// The number of bytes `url` occupies on disk (0 when it cannot be read).
func fileSize(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
}

/// Seconds taken by `body`, with its result.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// `seconds` as milliseconds with two decimals.
func milliseconds(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

/// `bytes` in kB or MB.
func humanBytes(_ bytes: Int) -> String {
    bytes >= 1_000_000 ? String(format: "%.2f MB", Double(bytes) / 1e6) : String(format: "%.1f kB", Double(bytes) / 1e3)
}
