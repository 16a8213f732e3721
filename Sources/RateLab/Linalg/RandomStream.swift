import Foundation

/// A counter-based pseudo-random stream: the k-th draw is a pure function of (key, k), with
/// key = hash(seed, stream, purpose). Streams for different (worker, purpose) pairs are independent
/// and do not depend on the order in which other streams are used, which makes every run a pure
/// function of its seed whatever the thread count.
///
/// The generator is SplitMix64 (Steele, Lea, Flood 2014): output_k = mix(key + (k+1)·γ),
/// γ = 0x9E3779B97F4A7C15, with the Stafford variant-13 finaliser.
public struct RandomStream: RandomNumberGenerator, Sendable {
    /// Standard stream purposes, so that two parts of a run never share a stream by accident.
    public enum Purpose: UInt64, Sendable {
        case data = 1, split, sampling, noise, compute, network, topology, algorithm, initialPoint, bootstrap
    }

    public let key: UInt64
    /// Draws made so far.
    public var counter: UInt64 { drawn }
    @usableFromInline var drawn: UInt64 = 0
    private var spareGaussian: Double? = nil

    /// A stream for `(seed, stream, purpose)`; `stream` is typically the worker index.
    public init(seed: UInt64, stream: UInt64 = 0, purpose: Purpose = .data) {
        var k = RandomStream.mix(seed &+ 0x6A09E667F3BCC909)
        k = RandomStream.mix(k ^ (stream &* 0xBB67AE8584CAA73B))
        k = RandomStream.mix(k ^ (purpose.rawValue &* 0x3C6EF372FE94F82B))
        key = k
    }

    @inlinable @inline(__always)
    static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        drawn &+= 1
        return RandomStream.mix(key &+ drawn &* 0x9E3779B97F4A7C15)
    }

    /// Uniform on [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform on (0, 1]: safe for log.
    @inlinable @inline(__always)
    public mutating func nextOpenUniform() -> Double { Double((next() >> 11) + 1) * 0x1.0p-53 }

    /// Uniform integer in 0..<n (Lemire's multiply-shift; bias < n/2⁶⁴, negligible here).
    @inlinable @inline(__always)
    public mutating func nextIndex(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Standard normal N(0, 1) by the Box–Muller transform (pairs; the second is kept for the next call).
    public mutating func nextGaussian() -> Double {
        if let z = spareGaussian { spareGaussian = nil; return z }
        let u1 = nextOpenUniform(), u2 = nextUniform()
        let r = (-2 * log(u1)).squareRoot()
        let theta = 2 * Double.pi * u2
        spareGaussian = r * sin(theta)
        return r * cos(theta)
    }

    /// Exponential with the given mean: −mean · log U.
    public mutating func nextExponential(mean: Double) -> Double { -mean * log(nextOpenUniform()) }

    /// Bernoulli(p).
    public mutating func nextBool(probability p: Double) -> Bool { nextUniform() < p }
}
