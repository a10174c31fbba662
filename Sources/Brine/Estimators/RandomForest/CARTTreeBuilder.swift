import Foundation

/// Grows CART classification trees the way scikit-learn's `DepthFirstTreeBuilder` with the
/// `BestSplitter` does. One builder per thread: it owns every scratch buffer, sized once, so
/// growing a tree allocates nothing per node beyond the output arrays.
///
/// Bootstrap samples are represented as weights (how many times each sample was drawn); the
/// node's samples are the distinct drawn ones, which is what `minSamplesSplit` and
/// `minSamplesLeaf` count, as in scikit-learn.
final class CARTTreeBuilder {
    /// Values closer than this are treated as equal (scikit-learn's `FEATURE_THRESHOLD`).
    static let featureThreshold = 1e-7

    private let data: TreeTrainingData
    private let samples: UnsafeMutablePointer<Int32>
    /// Beside each entry of `samples`: its class and weight packed as `class << weightBits | weight`
    /// when they fit in 32 bits (always, in practice), else the sample index itself.
    private let sampleCodes: UnsafeMutablePointer<UInt32>
    private let spillSamples: UnsafeMutablePointer<Int32>
    private let spillCodes: UnsafeMutablePointer<UInt32>
    private var packedCodes = true
    private var weightBits: UInt32 = 0
    private let weights: UnsafeMutablePointer<Double>
    private let keys: UnsafeMutablePointer<UInt64>
    private let scratch: UnsafeMutablePointer<UInt64>
    private let histogram: UnsafeMutablePointer<Int>
    private let featureOrder: UnsafeMutablePointer<Int32>
    private let constantFeatures: UnsafeMutablePointer<Int32>
    private let countsTotal: UnsafeMutablePointer<Double>
    private let countsLeft: UnsafeMutablePointer<Double>
    private var stack: [StackEntry] = []
    private var rng = ForestRandomNumberGenerator(seed: 0, treeIndex: 0)

    private struct StackEntry {
        var start: Int
        var end: Int
        var depth: Int
        var parent: Int
        var isLeft: Bool
        var impurity: Double
        var constantCount: Int
    }

    private struct Split {
        var feature: Int = -1
        var threshold: Double = 0
        var leftRank: UInt32 = 0
        var position: Int
        var impurityLeft: Double = 0
        var impurityRight: Double = 0
        var weightLeft: Double = 0
        var weightRight: Double = 0
    }

    /// A builder for trees on `data`.
    init(data: TreeTrainingData) {
        self.data = data
        let n = max(data.sampleCount, 1)
        samples = .allocate(capacity: n)
        sampleCodes = .allocate(capacity: n)
        spillSamples = .allocate(capacity: n)
        spillCodes = .allocate(capacity: n)
        weights = .allocate(capacity: n)
        keys = .allocate(capacity: n)
        scratch = .allocate(capacity: n)
        histogram = .allocate(capacity: RankKeySort.histogramCapacity)
        featureOrder = .allocate(capacity: max(data.featureCount, 1))
        constantFeatures = .allocate(capacity: max(data.featureCount, 1))
        countsTotal = .allocate(capacity: max(data.classCount, 1))
        countsLeft = .allocate(capacity: max(data.classCount, 1))
        stack.reserveCapacity(128)
    }

    deinit {
        samples.deallocate()
        sampleCodes.deallocate()
        spillSamples.deallocate()
        spillCodes.deallocate()
        weights.deallocate()
        keys.deallocate()
        scratch.deallocate()
        histogram.deallocate()
        featureOrder.deallocate()
        constantFeatures.deallocate()
        countsTotal.deallocate()
        countsLeft.deallocate()
    }

