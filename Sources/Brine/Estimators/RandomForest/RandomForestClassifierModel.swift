import Foundation

/// A fitted random forest, stored as it is saved (RandomForest layout 2) and as prediction walks
/// it: one 16-byte record per node (threshold, feature, right child or leaf row, the left child
/// being the next record; see `ForestNodeRecords`), all trees concatenated, and the class
/// fractions of the leaves. A memory-mapped model predicts straight from the file's pages, with no
/// per-process copy.
///
/// Prediction checks every index it follows (feature, child, leaf row, tree bounds) and every
/// child lies after its parent, so even a model loaded without validation cannot read out of
/// bounds or loop: it throws instead.
public struct RandomForestClassifierModel<Label: ClassLabel>: Sendable {
    /// The classes, sorted; the column order of ``predictProbabilities(_:)``.
    public let classes: [Label]
    /// The number of features the forest was fitted on.
    public let featureCount: Int
    /// The feature names seen at fit time, when they were given.
    public let featureNames: [String]?
    /// The hyperparameters the forest was grown with.
    public let hyperparameters: RandomForestClassifier
    /// The accuracy on out-of-bag samples (each sample predicted by the trees that did not see it),
    /// when ``RandomForestClassifier/oobScore`` was on; samples that every tree saw are left out.
    public let oobScore: Double?
    /// How inputs are compared with the thresholds: ``InputPrecision/float32`` rounds each feature
    /// to the nearest `Float` first (scikit-learn's rule); forests loaded from layout-1 files are
    /// ``InputPrecision/float64``.
    public let inputPrecision: InputPrecision

    /// The start of each tree in the node records, plus the total node count (`treeCount + 1` entries).
    let treeOffsets: DenseArray<Int64>
    /// Two words per node: the threshold's bits, then feature (low 32 bits) and link (high 32 bits).
    let nodes: DenseArray<Int64>
    /// The class fractions of each leaf, `leafCount × classes.count`, row-major.
    let leafValues: DenseArray<Double>
    /// The normalized impurity-based importance of each feature.
    let importances: DenseArray<Double>

    /// The number of trees.
    public var treeCount: Int { max(treeOffsets.count - 1, 0) }
    /// The number of nodes in all trees together.
    public var nodeCount: Int { nodes.count / 2 }
    /// The number of leaves in all trees together.
    public var leafCount: Int { leafValues.count / max(classes.count, 1) }
    /// The impurity-based (mean decrease in impurity) importance of each feature, computed as
    /// scikit-learn's `feature_importances_`: per tree normalized to sum to 1, averaged over the
    /// trees that have at least one split, normalized again. All zero when no tree has a split.
    public var featureImportances: [Double] { importances.array }

    /// A model from its arrays, checked for consistent shapes (not contents) by the caller.
    init(
        classes: [Label], featureCount: Int, featureNames: [String]?, hyperparameters: RandomForestClassifier,
        oobScore: Double?, inputPrecision: InputPrecision, treeOffsets: DenseArray<Int64>, nodes: DenseArray<Int64>,
        leafValues: DenseArray<Double>, importances: DenseArray<Double>
    ) {
        self.classes = classes
        self.featureCount = featureCount
        self.featureNames = featureNames
        self.hyperparameters = hyperparameters
        self.oobScore = oobScore
        self.inputPrecision = inputPrecision
        self.treeOffsets = treeOffsets
        self.nodes = nodes
        self.leafValues = leafValues
        self.importances = importances
    }

