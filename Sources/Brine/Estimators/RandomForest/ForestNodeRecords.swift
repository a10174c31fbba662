/// Builds the node records of RandomForest layout 2, the layout prediction walks (in memory and
/// straight from a memory-mapped file).
///
/// Each node is one 16-byte record of two 64-bit words: word 0 is the threshold's IEEE-754 bit
/// pattern; word 1 holds the feature in its low 32 bits and the *link* in its high 32 bits (both
/// signed). A split (feature ≥ 0) goes left, to the next record, iff `x[feature] <= threshold`,
/// else to the record `link` of its tree; a leaf (feature -1) holds in `link` its row of the
/// forest's `leafValues` (class fractions), so the walk reaches the probabilities with no other
/// lookup. Nodes are in preorder, so every child comes after its parent.
struct ForestNodeRecords {
    /// The start of each tree in ``nodes`` (in records), plus the total record count.
    private(set) var treeOffsets: [Int64] = [0]
    /// Two words per node (see the type's description).
    private(set) var nodes: [Int64] = []
    /// The class fractions of each leaf, `classCount` per leaf.
    private(set) var leafValues: [Double] = []
    /// The number of classes (fractions per leaf).
    let classCount: Int
    /// The number of features (splits must use `0..<featureCount`).
    let featureCount: Int

    /// An empty forest for `classCount` classes and `featureCount` features.
    init(classCount: Int, featureCount: Int) {
        self.classCount = classCount
        self.featureCount = featureCount
    }

    /// Word 1 of a record: `feature` in the low 32 bits, `link` in the high 32 bits.
    @inline(__always)
    static func packed(feature: Int32, link: Int32) -> Int64 {
        Int64(UInt32(bitPattern: feature)) | Int64(link) << 32
    }

    /// The feature stored in word 1 of a record (-1 at leaves).
    @inline(__always)
    static func feature(_ word: Int64) -> Int32 { Int32(truncatingIfNeeded: word) }

    /// The link stored in word 1 of a record: a split's right child, a leaf's row of `leafValues`.
    @inline(__always)
    static func link(_ word: Int64) -> Int32 { Int32(truncatingIfNeeded: word >> 32) }

    /// Appends one tree given as layout-1 arrays (tree-local children, -1 at leaves; values for
    /// every node), renumbering its reachable nodes in preorder.
    ///
    /// Every index is checked and the walk emits at most `size` records, so hostile arrays (cycles,
    /// shared subtrees, out-of-range children or features) end in an error, in O(size) time.
    ///
    /// - Throws: ``PersistenceError/inconsistentModel(_:)`` naming the tree and node.
    mutating func appendTree(
        index tree: Int, size: Int, leftChildren left: UnsafePointer<Int32>, rightChildren right: UnsafePointer<Int32>,
        features: UnsafePointer<Int32>, thresholds: UnsafePointer<Double>, values: UnsafePointer<Double>
    ) throws {
        let first = nodes.count / 2
        nodes.reserveCapacity(nodes.count + 2 * size)
        var stack: [(node: Int, parent: Int)] = [(0, -1)]
        var emitted = 0
        while let (node, parent) = stack.popLast() {
            guard emitted < size else {
                throw PersistenceError.inconsistentModel("tree \(tree) reaches more than its \(size) nodes (a node has two parents)")
            }
            let local = emitted
            emitted += 1
            if parent >= 0 {
                let word = nodes[2 * (first + parent) + 1]
                nodes[2 * (first + parent) + 1] = Self.packed(feature: Self.feature(word), link: Int32(local))
            }
            let l = Int(left[node])
            nodes.append(Int64(bitPattern: thresholds[node].bitPattern))
            if l == -1 {
                let row = leafValues.count / classCount
                guard row < Int(Int32.max) else {
                    throw PersistenceError.inconsistentModel("the forest has more than 2^31 leaves")
                }
                for k in 0..<classCount { leafValues.append(values[node * classCount + k]) }
                nodes.append(Self.packed(feature: -1, link: Int32(row)))
                continue
            }
            let r = Int(right[node]), f = Int(features[node])
            guard l > node, l < size, r > node, r < size else {
                throw PersistenceError.inconsistentModel(
                    "tree \(tree) node \(node) has children \(l), \(r); they must lie in \(node + 1)..<\(size)")
            }
            guard f >= 0, f < featureCount else {
                throw PersistenceError.inconsistentModel("tree \(tree) node \(node) splits on feature \(f) outside 0..<\(featureCount)")
            }
            nodes.append(Self.packed(feature: Int32(f), link: 0))
            stack.append((r, local))
            stack.append((l, -1))
        }
        treeOffsets.append(Int64(nodes.count / 2))
    }
}
