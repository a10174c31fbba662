/// One fitted CART tree as flat arrays, nodes in depth-first order (children after parents).
struct GrownTree: Sendable {
    /// The left child of each node (tree-local index), -1 at leaves.
    var leftChildren: [Int32] = []
    /// The right child of each node (tree-local index), -1 at leaves.
    var rightChildren: [Int32] = []
    /// The split feature of each node, -1 at leaves.
    var features: [Int32] = []
    /// The split threshold of each node (go left iff `x[feature] <= threshold`), -2 at leaves.
    var thresholds: [Double] = []
    /// The class fractions of each node, `classCount` per node.
    var values: [Double] = []
    /// Σ over the splits on each feature of the weighted impurity decrease, divided by the
    /// root's weight and normalized to sum to 1 (all zero for a tree with a single node).
    var importances: [Double] = []
    /// For each training sample, whether it was drawn into this tree's bootstrap sample
    /// (recorded only when the out-of-bag score is wanted).
    var inBag: [Bool]? = nil

    /// The number of nodes.
    var nodeCount: Int { leftChildren.count }
}