    /// Concatenates freshly grown trees (compared in `hyperparameters.inputPrecision`).
    init(
        grownTrees trees: [GrownTree], classes: [Label], featureCount: Int, featureNames: [String]?,
        hyperparameters: RandomForestClassifier, oobScore: Double?
    ) throws {
        let nodeCount = trees.reduce(0) { $0 + $1.nodeCount }
        guard nodeCount < Int(Int32.max) else {
            throw EstimatorError.invalidHyperparameter(
                name: "nEstimators", value: "\(trees.count)", reason: "the forest has \(nodeCount) nodes, more than 2^31")
        }
        var records = ForestNodeRecords(classCount: classes.count, featureCount: featureCount)
        for (index, tree) in trees.enumerated() {
            try tree.leftChildren.withUnsafeBufferPointer { left in
                try tree.rightChildren.withUnsafeBufferPointer { right in
                    try tree.features.withUnsafeBufferPointer { features in
                        try tree.thresholds.withUnsafeBufferPointer { thresholds in
                            try tree.values.withUnsafeBufferPointer { values in
                                try records.appendTree(
                                    index: index, size: tree.nodeCount, leftChildren: left.baseAddress.unsafelyUnwrapped,
                                    rightChildren: right.baseAddress.unsafelyUnwrapped,
                                    features: features.baseAddress.unsafelyUnwrapped,
                                    thresholds: thresholds.baseAddress.unsafelyUnwrapped,
                                    values: values.baseAddress.unsafelyUnwrapped)
                            }
                        }
                    }
                }
            }
        }
        // Feature importances: mean over the trees with at least one split, then normalized.
        var importances = [Double](repeating: 0, count: featureCount)
        let splitTrees = trees.filter { $0.nodeCount > 1 }
        for tree in splitTrees {
            for f in 0..<featureCount { importances[f] += tree.importances[f] }
        }
        if !splitTrees.isEmpty {
            for f in 0..<featureCount { importances[f] /= Double(splitTrees.count) }
            let total = importances.reduce(0, +)
            if total > 0 { for f in 0..<featureCount { importances[f] /= total } }
        }
        self.init(
            classes: classes, featureCount: featureCount, featureNames: featureNames, hyperparameters: hyperparameters,
            oobScore: oobScore, inputPrecision: hyperparameters.inputPrecision, treeOffsets: DenseArray(records.treeOffsets),
            nodes: DenseArray(records.nodes), leafValues: DenseArray(records.leafValues), importances: DenseArray(importances))
    }

    /// The node with global index `global`: its threshold, its feature (-1 at leaves) and its link
    /// (a split's right child within its tree, a leaf's row of the leaf values). For tests and tools.
    func record(_ global: Int) -> (threshold: Double, feature: Int, link: Int) {
        let word = nodes[2 * global + 1]
        return (Double(bitPattern: UInt64(bitPattern: nodes[2 * global])),
                Int(ForestNodeRecords.feature(word)), Int(ForestNodeRecords.link(word)))
    }

    /// `x` as the forest compares it: rounded to float32 values for ``InputPrecision/float32``, else `x` itself.
    func comparedInput(_ x: Matrix) -> Matrix {
        guard inputPrecision == .float32 else { return x }
        return Matrix(rows: x.rows, columns: x.columns) { output in
            let input = x.elements.unsafeBuffer
            for i in 0..<input.count { output[i] = Double(Float(input[i])) }
        }
    }

    // MARK: Prediction

