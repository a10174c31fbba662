/// Reports progress while fitting: `done` units of `total` (trees grown, optimizer iterations).
///
/// Called from any thread; the `brine` command line draws its progress bar with it.
public typealias FitProgress = @Sendable (_ done: Int, _ total: Int) -> Void