    /// Grows tree `treeIndex` of the forest (its random numbers depend only on the seed and the index).
    func grow(treeIndex: Int, recordInBag: Bool) -> GrownTree {
        let n = data.sampleCount
        let classCount = data.classCount
        rng = ForestRandomNumberGenerator(seed: data.seed, treeIndex: treeIndex)
        if data.bootstrap {
            weights.update(repeating: 0, count: n)
            for _ in 0..<n { weights[rng.nextIndex(below: n)] += 1 }
        } else {
            weights.update(repeating: 1, count: n)
        }
        var used = 0
        var maximumWeight = 0.0
        for i in 0..<n where weights[i] > 0 {
            samples[used] = Int32(truncatingIfNeeded: i)
            maximumWeight = max(maximumWeight, weights[i])
            used += 1
        }
        let classBits = UInt32(max(1, Int.bitWidth - (classCount - 1).leadingZeroBitCount))
        weightBits = 32 &- classBits
        packedCodes = classBits < 32 && maximumWeight < Double(UInt64(1) << UInt64(weightBits))
        for p in 0..<used {
            let sample = Int(samples[p])
            sampleCodes[p] = packedCodes
                ? UInt32(data.labels[sample]) << weightBits | UInt32(weights[sample])
                : UInt32(sample)
        }
        for f in 0..<data.featureCount { featureOrder[f] = Int32(truncatingIfNeeded: f) }

        var tree = GrownTree()
        let expectedNodes = min(2 * used, 1 << 20)
        tree.leftChildren.reserveCapacity(expectedNodes)
        tree.rightChildren.reserveCapacity(expectedNodes)
        tree.features.reserveCapacity(expectedNodes)
        tree.thresholds.reserveCapacity(expectedNodes)
        tree.values.reserveCapacity(expectedNodes * classCount)
        var importances = [Double](repeating: 0, count: data.featureCount)

        stack.removeAll(keepingCapacity: true)
        stack.append(StackEntry(start: 0, end: used, depth: 0, parent: -1, isLeft: false, impurity: .infinity, constantCount: 0))
        var isRoot = true
        var rootWeight = 1.0
        while let entry = stack.popLast() {
            let start = entry.start, end = entry.end
            let nodeSamples = end - start
            countsTotal.update(repeating: 0, count: classCount)
            var weighted = 0.0
            for p in start..<end {
                let s = Int(samples[p])
                let w = weights[s]
                countsTotal[Int(data.labels[s])] += w
                weighted += w
            }
            var isLeaf = entry.depth >= data.maxDepth || nodeSamples < data.minSamplesSplit
                || nodeSamples < 2 * data.minSamplesLeaf
            let impurity = isRoot ? nodeImpurity(countsTotal, weighted) : entry.impurity
            if isRoot { rootWeight = weighted }
            isRoot = false
            isLeaf = isLeaf || impurity <= Double.ulpOfOne
            var constantCount = entry.constantCount
            var split: Split? = nil
            if !isLeaf {
                split = findBestSplit(start: start, end: end, weighted: weighted, constantCount: &constantCount)
                if split == nil { isLeaf = true }
            }
            let nodeID = tree.leftChildren.count
            tree.leftChildren.append(-1)
            tree.rightChildren.append(-1)
            tree.features.append(Int32(truncatingIfNeeded: split?.feature ?? -1))
            tree.thresholds.append(split?.threshold ?? -2)
            let inverse = weighted > 0 ? 1 / weighted : 0
            for k in 0..<classCount { tree.values.append(countsTotal[k] * inverse) }
            if entry.parent >= 0 {
                if entry.isLeft {
                    tree.leftChildren[entry.parent] = Int32(truncatingIfNeeded: nodeID)
                } else {
                    tree.rightChildren[entry.parent] = Int32(truncatingIfNeeded: nodeID)
                }
            }
            if let split {
                importances[split.feature] += weighted * impurity - split.weightLeft * split.impurityLeft
                    - split.weightRight * split.impurityRight
                stack.append(StackEntry(
                    start: split.position, end: end, depth: entry.depth + 1, parent: nodeID, isLeft: false,
                    impurity: split.impurityRight, constantCount: constantCount))
                stack.append(StackEntry(
                    start: start, end: split.position, depth: entry.depth + 1, parent: nodeID, isLeft: true,
                    impurity: split.impurityLeft, constantCount: constantCount))
            }
        }
        if tree.nodeCount > 1 {
            var total = 0.0
            for f in importances.indices {
                importances[f] /= rootWeight
                total += importances[f]
            }
            if total > 0 {
                for f in importances.indices { importances[f] /= total }
            }
        }
        tree.importances = importances
        if recordInBag {
            tree.inBag = (0..<n).map { weights[$0] > 0 }
        }
        return tree
    }