    /// The mean over the trees of the class fractions of the leaf each row reaches:
    /// one row per sample, one column per class (in ``classes`` order).
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values, and
    ///   ``EstimatorError/corruptModel(tree:node:reason:)`` naming the tree and node when a tree of
    ///   a model loaded without verifying its contents points outside its arrays.
    public func predictProbabilities(_ x: Matrix) throws -> Matrix {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        let rows = x.rows
        let classCount = classes.count
        let compared = comparedInput(x)
        return try Matrix(rows: rows, columns: classCount) { output in
            output.update(repeating: 0)
            guard let outputBase = output.baseAddress else { return }
            try compared.elements.withUnsafeBufferPointer { input in
                guard let inputBase = input.baseAddress else { return }
                let work = rows * max(treeCount, 1)
                let chunkCount = work >= 20_000 ? min(rows, ProcessInfo.processInfo.activeProcessorCount * 4) : 1
                if rows <= Self.interleavedRowLimit {
                    for row in 0..<rows {
                        try accumulateInterleaved(sample: inputBase + row * featureCount, target: outputBase + row * classCount)
                    }
                    return
                }
                if chunkCount <= 1 {
                    try accumulate(rows: 0..<rows, input: inputBase, output: outputBase)
                    return
                }
                let failure = FirstError()
                let inputAddress = UnsafeSendablePointer(inputBase)
                let outputAddress = UnsafeSendableMutablePointer(outputBase)
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    let lower = rows * chunk / chunkCount
                    let upper = rows * (chunk + 1) / chunkCount
                    do {
                        try accumulate(rows: lower..<upper, input: inputAddress.pointer, output: outputAddress.pointer)
                    } catch {
                        failure.record(error)
                    }
                }
                if let error = failure.error { throw error }
            }
        }
    }

    /// The most probable class of each row of `x` (the first in ``classes`` order on ties).
    ///
    /// - Throws: as ``predictProbabilities(_:)``.
    public func predict(_ x: Matrix) throws -> [Label] {
        let probabilities = try predictProbabilities(x)
        let classCount = classes.count
        return probabilities.elements.withUnsafeBufferPointer { buffer in
            (0..<x.rows).map { row in
                var bestIndex = 0
                var bestValue = -Double.infinity
                for k in 0..<classCount where buffer[row * classCount + k] > bestValue {
                    bestValue = buffer[row * classCount + k]
                    bestIndex = k
                }
                return classes[bestIndex]
            }
        }
    }

    /// Adds the mean leaf fractions of `rows` of `input` (already in the forest's precision) into
    /// `output`. Rows go in blocks, each block through one tree after another, so a tree stays in
    /// cache while the block walks it; every row still sums its trees in tree order, whatever the
    /// block size or thread.
    private func accumulate(rows: Range<Int>, input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>) throws {
        let classCount = classes.count
        let trees = treeCount
        let scale = 1 / Double(max(trees, 1))
        guard let valueBase = leafValues.unsafeBuffer.baseAddress else { return }
        let blockSize = 4096
        var blockStart = rows.lowerBound
        while blockStart < rows.upperBound {
            let blockEnd = min(blockStart + blockSize, rows.upperBound)
            for tree in 0..<trees {
                for row in blockStart..<blockEnd {
                    let target = output + row * classCount
                    let leaf = valueBase + (try leafRow(tree: tree, sample: input + row * featureCount)) * classCount
                    for k in 0..<classCount { target[k] += leaf[k] }
                }
            }
            for row in blockStart..<blockEnd {
                finishMean(output + row * classCount, scale: scale)
            }
            blockStart = blockEnd
        }
    }

    /// Batches of at most this many rows are predicted row by row with ``accumulateInterleaved(sample:target:)``.
    static var interleavedRowLimit: Int { 16 }
    /// The number of trees one row walks at once in ``accumulateInterleaved(sample:target:)``.
    static var interleavedLanes: Int { 16 }

    /// Writes the mean leaf fractions of one row (already in the forest's precision) into `target`,
    /// walking ``interleavedLanes`` trees at once: their node loads do not depend on each other, so
    /// the processor overlaps their cache misses (a single row's latency is a chain of dependent
    /// loads per tree). Same checks as ``leafRow(tree:sample:)``; the fractions are added in tree
    /// order, so the result is bit for bit that of the batch path.
    private func accumulateInterleaved(sample: UnsafePointer<Double>, target: UnsafeMutablePointer<Double>) throws {
        let classCount = classes.count
        let trees = treeCount
        let offsets = treeOffsets.unsafeBuffer
        let total = nodeCount
        let leaves = leafCount
        let features = featureCount
        guard let words = nodes.unsafeBuffer.baseAddress, let valueBase = leafValues.unsafeBuffer.baseAddress else { return }
        let lanes = Self.interleavedLanes
        for k in 0..<classCount { target[k] = 0 }
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * lanes) { scratch in
            let starts = scratch.baseAddress.unsafelyUnwrapped
            let sizes = starts + lanes, positions = starts + 2 * lanes, results = starts + 3 * lanes
            var first = 0
            while first < trees {
                let count = min(lanes, trees - first)
                for lane in 0..<count {
                    let tree = first + lane
                    let start = Int(offsets[tree]), end = Int(offsets[tree + 1])
                    guard start >= 0, start < end, end <= total else {
                        throw EstimatorError.corruptModel(tree: tree, node: nil, reason: "spans nodes \(start)..<\(end) outside 0..<\(total)")
                    }
                    starts[lane] = start
                    sizes[lane] = end - start
                    positions[lane] = 0
                    results[lane] = -1
                }
                var remaining = count
                while remaining > 0 {
                    for lane in 0..<count where results[lane] < 0 {
                        let node = positions[lane]
                        let record = words + 2 * (starts[lane] + node)
                        let word = record[1]
                        let feature = Int(ForestNodeRecords.feature(word))
                        let link = Int(ForestNodeRecords.link(word))
                        if feature < 0 {
                            guard link >= 0, link < leaves else {
                                throw EstimatorError.corruptModel(
                                    tree: first + lane, node: node, reason: "is a leaf pointing to leaf row \(link) outside 0..<\(leaves)")
                            }
                            results[lane] = link
                            remaining -= 1
                            continue
                        }
                        guard feature < features else {
                            throw EstimatorError.corruptModel(
                                tree: first + lane, node: node, reason: "splits on feature \(feature) outside 0..<\(features)")
                        }
                        let threshold = Double(bitPattern: UInt64(bitPattern: record[0]))
                        let child = sample[feature] <= threshold ? node + 1 : link
                        guard child > node, child < sizes[lane] else {
                            throw EstimatorError.corruptModel(
                                tree: first + lane, node: node, reason: "has child \(child); children must lie in \(node + 1)..<\(sizes[lane])")
                        }
                        positions[lane] = child
                    }
                }
                for lane in 0..<count {
                    let leaf = valueBase + results[lane] * classCount
                    for k in 0..<classCount { target[k] += leaf[k] }
                }
                first += count
            }
        }
        finishMean(target, scale: 1 / Double(max(trees, 1)))
    }

    /// Turns one row's sums over the trees into means: for ``InputPrecision/float32`` forests as
    /// scikit-learn does (divided by the tree count), for ``InputPrecision/float64`` forests as
    /// Brine 0.1.0 did (multiplied by `scale`, the reciprocal), so every file keeps its outputs bit for bit.
    @inline(__always)
    private func finishMean(_ target: UnsafeMutablePointer<Double>, scale: Double) {
        let classCount = classes.count
        if inputPrecision == .float32 {
            let trees = Double(max(treeCount, 1))
            for k in 0..<classCount { target[k] /= trees }
        } else {
            for k in 0..<classCount { target[k] *= scale }
        }
    }

    /// The row of ``leafValues`` of the leaf `sample` (already in the forest's precision) reaches in
    /// tree `tree`. Every index read from the records is checked: the tree lies inside the records,
    /// a split's feature inside `0..<featureCount`, its children after it and inside its tree (so
    /// the walk takes at most the tree's node count steps), a leaf's row inside the leaf values.
    ///
    /// - Throws: ``EstimatorError/corruptModel(tree:node:reason:)`` naming the bad tree and node.
    @inline(__always)
    func leafRow(tree: Int, sample: UnsafePointer<Double>) throws -> Int {
        let offsets = treeOffsets.unsafeBuffer
        let start = Int(offsets[tree])
        let end = Int(offsets[tree + 1])
        let total = nodeCount
        // The array lengths agree with each other (checked when the model is built or decoded);
        // the offsets and records may not (they are checked only when a file's contents are validated).
        guard start >= 0, start < end, end <= total else {
            throw EstimatorError.corruptModel(tree: tree, node: nil, reason: "spans nodes \(start)..<\(end) outside 0..<\(total)")
        }
        let size = end - start
        let words = nodes.unsafeBuffer.baseAddress.unsafelyUnwrapped + 2 * start
        var node = 0
        while true {
            let word = words[2 * node + 1]
            let feature = Int(ForestNodeRecords.feature(word))
            let link = Int(ForestNodeRecords.link(word))
            if feature < 0 {
                guard link >= 0, link < leafCount else {
                    throw EstimatorError.corruptModel(
                        tree: tree, node: node, reason: "is a leaf pointing to leaf row \(link) outside 0..<\(leafCount)")
                }
                return link
            }
            guard feature < featureCount else {
                throw EstimatorError.corruptModel(tree: tree, node: node, reason: "splits on feature \(feature) outside 0..<\(featureCount)")
            }
            let threshold = Double(bitPattern: UInt64(bitPattern: words[2 * node]))
            let child = sample[feature] <= threshold ? node + 1 : link
            guard child > node, child < size else {
                throw EstimatorError.corruptModel(
                    tree: tree, node: node, reason: "has child \(child); children must lie in \(node + 1)..<\(size)")
            }
            node = child
        }
    }

    /// The accuracy of out-of-bag predictions on the training data `x` (given in the forest's
    /// precision; tree order fixed, so the result does not depend on threads).
    func outOfBagScore(_ x: Matrix, classIndices: [Int], trees: [GrownTree]) throws -> Double {
        let classCount = classes.count
        let rows = x.rows
        let chunkCount = min(rows, ProcessInfo.processInfo.activeProcessorCount * 4)
        let correct = UnsafeMutablePointer<Int>.allocate(capacity: chunkCount)
        let predicted = UnsafeMutablePointer<Int>.allocate(capacity: chunkCount)
        defer { correct.deallocate(); predicted.deallocate() }
        let failure = FirstError()
        let correctAddress = UnsafeSendableMutablePointer(correct)
        let predictedAddress = UnsafeSendableMutablePointer(predicted)
        x.elements.withUnsafeBufferPointer { input in
            guard let inputBase = input.baseAddress else { return }
            let inputAddress = UnsafeSendablePointer(inputBase)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let valueBase = leafValues.unsafeBuffer.baseAddress.unsafelyUnwrapped
                var sums = [Double](repeating: 0, count: classCount)
                var chunkCorrect = 0, chunkPredicted = 0
                for row in (rows * chunk / chunkCount)..<(rows * (chunk + 1) / chunkCount) {
                    for k in 0..<classCount { sums[k] = 0 }
                    var voters = 0
                    for (t, tree) in trees.enumerated() where tree.inBag?[row] == false {
                        do {
                            let leaf = try leafRow(tree: t, sample: inputAddress.pointer + row * featureCount)
                            for k in 0..<classCount { sums[k] += valueBase[leaf * classCount + k] }
                            voters += 1
                        } catch {
                            failure.record(error)
                        }
                    }
                    guard voters > 0 else { continue }
                    var bestIndex = 0
                    for k in 1..<classCount where sums[k] > sums[bestIndex] { bestIndex = k }
                    chunkPredicted += 1
                    if bestIndex == classIndices[row] { chunkCorrect += 1 }
                }
                correctAddress.pointer[chunk] = chunkCorrect
                predictedAddress.pointer[chunk] = chunkPredicted
            }
        }
        if let error = failure.error { throw error }
        var totalCorrect = 0, totalPredicted = 0
        for chunk in 0..<chunkCount {
            totalCorrect += correct[chunk]
            totalPredicted += predicted[chunk]
        }
        guard totalPredicted > 0 else {
            throw EstimatorError.invalidHyperparameter(
                name: "oobScore", value: "true",
                reason: "every sample was drawn by every tree, so none is out of bag; grow more trees")
        }
        return Double(totalCorrect) / Double(totalPredicted)
    }
}
