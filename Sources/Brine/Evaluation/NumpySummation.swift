/// Sums in numpy's order, so that averages computed here round exactly as scikit-learn's do.
enum NumpySummation {
    /// `np.sum` of a contiguous float64 vector: blocks of 8 partial sums up to 128 elements,
    /// recursive halving (at multiples of 8) above that.
    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0[...]) }
    }

    private static func pairwise(_ a: Slice<UnsafeBufferPointer<Double>>) -> Double {
        let n = a.count
        let start = a.startIndex
        if n < 8 {
            var result = 0.0
            for value in a { result += value }
            return result
        } else if n <= 128 {
            var r = (0..<8).map { a[start + $0] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += a[start + i + j] }
                i += 8
            }
            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                result += a[start + i]
                i += 1
            }
            return result
        } else {
            var half = n / 2
            half -= half % 8
            return pairwise(a[start..<(start + half)]) + pairwise(a[(start + half)...])
        }
    }

    /// `np.mean`: the numpy-order sum divided by the count; 0 for no values.
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : sum(values) / Double(values.count)
    }
}
