import Foundation

/// A random forest of CART classification trees (scikit-learn's `RandomForestClassifier`):
/// the hyperparameters; ``fit(_:_:featureNames:progress:)`` grows the trees, in parallel, and
/// returns the fitted ``RandomForestClassifierModel``.
///
/// The same `seed` gives bit-identical forests whatever the number of threads: each tree's
/// random numbers are derived from the seed and the tree's index only.
///
/// ```swift
/// let forest = try RandomForestClassifier(nEstimators: 200, seed: 7).fit(train.features, train.targets)
/// let predicted = try forest.predict(test.features)
/// ```
public struct RandomForestClassifier: Sendable, Equatable {
    /// The number of trees (default 100).
    public var nEstimators: Int
    /// The impurity each split minimizes (default ``SplitCriterion/gini``).
    public var criterion: SplitCriterion
    /// The maximal depth of a tree; `nil` grows until leaves are pure or too small to split.
    public var maxDepth: Int?
    /// The minimal number of distinct samples a node needs to be split (at least 2).
    public var minSamplesSplit: Int
    /// The minimal number of distinct samples each child of a split keeps (at least 1).
    public var minSamplesLeaf: Int
    /// How many features each split examines (default ``MaxFeatures/sqrt``).
    public var maxFeatures: MaxFeatures
    /// Whether each tree is fitted on a bootstrap sample (drawn with replacement, as many draws as rows).
    public var bootstrap: Bool
    /// Whether to compute ``RandomForestClassifierModel/oobScore``, the accuracy on out-of-bag samples (needs `bootstrap`).
    public var oobScore: Bool
    /// The seed of every random choice (bootstrap samples and feature draws).
    public var seed: UInt64
    /// The number of threads growing trees; `nil` uses every core. Does not change the result.
    public var threadCount: Int?
    /// The precision of the features the trees are fitted on and compared in (default
    /// ``InputPrecision/float32``, scikit-learn's: such a forest predicts identically in scikit-learn).
    public var inputPrecision: InputPrecision

    /// Hyperparameters; the defaults are scikit-learn's (`n_estimators=100`, gini, unlimited depth,
    /// `min_samples_split=2`, `min_samples_leaf=1`, `max_features="sqrt"`, bootstrap, no OOB score,
    /// features compared as float32). Values are checked when fitting.
    public init(
        nEstimators: Int = 100, criterion: SplitCriterion = .gini, maxDepth: Int? = nil,
        minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, maxFeatures: MaxFeatures = .sqrt,
        bootstrap: Bool = true, oobScore: Bool = false, seed: UInt64 = 0, threadCount: Int? = nil,
        inputPrecision: InputPrecision = .float32
    ) {
        self.nEstimators = nEstimators
        self.criterion = criterion
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
        self.bootstrap = bootstrap
        self.oobScore = oobScore
        self.seed = seed
        self.threadCount = threadCount
        self.inputPrecision = inputPrecision
    }

