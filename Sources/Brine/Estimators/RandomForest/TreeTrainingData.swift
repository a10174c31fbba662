/// The read-only training data every tree of one fit shares: each feature as ranks (the
/// position of each sample's value among the feature's sorted distinct values) with the
/// distinct values by rank, the class index of each sample, and the settings of the trees.
///
/// Ranks let a node sort its samples on small integer keys (a radix sort) instead of
/// comparing doubles; the order is exactly the order of the values.
///
/// The memory belongs to the fitting function, which keeps it alive until every tree is grown.
struct TreeTrainingData: @unchecked Sendable {
    /// `featureCount` columns of `sampleCount` ranks each: `ranks[f * sampleCount + i]` is the rank
    /// of sample `i`'s value of feature `f` (equal values share a rank).
    let ranks: UnsafePointer<UInt32>
    /// `featureCount` columns of `sampleCount` slots: `rankValues[f * sampleCount + r]` is the value of
    /// rank `r` of feature `f` (ascending; only the first distinct-count slots are used).
    let rankValues: UnsafePointer<Double>
    /// `featureCount` bitmaps of `nearTieWordCount` words: bit `r` of feature `f` is set when rank `r`'s
    /// value is within ``CARTTreeBuilder/featureThreshold`` of rank `r - 1`'s (a compact, cache-friendly
    /// stand-in for most value lookups while scanning splits).
    let nearTies: UnsafePointer<UInt64>
    /// The number of 64-bit words per feature in ``nearTies``.
    let nearTieWordCount: Int
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
