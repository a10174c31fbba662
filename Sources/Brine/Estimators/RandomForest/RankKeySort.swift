/// Sorts the 64-bit keys the tree builder uses for one feature of one node: the feature's
/// rank (its position among the feature's distinct values) in the high 32 bits, the sample
/// index in the low 32 bits. Keys are distinct, so every algorithm gives the same order.
///
/// Large runs use an LSD radix sort on the rank bits only (at most two or three passes over
/// the run), short runs a quicksort and insertion sort.
enum RankKeySort {
    /// Runs shorter than this are sorted by comparison.
    static let radixThreshold = 384

    /// Sorts `keys[0..<count]` ascending. `minimumRank...maximumRank` must cover the ranks of the
    /// keys; `scratch` must hold `count` keys. Returns where the sorted keys are: `keys` or `scratch`.
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
        let passes = (bits + 10) / 11
        let digitBits = (bits + passes - 1) / passes
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
    static let histogramCapacity = 3 * 2048

    private static func quicksort(_ keysIn: UnsafeMutablePointer<UInt64>, _ countIn: Int) {
        var keys = keysIn
        var n = countIn
        while n > 24 {
            // Median of three as pivot, Hoare-style partition (keys are distinct).
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