    /// Checks every hyperparameter that does not depend on the data.
    ///
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)`` naming the first bad value.
    public func validate() throws {
        guard nEstimators >= 1 else {
            throw EstimatorError.invalidHyperparameter(name: "nEstimators", value: "\(nEstimators)", reason: "must be at least 1")
        }
        if let maxDepth, maxDepth < 1 {
            throw EstimatorError.invalidHyperparameter(name: "maxDepth", value: "\(maxDepth)", reason: "must be at least 1 (or nil for unlimited)")
        }
        guard minSamplesSplit >= 2 else {
            throw EstimatorError.invalidHyperparameter(name: "minSamplesSplit", value: "\(minSamplesSplit)", reason: "must be at least 2")
        }
        guard minSamplesLeaf >= 1 else {
            throw EstimatorError.invalidHyperparameter(name: "minSamplesLeaf", value: "\(minSamplesLeaf)", reason: "must be at least 1")
        }
        switch maxFeatures {
        case let .count(n) where n < 1:
            throw EstimatorError.invalidHyperparameter(name: "maxFeatures", value: "count(\(n))", reason: "must be at least 1")
        case let .fraction(f) where !(f.isFinite && f > 0 && f <= 1):
            throw EstimatorError.invalidHyperparameter(name: "maxFeatures", value: "fraction(\(f))", reason: "must lie in (0, 1]")
        default:
            break
        }
        if oobScore && !bootstrap {
            throw EstimatorError.invalidHyperparameter(
                name: "oobScore", value: "true", reason: "the out-of-bag score needs bootstrap = true")
        }
        if let threadCount, threadCount < 1 {
            throw EstimatorError.invalidHyperparameter(name: "threadCount", value: "\(threadCount)", reason: "must be at least 1 (or nil for every core)")
        }
    }

    /// Grows the forest on `x` (one row per sample) and `y`.
    ///
    /// - Parameters:
    ///   - x: the training features; finite, at least one row and column, fewer than 2³¹ rows.
    ///   - y: one label per row, at least two distinct labels.
    ///   - featureNames: optional names of the columns, kept in the model.
    ///   - progress: called (from any thread) each time a tree is finished, with the number of
    ///     finished trees and ``nEstimators``.
    /// - Returns: the fitted forest.
    /// - Throws: ``EstimatorError`` for invalid hyperparameters or data (empty, non-finite,
    ///   mismatched counts, a single class).
    public func fit<Label: ClassLabel>(
        _ x: Matrix, _ y: [Label], featureNames: [String]? = nil, progress: FitProgress? = nil
    ) throws -> RandomForestClassifierModel<Label> {
        try validate()
        try InputValidation.checkTrainingData(x, y, featureNames: featureNames)
        let encoding = try LabelEncoding(y)
        let n = x.rows
        let featureCount = x.columns
        let classCount = encoding.classes.count
        guard n < Int(Int32.max) else {
            throw EstimatorError.invalidHyperparameter(name: "x", value: "\(n) rows", reason: "a forest supports fewer than 2^31 rows")
        }
        let resolvedMaxFeatures = try maxFeatures.resolved(featureCount: featureCount)

        // Each feature as ranks of its distinct values, shared read-only by every thread.
        let ranks = UnsafeMutablePointer<UInt32>.allocate(capacity: n * featureCount)
        defer { ranks.deallocate() }
        let rankValues = UnsafeMutablePointer<Double>.allocate(capacity: n * featureCount)
        defer { rankValues.deallocate() }
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer { labels.deallocate() }
        let nearTieWordCount = n / 64 + 1
        let nearTies = UnsafeMutablePointer<UInt64>.allocate(capacity: nearTieWordCount * featureCount)
        defer { nearTies.deallocate() }
        Self.rankFeatures(
            x, precision: inputPrecision, ranks: ranks, rankValues: rankValues, nearTies: nearTies,
            nearTieWordCount: nearTieWordCount, threadCount: threadCount)
        for (i, index) in encoding.indices.enumerated() { labels[i] = Int32(truncatingIfNeeded: index) }

        let data = TreeTrainingData(
            ranks: ranks, rankValues: rankValues, nearTies: nearTies, nearTieWordCount: nearTieWordCount, labels: labels, sampleCount: n, featureCount: featureCount, classCount: classCount,
            criterion: criterion, maxDepth: maxDepth ?? Int.max, minSamplesSplit: minSamplesSplit,
            minSamplesLeaf: minSamplesLeaf, maxFeatures: resolvedMaxFeatures, bootstrap: bootstrap, seed: seed)
        let queue = ForestGrowingQueue(treeCount: nEstimators, progress: progress)
        let workers = min(threadCount ?? ProcessInfo.processInfo.activeProcessorCount, nEstimators)
        let recordInBag = oobScore
        let grow: @Sendable (Int) -> Void = { _ in
            let builder = CARTTreeBuilder(data: data)
            while let index = queue.claim() {
                queue.finish(index, builder.grow(treeIndex: index, recordInBag: recordInBag))
            }
        }
        if workers <= 1 {
            grow(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: grow)
        }
        let trees = queue.trees

        let model = try RandomForestClassifierModel<Label>(
            grownTrees: trees, classes: encoding.classes, featureCount: featureCount, featureNames: featureNames,
            hyperparameters: self, oobScore: nil)
        guard oobScore else { return model }
        let score = try model.outOfBagScore(model.comparedInput(x), classIndices: encoding.indices, trees: trees)
        return try RandomForestClassifierModel<Label>(
            grownTrees: trees, classes: encoding.classes, featureCount: featureCount, featureNames: featureNames,
            hyperparameters: self, oobScore: score)
    }

    /// Fills `ranks`, `rankValues` and `nearTies` (see ``TreeTrainingData``) for every column of `x`,
    /// in parallel, on the values as `precision` sees them.
    private static func rankFeatures(
        _ x: Matrix, precision: InputPrecision, ranks: UnsafeMutablePointer<UInt32>, rankValues: UnsafeMutablePointer<Double>,
        nearTies: UnsafeMutablePointer<UInt64>, nearTieWordCount: Int, threadCount: Int?
    ) {
        let tieAddress = UnsafeSendableMutablePointer(nearTies)
        let n = x.rows
        let featureCount = x.columns
        let rankAddress = UnsafeSendableMutablePointer(ranks)
        let valueAddress = UnsafeSendableMutablePointer(rankValues)
        let work: @Sendable (Int) -> Void = { feature in
            x.elements.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                // Sort (value bits made order-preserving, sample) pairs; values are finite.
                var order = [UInt64](repeating: 0, count: n)
                var column = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    let value = precision.rounded(base[i * featureCount + feature]) + 0.0  // folds -0.0 into +0.0
                    column[i] = value
                    order[i] = UInt64(i)
                }
                order.sort { column[Int($0)] < column[Int($1)] || (column[Int($0)] == column[Int($1)] && $0 < $1) }
                let rankColumn = rankAddress.pointer + feature * n
                let valueColumn = valueAddress.pointer + feature * n
                var rank = -1
                var previous = -Double.infinity
                for position in 0..<n {
                    let sample = Int(order[position])
                    let value = column[sample]
                    if rank < 0 || value != previous {
                        rank += 1
                        valueColumn[rank] = value
                        previous = value
                    }
                    rankColumn[sample] = UInt32(rank)
                }
                let ties = tieAddress.pointer + feature * nearTieWordCount
                ties.update(repeating: 0, count: nearTieWordCount)
                if rank >= 1 {
                    for r in 1...rank where valueColumn[r] <= valueColumn[r - 1] + CARTTreeBuilder.featureThreshold {
                        ties[r >> 6] |= 1 << UInt64(r & 63)
                    }
                }
            }
        }
        let workers = min(threadCount ?? ProcessInfo.processInfo.activeProcessorCount, featureCount)
        if workers <= 1 {
            for feature in 0..<featureCount { work(feature) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for feature in stride(from: worker, to: featureCount, by: workers) { work(feature) }
            }
        }
    }
}