    // MARK: Impurity

    @inline(__always)
    private func nodeImpurity(_ counts: UnsafeMutablePointer<Double>, _ weight: Double) -> Double {
        guard weight > 0 else { return 0 }
        switch data.criterion {
        case .gini:
            var squares = 0.0
            for k in 0..<data.classCount { squares += counts[k] * counts[k] }
            return 1 - squares / (weight * weight)
        case .entropy:
            var entropy = 0.0
            for k in 0..<data.classCount where counts[k] > 0 {
                let p = counts[k] / weight
                entropy -= p * Foundation.log2(p)
            }
            return entropy
        }
    }

    /// The impurity of the right side, whose counts are `total - left`.
    @inline(__always)
    private func rightImpurity(_ weight: Double) -> Double {
        guard weight > 0 else { return 0 }
        switch data.criterion {
        case .gini:
            var squares = 0.0
            for k in 0..<data.classCount {
                let c = countsTotal[k] - countsLeft[k]
                squares += c * c
            }
            return 1 - squares / (weight * weight)
        case .entropy:
            var entropy = 0.0
            for k in 0..<data.classCount {
                let c = countsTotal[k] - countsLeft[k]
                if c > 0 {
                    let p = c / weight
                    entropy -= p * Foundation.log2(p)
                }
            }
            return entropy
        }
    }

    // MARK: Split search

    @inline(__always)
    private func swapFeatures(_ i: Int, _ j: Int) {
        let t = featureOrder[i]
        featureOrder[i] = featureOrder[j]
        featureOrder[j] = t
    }

