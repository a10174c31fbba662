import Foundation

/// A fitted random forest: its trees stored as flat arrays (all trees concatenated, child
/// indices local to their tree, 32-bit), exactly as they are saved, so a memory-mapped model
/// predicts straight from the file.
///
/// Prediction checks every index it follows (feature, children, tree bounds) and throws
/// rather than crashing or looping, so even a model loaded without validation is safe to use.
public struct RandomForestModel<Label: ClassLabel>: Sendable {
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

    /// The start of each tree in the node arrays, plus the total node count (`treeCount + 1` entries).
    let treeOffsets: DenseArray<Int64>
    /// The left child of each node (index within its tree), -1 at leaves.
    let leftChildren: DenseArray<Int32>
    /// The right child of each node (index within its tree), -1 at leaves.
    let rightChildren: DenseArray<Int32>
    /// The split feature of each node, -1 at leaves.
    let features: DenseArray<Int32>
    /// The split threshold of each node: go left iff `x[feature] <= threshold`.
    let thresholds: DenseArray<Double>
    /// The class fractions of each node, `nodeCount × classes.count`, row-major.
    let values: DenseArray<Double>
    /// The normalized impurity-based importance of each feature.
    let importances: DenseArray<Double>
    /// The packed copy of the nodes prediction uses, built on first prediction.
    let packedLayout = PackedForestLayout()

    /// The number of trees.
    public var treeCount: Int { max(treeOffsets.count - 1, 0) }
    /// The number of nodes in all trees together.
    public var nodeCount: Int { leftChildren.count }
    /// The impurity-based (mean decrease in impurity) importance of each feature, computed as
    /// scikit-learn's `feature_importances_`: per tree normalized to sum to 1, averaged over the
    /// trees that have at least one split, normalized again. All zero when no tree has a split.
    public var featureImportances: [Double] { importances.array }

    /// A model from its arrays, checked for consistent shapes (not contents).
    init(
        classes: [Label], featureCount: Int, featureNames: [String]?, hyperparameters: RandomForestClassifier,
        oobScore: Double?, treeOffsets: DenseArray<Int64>, leftChildren: DenseArray<Int32>,
        rightChildren: DenseArray<Int32>, features: DenseArray<Int32>, thresholds: DenseArray<Double>,
        values: DenseArray<Double>, importances: DenseArray<Double>
    ) {
        self.classes = classes
        self.featureCount = featureCount
        self.featureNames = featureNames
        self.hyperparameters = hyperparameters
        self.oobScore = oobScore
        self.treeOffsets = treeOffsets
        self.leftChildren = leftChildren
        self.rightChildren = rightChildren
        self.features = features
        self.thresholds = thresholds
        self.values = values
        self.importances = importances
    }

