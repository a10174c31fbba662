import Foundation

/// Keeps the first error thrown by any of several concurrent tasks.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    /// Records `error` unless an earlier one was recorded.
    func record(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if stored == nil { stored = error }
    }

    /// The first recorded error.
    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
