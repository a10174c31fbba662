/// Sorts the 64-bit keys the tree builder uses for one feature of one node: the feature's
/// rank (its position among the feature's distinct values) in the high 32 bits, the sample
/// class and weight in the low 32 bits. Equal keys are interchangeable for the split search
/// (it only evaluates positions between different ranks), so the order of ties never matters.
///
/// Large runs use an LSD radix sort on the rank bits only (at most two or three passes over
/// the run), short runs a quicksort and insertion sort.
enum RankKeySort {
    /// Runs shorter than this are sorted by comparison.
    static let radixThreshold = 64

    /// Sorts `keys[0..<count]` ascending. `minimumRank...maximumRank` must cover the ranks of the
    /// keys; `scratch` must hold `count` keys; `histogram` ``histogramCapacity`` counters.
    /// Returns where the sorted keys are: `keys` or `scratch`.
    static func sort(
        _ keys: UnsafeMutablePointer<UInt64>, count: Int, scratch: UnsafeMutablePointer<UInt64>,
        minimumRank: UInt32, maximumRank: UInt32, histogram: UnsafeMutablePointer<Int>
    ) -> UnsafeMutablePointer<UInt64> {
        if count < radixThreshold {
            quicksort(keys, count)
            return keys
        }
        let range = UInt64(maximumRank - minimumRank)
        let bits = max(1, 64 - range.leadingZeroBitCount)
        // Fewest passes that keep digits at most 11 bits, or more passes with smaller
        // histograms when the run is short: minimize passes × (2 × count + buckets).
        var passes = (bits + 10) / 11
        var digitBits = (bits + passes - 1) / passes
        var bestCost = passes * (2 * count + (1 << digitBits))
        for candidate in (passes + 1)...max(passes + 1, 4) {
            let candidateBits = (bits + candidate - 1) / candidate
            let cost = candidate * (2 * count + (1 << candidateBits))
            if cost < bestCost {
                bestCost = cost
                passes = candidate
                digitBits = candidateBits
            }
        }
        let bucketCount = 1 << digitBits
        let mask = UInt64(bucketCount - 1)
        let base = UInt64(minimumRank)
        // One read to count every pass's digits.
        histogram.update(repeating: 0, count: bucketCount * passes)
        for i in 0..<count {
            var rank = (keys[i] >> 32) - base
            for pass in 0..<passes {
                histogram[pass * bucketCount + Int(rank & mask)] += 1
                rank >>= UInt64(digitBits)
            }
        }
        var source = keys
        var target = scratch
        for pass in 0..<passes {
            let counts = histogram + pass * bucketCount
            var total = 0
            for bucket in 0..<bucketCount {
                let c = counts[bucket]
                counts[bucket] = total
                total += c
            }
            let shift = UInt64(32 + pass * digitBits)
            for i in 0..<count {
                let key = source[i]
                let bucket = Int(((key >> 32) - base) >> (shift - 32) & mask)
                target[counts[bucket]] = key
                counts[bucket] += 1
            }
            swap(&source, &target)
        }
        return source
    }

    /// The largest number of histogram slots ``sort(_:count:scratch:minimumRank:maximumRank:histogram:)`` uses.
    static let histogramCapacity = 4 * 2048

    private static func quicksort(_ keysIn: UnsafeMutablePointer<UInt64>, _ countIn: Int) {
        var keys = keysIn
        var n = countIn
        while n > 24 {
            // Median of three as pivot, Hoare partition (equal keys stop both scans, so runs of
            // equal keys split evenly and each side is non-empty).
            let a = keys[0], b = keys[n / 2], c = keys[n - 1]
            let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
            var i = 0, j = n - 1
            while true {
                while keys[i] < pivot { i += 1 }
                while keys[j] > pivot { j -= 1 }
                if i >= j { break }
                let t = keys[i]; keys[i] = keys[j]; keys[j] = t
                i += 1
                j -= 1
            }
            let split = j + 1
            if split < n - split {
                quicksort(keys, split)
                keys += split
                n -= split
            } else {
                quicksort(keys + split, n - split)
                n = split
            }
        }
        insertionSort(keys, n)
    }

    @inline(__always)
    private static func insertionSort(_ keys: UnsafeMutablePointer<UInt64>, _ n: Int) {
        guard n > 1 else { return }
        for i in 1..<n {
            let key = keys[i]
            var j = i
            while j > 0 && keys[j - 1] > key {
                keys[j] = keys[j - 1]
                j -= 1
            }
            keys[j] = key
        }
    }
}