    /// The best split of `samples[start..<end]`, or `nil` when no split honours `minSamplesLeaf`
    /// or every drawn feature is constant. Reorders the samples so the left child's come first.
    private func findBestSplit(start: Int, end: Int, weighted: Double, constantCount: inout Int) -> Split? {
        let featureCount = data.featureCount
        let sampleCount = data.sampleCount
        let minLeaf = data.minSamplesLeaf
        let threshold = Self.featureThreshold
        let labels = data.labels
        let isGini = data.criterion == .gini
        let classCount = data.classCount

        let packed = packedCodes
        let weightBits = self.weightBits
        let weightMask: UInt32 = weightBits >= 32 ? .max : (1 << weightBits) - 1
        var remaining = featureCount
        var visited = 0
        var foundConstants = 0
        var drawnConstants = 0
        let knownConstants = constantCount
        var totalConstants = knownConstants

        var best = Split(position: end)
        var bestProxy = -Double.infinity

        var sumSquaresTotal = 0.0
        for k in 0..<classCount { sumSquaresTotal += countsTotal[k] * countsTotal[k] }

        while remaining > totalConstants
            && (visited < data.maxFeatures || visited <= foundConstants + drawnConstants)
        {
            visited += 1
            var j = drawnConstants + rng.nextIndex(below: remaining - foundConstants - drawnConstants)
            if j < knownConstants {
                swapFeatures(drawnConstants, j)
                drawnConstants += 1
                continue
            }
            j += foundConstants
            let feature = Int(featureOrder[j])
            let rankColumn = data.ranks + feature * sampleCount
            let valueColumn = data.rankValues + feature * sampleCount
            var minimumRank = UInt32.max
            var maximumRank: UInt32 = 0
            for p in start..<end {
                let rank = rankColumn[Int(samples[p])]
                keys[p] = UInt64(rank) << 32 | UInt64(sampleCodes[p])
                minimumRank = min(minimumRank, rank)
                maximumRank = max(maximumRank, rank)
            }
            if valueColumn[Int(maximumRank)] <= valueColumn[Int(minimumRank)] + threshold {
                swapFeatures(j, totalConstants)
                foundConstants += 1
                totalConstants += 1
                continue
            }
            remaining -= 1
            swapFeatures(remaining, j)
            let sorted = RankKeySort.sort(
                keys + start, count: end - start, scratch: scratch + start,
                minimumRank: minimumRank, maximumRank: maximumRank, histogram: histogram)

            // Sweep the sorted samples from left to right, moving each into the left child.
            countsLeft.update(repeating: 0, count: classCount)
            var weightLeft = 0.0
            var weightRight = weighted
            var squaresLeft = 0.0
            var squaresRight = sumSquaresTotal
            let count = end - start
            let lastPosition = count - minLeaf
            let tieBits = data.nearTies + feature * data.nearTieWordCount
            var currentKey = sorted[0]
            var p = 0
            while p < count - 1 {
                let code = UInt32(truncatingIfNeeded: currentKey)
                let c: Int, w: Double
                if packed {
                    c = Int(code >> weightBits)
                    w = Double(code & weightMask)
                } else {
                    c = Int(labels[Int(code)])
                    w = weights[Int(code)]
                }
                let left = countsLeft[c]
                let right = countsTotal[c] - left
                countsLeft[c] = left + w
                // Counts are integers (bootstrap multiplicities), so these running sums are exact.
                squaresLeft += w * (2 * left + w)
                squaresRight += w * (w - 2 * right)
                weightLeft += w
                weightRight -= w
                let currentRank = Int(currentKey >> 32)
                currentKey = sorted[p + 1]
                p += 1
                let nextRank = Int(currentKey >> 32)
                // Is the next value within featureThreshold of this one? (scikit-learn's test)
                if nextRank == currentRank { continue }
                let afterCurrent = currentRank + 1
                if tieBits[afterCurrent >> 6] & (1 << UInt64(afterCurrent & 63)) != 0 {
                    if nextRank == afterCurrent || valueColumn[nextRank] <= valueColumn[currentRank] + threshold { continue }
                }
                if p < minLeaf { continue }
                if p > lastPosition { break }
                let proxy: Double
                if isGini {
                    proxy = squaresLeft / weightLeft + squaresRight / weightRight
                } else {
                    proxy = -weightLeft * nodeImpurity(countsLeft, weightLeft) - weightRight * rightImpurity(weightRight)
                }
                if proxy > bestProxy {
                    bestProxy = proxy
                    let current = valueColumn[currentRank], next = valueColumn[nextRank]
                    var cut = current / 2 + next / 2
                    if cut == next || !cut.isFinite { cut = current }
                    best.feature = feature
                    best.threshold = cut
                    best.leftRank = UInt32(truncatingIfNeeded: currentRank)
                    best.position = start + p
                }
            }
        }

        // Keep the known constant features in their original order for siblings and children,
        // and remember the newly found ones.
        for i in 0..<knownConstants { featureOrder[i] = constantFeatures[i] }
        for i in knownConstants..<(knownConstants + foundConstants) { constantFeatures[i] = featureOrder[i] }
        constantCount = totalConstants

        guard best.position < end, best.feature >= 0 else { return nil }

        // Partition the node's samples: x[feature] <= threshold (rank <= leftRank) first. The
        // partition is stable, so samples stay in ascending index order within every node and
        // gathering a feature's ranks reads each column front to back (cache and prefetch friendly).
        let rankColumn = data.ranks + best.feature * sampleCount
        var left = start
        var rightCount = 0
        for p in start..<end {
            let sample = samples[p]
            let code = sampleCodes[p]
            if rankColumn[Int(sample)] <= best.leftRank {
                samples[left] = sample
                sampleCodes[left] = code
                left += 1
            } else {
                spillSamples[rightCount] = sample
                spillCodes[rightCount] = code
                rightCount += 1
            }
        }
        (samples + left).update(from: spillSamples, count: rightCount)
        (sampleCodes + left).update(from: spillCodes, count: rightCount)
        best.position = left
        countsLeft.update(repeating: 0, count: classCount)
        var weightLeft = 0.0
        for p in start..<left {
            let s = Int(samples[p])
            countsLeft[Int(labels[s])] += weights[s]
            weightLeft += weights[s]
        }
        best.weightLeft = weightLeft
        best.weightRight = weighted - weightLeft
        best.impurityLeft = nodeImpurity(countsLeft, weightLeft)
        best.impurityRight = rightImpurity(weighted - weightLeft)
        return best
    }
}
