/// The read-only training data every tree of one fit shares: the features stored column by
/// column (so gathering one feature for a node's samples reads one contiguous column), the
/// class index of each sample, and the settings of the trees.
///
/// The memory belongs to the fitting function, which keeps it alive until every tree is grown.
struct TreeTrainingData: @unchecked Sendable {
    /// `featureCount` columns of `sampleCount` values each.
    let columns: UnsafePointer<Double>
    /// The class index of each sample, in `0..<classCount`.
    let labels: UnsafePointer<Int32>
    /// The number of training samples.
    let sampleCount: Int
    /// The number of features.
    let featureCount: Int
    /// The number of classes.
    let classCount: Int
    /// The impurity to minimize.
    let criterion: SplitCriterion
    /// The maximal depth (`Int.max` when unlimited).
    let maxDepth: Int
    /// The minimal number of (distinct) samples a node needs to be split.
    let minSamplesSplit: Int
    /// The minimal number of (distinct) samples in each child.
    let minSamplesLeaf: Int
    /// The number of non-constant features to examine per split.
    let maxFeatures: Int
    /// Whether each tree sees a bootstrap sample (else every sample once).
    let bootstrap: Bool
    /// The forest's seed.
    let seed: UInt64
}
