import Foundation

/// A prediction-friendly copy of a forest's nodes: one record per node holding the threshold,
/// the feature, the right child and the node's class fractions (the left child is the next
/// record), so walking a tree and reading the leaf touch one cache line per node.
///
/// Built lazily on first prediction (never while loading a model, so loads stay O(header)),
/// and only when every split's left child is the node right after it, as in every forest Brine
/// grows; otherwise prediction walks the stored arrays directly. Record layout, `stride` bytes:
/// threshold `Double` at 0, feature `Int32` at 8 (-1 at leaves), right child `Int32` at 12,
/// `classCount` fractions `Double` from 16.
final class PackedForestLayout: @unchecked Sendable {
    /// The records and their size in bytes.
    struct Records {
        /// The first record.
        let base: UnsafeRawPointer
        /// The size of one record in bytes.
        let stride: Int
    }

    private let lock = NSLock()
    private var built: UnsafeMutableRawPointer?
    private var stride = 0
    private var attempted = false

    deinit { built?.deallocate() }

    /// The packed records, built on first use from the given arrays, or `nil` when the forest's
    /// layout does not allow them (a left child that is not the next node, bad offsets).
    func records(
        treeOffsets: DenseArray<Int64>, leftChildren: DenseArray<Int32>, rightChildren: DenseArray<Int32>,
        features: DenseArray<Int32>, thresholds: DenseArray<Double>, values: DenseArray<Double>, classCount: Int
    ) -> Records? {
        lock.lock()
        defer { lock.unlock() }
        if let built { return Records(base: UnsafeRawPointer(built), stride: stride) }
        if attempted { return nil }
        attempted = true
        let count = leftChildren.count
        guard count > 0, classCount > 0, rightChildren.count == count, features.count == count,
              thresholds.count == count, values.count == count * classCount
        else { return nil }
        let recordSize = 16 + 8 * classCount
        let (bytes, overflow) = count.multipliedReportingOverflow(by: recordSize)
        guard !overflow else { return nil }
        let left = leftChildren.unsafeBuffer, right = rightChildren.unsafeBuffer
        let feature = features.unsafeBuffer, threshold = thresholds.unsafeBuffer, value = values.unsafeBuffer
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
        for tree in 0..<(treeOffsets.count - 1) {
            let start = Int(treeOffsets[tree]), end = Int(treeOffsets[tree + 1])
            guard start >= 0, start <= end, end <= count else {
                memory.deallocate()
                return nil
            }
            for global in start..<end {
                let record = memory + global * recordSize
                let isLeaf = left[global] == -1
                guard isLeaf || (Int(left[global]) == global - start + 1 && feature[global] >= 0) else {
                    memory.deallocate()
                    return nil
                }
                record.storeBytes(of: threshold[global], as: Double.self)
                record.storeBytes(of: isLeaf ? -1 : feature[global], toByteOffset: 8, as: Int32.self)
                record.storeBytes(of: isLeaf ? -1 : right[global], toByteOffset: 12, as: Int32.self)
                for k in 0..<classCount {
                    record.storeBytes(of: value[global * classCount + k], toByteOffset: 16 + 8 * k, as: Double.self)
                }
            }
        }
        built = memory
        stride = recordSize
        return Records(base: UnsafeRawPointer(memory), stride: recordSize)
    }
}