    /// Concatenates freshly grown trees.
    init(
        grownTrees trees: [GrownTree], classes: [Label], featureCount: Int, featureNames: [String]?,
        hyperparameters: RandomForestClassifier, oobScore: Double?
    ) throws {
        let nodeCount = trees.reduce(0) { $0 + $1.nodeCount }
        guard nodeCount < Int(Int32.max) else {
            throw EstimatorError.invalidHyperparameter(
                name: "nEstimators", value: "\(trees.count)", reason: "the forest has \(nodeCount) nodes, more than 2^31")
        }
        var offsets: [Int64] = [0]
        for tree in trees { offsets.append(offsets[offsets.count - 1] + Int64(tree.nodeCount)) }
        let classCount = classes.count
        func concatenated<T>(_ part: KeyPath<GrownTree, [T]>, _ count: Int) -> DenseArray<T> {
            DenseArray(count: count) { buffer in
                var position = 0
                for tree in trees {
                    for value in tree[keyPath: part] {
                        buffer[position] = value
                        position += 1
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
            oobScore: oobScore, treeOffsets: DenseArray(offsets), leftChildren: concatenated(\.leftChildren, nodeCount),
            rightChildren: concatenated(\.rightChildren, nodeCount), features: concatenated(\.features, nodeCount),
            thresholds: concatenated(\.thresholds, nodeCount), values: concatenated(\.values, nodeCount * classCount),
            importances: DenseArray(importances))
    }

    // MARK: Prediction

    /// The mean over the trees of the class fractions of the leaf each row reaches:
    /// one row per sample, one column per class (in ``classes`` order).
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features or non-finite values;
    ///   ``PersistenceError/inconsistentModel(_:)`` when a tree of an unvalidated loaded model
    ///   points outside its arrays.
    public func predictProbabilities(_ x: Matrix) throws -> Matrix {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        let rows = x.rows
        let classCount = classes.count
        return try Matrix(rows: rows, columns: classCount) { output in
            output.update(repeating: 0)
            guard let outputBase = output.baseAddress else { return }
            try x.elements.withUnsafeBufferPointer { input in
                guard let inputBase = input.baseAddress else { return }
                let work = rows * max(treeCount, 1)
                let chunkCount = work >= 20_000 ? min(rows, ProcessInfo.processInfo.activeProcessorCount * 4) : 1
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

    /// Adds the mean leaf fractions of `rows` of `input` into `output`. Rows go in blocks, each
    /// block through one tree after another, so a tree stays in cache while the block walks it;
    /// every row still sums its trees in tree order, whatever the block size or thread.
    private func accumulate(rows: Range<Int>, input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>) throws {
        let classCount = classes.count
        let trees = treeCount
        let scale = 1 / Double(max(trees, 1))
        let valueBuffer = values.unsafeBuffer
        guard let valueBase = valueBuffer.baseAddress else { return }
        let packed = packedLayout.records(
            treeOffsets: treeOffsets, leftChildren: leftChildren, rightChildren: rightChildren, features: features,
            thresholds: thresholds, values: values, classCount: classCount)
        let blockSize = 4096
        var blockStart = rows.lowerBound
        while blockStart < rows.upperBound {
            let blockEnd = min(blockStart + blockSize, rows.upperBound)
            for tree in 0..<trees {
                for row in blockStart..<blockEnd {
                    let sample = input + row * featureCount
                    let target = output + row * classCount
                    if let packed {
                        let leaf = try packedLeaf(packed, tree: tree, sample: sample) + 16
                        for k in 0..<classCount { target[k] += leaf.load(fromByteOffset: 8 * k, as: Double.self) }
                    } else {
                        let leafValues = valueBase + (try leafIndex(tree: tree, sample: sample)) * classCount
                        for k in 0..<classCount { target[k] += leafValues[k] }
                    }
                }
            }
            for row in blockStart..<blockEnd {
                let target = output + row * classCount
                for k in 0..<classCount { target[k] *= scale }
            }
            blockStart = blockEnd
        }
    }

    /// The record of the leaf `sample` reaches in tree `tree`, on the packed records (same checks
    /// as ``leafIndex(tree:sample:)``: feature in range, children after their parent and inside the tree).
    @inline(__always)
    private func packedLeaf(_ records: PackedForestLayout.Records, tree: Int, sample: UnsafePointer<Double>) throws -> UnsafeRawPointer {
        let offsets = treeOffsets.unsafeBuffer
        let start = Int(offsets[tree])
        let end = Int(offsets[tree + 1])
        guard start >= 0, start < end, end <= leftChildren.count else {
            throw PersistenceError.inconsistentModel("tree \(tree) spans nodes \(start)..<\(end) outside 0..<\(leftChildren.count)")
        }
        let size = end - start
        let stride = records.stride
        let base = records.base + start * stride
        var node = 0
        while true {
            let record = base + node * stride
            let f = Int(record.load(fromByteOffset: 8, as: Int32.self))
            if f < 0 { return record }
            guard f < featureCount else {
                throw PersistenceError.inconsistentModel("tree \(tree) node \(node) splits on feature \(f) outside 0..<\(featureCount)")
            }
            let child = sample[f] <= record.load(as: Double.self)
                ? node + 1 : Int(record.load(fromByteOffset: 12, as: Int32.self))
            guard child > node && child < size else {
                throw PersistenceError.inconsistentModel(
                    "tree \(tree) node \(node) has child \(child); children must lie in \(node + 1)..<\(size)")
            }
            node = child
        }
    }

    /// The global index of the leaf `sample` reaches in tree `tree`. Every index read from the
    /// arrays is checked; children must come after their parent within the tree, so the walk
    /// takes at most the tree's node count steps.
    ///
    /// - Throws: ``PersistenceError/inconsistentModel(_:)`` naming the bad node.
    @inline(__always)
    func leafIndex(tree: Int, sample: UnsafePointer<Double>) throws -> Int {
        let offsets = treeOffsets.unsafeBuffer
        let start = Int(offsets[tree])
        let end = Int(offsets[tree + 1])
        let total = leftChildren.count
        // The array lengths agree with each other (checked when the model is built or decoded);
        // the offsets may not (they are checked only when a loaded file's contents are validated).
        guard start >= 0, start < end, end <= total else {
            throw PersistenceError.inconsistentModel("tree \(tree) spans nodes \(start)..<\(end) outside 0..<\(total)")
        }
        let size = end - start
        let left = leftChildren.unsafeBuffer.baseAddress.unsafelyUnwrapped + start
        let right = rightChildren.unsafeBuffer.baseAddress.unsafelyUnwrapped + start
        let feature = features.unsafeBuffer.baseAddress.unsafelyUnwrapped + start
        let threshold = thresholds.unsafeBuffer.baseAddress.unsafelyUnwrapped + start
        var node = 0
        while true {
            let leftChild = Int(left[node])
            if leftChild == -1 { return start + node }
            let f = Int(feature[node])
            guard f >= 0 && f < featureCount else {
                throw PersistenceError.inconsistentModel("tree \(tree) node \(node) splits on feature \(f) outside 0..<\(featureCount)")
            }
            let child = sample[f] <= threshold[node] ? leftChild : Int(right[node])
            guard child > node && child < size else {
                throw PersistenceError.inconsistentModel(
                    "tree \(tree) node \(node) has child \(child); children must lie in \(node + 1)..<\(size)")
            }
            node = child
        }
    }

    /// The accuracy of out-of-bag predictions on the training data (tree order fixed, so the
    /// result does not depend on threads).
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
                let valueBase = values.unsafeBuffer.baseAddress.unsafelyUnwrapped
                var sums = [Double](repeating: 0, count: classCount)
                var chunkCorrect = 0, chunkPredicted = 0
                for row in (rows * chunk / chunkCount)..<(rows * (chunk + 1) / chunkCount) {
                    for k in 0..<classCount { sums[k] = 0 }
                    var voters = 0
                    for (t, tree) in trees.enumerated() where tree.inBag?[row] == false {
                        do {
                            let leaf = try leafIndex(tree: t, sample: inputAddress.pointer + row * featureCount)
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
