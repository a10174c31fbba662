import Foundation

/// Hands out tree indices to the threads of one fit and collects the grown trees in index order.
final class ForestGrowingQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let treeCount: Int
    private let progress: FitProgress?
    private var nextIndex = 0
    private var finished = 0
    private var slots: [GrownTree?]

    /// A queue of `treeCount` trees; `progress` is called after each finished tree.
    init(treeCount: Int, progress: FitProgress?) {
        self.treeCount = treeCount
        self.progress = progress
        slots = Array(repeating: nil, count: treeCount)
    }

    /// The next tree index to grow, or `nil` when every tree is taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < treeCount else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    /// Stores tree `index` and reports progress (calls are serialized, so `done` increases by one each time).
    func finish(_ index: Int, _ tree: GrownTree) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = tree
        finished += 1
        progress?(finished, treeCount)
    }

    /// The grown trees in index order (call after every tree is finished).
    var trees: [GrownTree] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
