import Dispatch

/// Runs loop bodies that write disjoint memory on all cores (`DispatchQueue.concurrentPerform`).
enum ParallelLoop {
    /// Calls `body(i)` for each `i` in `0..<count`, concurrently when `count > 1`.
    /// Each call must touch only memory no other call touches.
    static func run(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            nonisolated(unsafe) let work = escapable
            DispatchQueue.concurrentPerform(iterations: count) { work($0) }
        }
    }
}
