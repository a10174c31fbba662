import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let unit: String
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDrawn = -1

    /// A bar for `label` counting `unit`s; silent when `quiet` or when standard error is not a terminal.
    init(label: String, unit: String, quiet: Bool) {
        self.label = label
        self.unit = unit
        self.enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    /// The callback to pass to a fit.
    var callback: (@Sendable (Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { @Sendable [self] done, total in self.update(done: done, total: total) }
    }

    /// Redraws the bar at `done` of `total`.
    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = min(width, done * width / total)
        guard filled != lastDrawn || done == total else { return }
        lastDrawn = filled
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total) \(unit)".utf8))
    }

    /// Ends the bar's line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if lastDrawn >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        lastDrawn = -1
    }
}
