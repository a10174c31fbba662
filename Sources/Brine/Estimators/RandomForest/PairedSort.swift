/// Sorts feature values and the sample indices that go with them, together, in place:
/// introsort (median-of-three quicksort with a three-way partition, heapsort past the depth
/// limit, insertion sort for short runs), the sort scikit-learn's tree splitter uses.
enum PairedSort {
    /// Sorts `keys[0..<count]` ascending, applying the same moves to `payload[0..<count]`.
    /// The keys must be finite (the forest validates its input first).
    static func sort(_ keys: UnsafeMutablePointer<Double>, _ payload: UnsafeMutablePointer<Int32>, count: Int) {
        guard count > 1 else { return }
        var depthLimit = 0
        var n = count
        while n > 1 { depthLimit += 2; n >>= 1 }
        introsort(keys, payload, count, depthLimit)
    }

    @inline(__always)
    private static func swapAt(_ keys: UnsafeMutablePointer<Double>, _ payload: UnsafeMutablePointer<Int32>, _ i: Int, _ j: Int) {
        let k = keys[i]; keys[i] = keys[j]; keys[j] = k
        let p = payload[i]; payload[i] = payload[j]; payload[j] = p
    }

    private static func introsort(_ keysIn: UnsafeMutablePointer<Double>, _ payloadIn: UnsafeMutablePointer<Int32>, _ countIn: Int, _ depthIn: Int) {
        var keys = keysIn
        var payload = payloadIn
        var n = countIn
        var depth = depthIn
        while n > 16 {
            if depth <= 0 {
                heapsort(keys, payload, n)
                return
            }
            depth -= 1
            let pivot = medianOfThree(keys, n)
            // Three-way partition: [0, l) < pivot, [l, r) == pivot, [r, n) > pivot.
            var i = 0, l = 0, r = n
            while i < r {
                let value = keys[i]
                if value < pivot {
                    swapAt(keys, payload, i, l)
                    i += 1
                    l += 1
                } else if value > pivot {
                    r -= 1
                    swapAt(keys, payload, i, r)
                } else {
                    i += 1
                }
            }
            // Recurse into the smaller side, loop on the larger one.
            if l < n - r {
                introsort(keys, payload, l, depth)
                keys += r
                payload += r
                n -= r
            } else {
                introsort(keys + r, payload + r, n - r, depth)
                n = l
            }
        }
        insertionSort(keys, payload, n)
    }

    @inline(__always)
    private static func medianOfThree(_ keys: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        let a = keys[0], b = keys[n / 2], c = keys[n - 1]
        if a < b {
            if b < c { return b }
            return a < c ? c : a
        }
        if b < c { return a < c ? a : c }
        return b
    }

    @inline(__always)
    private static func insertionSort(_ keys: UnsafeMutablePointer<Double>, _ payload: UnsafeMutablePointer<Int32>, _ n: Int) {
        guard n > 1 else { return }
        for i in 1..<n {
            let key = keys[i]
            let item = payload[i]
            var j = i
            while j > 0 && keys[j - 1] > key {
                keys[j] = keys[j - 1]
                payload[j] = payload[j - 1]
                j -= 1
            }
            keys[j] = key
            payload[j] = item
        }
    }

    private static func heapsort(_ keys: UnsafeMutablePointer<Double>, _ payload: UnsafeMutablePointer<Int32>, _ n: Int) {
        var start = (n - 2) / 2
        while start >= 0 {
            siftDown(keys, payload, start, n)
            start -= 1
        }
        var end = n - 1
        while end > 0 {
            swapAt(keys, payload, 0, end)
            siftDown(keys, payload, 0, end)
            end -= 1
        }
    }

    @inline(__always)
    private static func siftDown(_ keys: UnsafeMutablePointer<Double>, _ payload: UnsafeMutablePointer<Int32>, _ startIn: Int, _ end: Int) {
        var root = startIn
        while true {
            let child = root * 2 + 1
            var maxIndex = root
            if child < end && keys[maxIndex] < keys[child] { maxIndex = child }
            if child + 1 < end && keys[maxIndex] < keys[child + 1] { maxIndex = child + 1 }
            if maxIndex == root { return }
            swapAt(keys, payload, root, maxIndex)
            root = maxIndex
        }
    }
}
