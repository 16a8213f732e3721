import Foundation

/// An interval for the mean of a per-seed quantity from the spread of its independent seed values:
/// v̄ ± t_{(1+level)/2, n−1}·s/√n with s the sample standard deviation (n − 1 divisor).
///
/// It needs no model of the noise inside a run: each seed is one independent draw of the whole experiment
/// (its own data order, noise and timings), so the t-interval is exact for normal per-seed values and
/// robust for moderately skewed ones (measured by `ratelab calibrate`). With common random numbers — seed i
/// on both sides of a comparison — apply it to the paired differences (e.g. log a_i − log b_i), which
/// cancels the shared part of the noise. Used whenever a check has at least `minimumSeeds` seeds.
public struct SeedSpread: Codable, Sendable {
    /// v̄, the mean of the seed values.
    public var mean: Double
    /// Its t-interval.
    public var interval: Interval
    /// s, the standard deviation across seeds.
    public var standardDeviation: Double
    /// Number of seeds.
    public var n: Int

    /// The fewest seeds for an interval from their spread (2 give one degree of freedom and a t quantile
    /// of 12.7: useless; 3 is the smallest sample with a usable interval).
    public static let minimumSeeds = 3

    /// A one-line description for check details.
    public var method: String { "t-interval over \(n) seeds (n − 1 = \(n - 1) df)" }

    /// The interval of the mean of `values` (finite, at least 2).
    public static func of(_ values: [Double], level: Double = 0.95) throws -> SeedSpread {
        let name = "SeedSpread.of"
        try Validation.level(level, fit: name)
        try Validation.finite(values, "values", fit: name)
        let n = values.count
        guard n >= 2 else {
            throw FitError.tooFewPoints(fit: name, needed: 2, got: n, reason: "a spread needs two seeds")
        }
        let mean = values.reduce(0, +) / Double(n)
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
        let half = StatisticalQuantiles.twoSidedT(level: level, degreesOfFreedom: n - 1) * sd / Double(n).squareRoot()
        return SeedSpread(mean: mean, interval: Interval(low: mean - half, high: mean + half), standardDeviation: sd, n: n)
    }
}
