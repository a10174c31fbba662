/// The random numbers of one tree: SplitMix64 seeded from the forest's seed and the tree's index,
/// so every tree is the same whatever thread grows it and whatever the number of threads.
struct ForestRandomNumberGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// The generator of tree `treeIndex` of a forest seeded with `seed`.
    init(seed: UInt64, treeIndex: Int) {
        var mixer = seed &+ 0x9E37_79B9_7F4A_7C15 &* (UInt64(truncatingIfNeeded: treeIndex) &+ 1)
        state = Self.mix(&mixer) ^ Self.mix(&mixer)
    }

    private static func mix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        Self.mix(&state)
    }

    /// A uniform integer in `0..<bound` (`bound > 0`), by Lemire's multiply-high method.
    @inline(__always)
    mutating func nextIndex(below bound: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: bound).multipliedFullWidth(by: next()).high)
    }
}
