// SplitMix64 (Steele, Lea and Flood): a tiny, fast, well-distributed generator whose output
// depends only on its seed, on every platform and Swift version (unlike the system
// generator), so generated samples and randomized tests are byte-identical for the same seed.
// The one seeded generator of the project: the sample generators and every test use it.

/// A deterministic random number generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `next() % bound`: uniform enough for sample data when `bound` is small (bound > 0).
    public mutating func next(upTo bound: UInt64) -> UInt64 { next() % bound }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A uniform double in `range`.
    public mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// A uniform integer in `0..<bound` (bound > 0).
    public mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}
