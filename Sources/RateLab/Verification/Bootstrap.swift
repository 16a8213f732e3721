import RateLabLinalg

/// The seeded percentile bootstrap (Efron): a confidence interval for any statistic of a sample.
///
/// For b = 1…B, draw n values from `values` with replacement (indices from
/// `RandomStream(seed:stream:purpose: .bootstrap)`), compute θ*_b = statistic(resample); the interval
/// is [Q_{(1−level)/2}(θ*), Q_{(1+level)/2}(θ*)] with Q the linearly interpolated empirical quantile.
/// The result is a pure function of (values, statistic, level, resamples, seed, stream), in the units
/// of the statistic.
public enum Bootstrap {
    /// The percentile interval of `statistic` at `level` from `resamples` resamples (≥ 1; a few
    /// thousand make the interval's Monte Carlo error small against its width).
    public static func interval(_ values: [Double], statistic: ([Double]) -> Double, level: Double = 0.95,
                                resamples: Int = 2000, seed: UInt64, stream: UInt64 = 0) throws -> Interval {
        try Validation.level(level, fit: "Bootstrap.interval")
        try Validation.finite(values, "values", fit: "Bootstrap.interval")
        let thetas = try replicates(count: values.count, statistic: { picked in [statistic(picked.map { values[$0] })] },
                                    resamples: resamples, seed: seed, stream: stream)
        return percentile(thetas.map { $0[0] }, level: level)
    }

    /// The replicates θ*_b = statistic(I_b), b = 1…`resamples`, of a vector statistic of n units, I_b being n
    /// indices in 0..<n drawn with replacement (the draws of `interval` for the same seed and stream). Units
    /// that must stay together (a seed's errors at every τ and every cell: common random numbers) are
    /// resampled together by indexing them all with I_b. Throws when a replicate is not finite.
    public static func replicates(count n: Int, statistic: ([Int]) throws -> [Double], resamples: Int,
                                  seed: UInt64, stream: UInt64 = 0) throws -> [[Double]] {
        let name = "Bootstrap.interval"
        guard n > 0 else {
            throw FitError.tooFewPoints(fit: name, needed: 1, got: 0, reason: "an empty sample cannot be resampled")
        }
        guard resamples >= 1 else {
            throw FitError.invalidParameter(fit: name, parameter: "resamples", value: Double(resamples), expected: "at least 1 resample")
        }
        var rng = RandomStream(seed: seed, stream: stream, purpose: .bootstrap)
        var picked = [Int](repeating: 0, count: n)
        return try (0..<resamples).map { b in
            for i in 0..<n { picked[i] = rng.nextIndex(n) }
            let theta = try statistic(picked)
            if let bad = theta.first(where: { !$0.isFinite }) {
                throw FitError.nonFinite(fit: name, parameter: "statistic(resample \(b))", index: b, value: bad)
            }
            return theta
        }
    }

    /// [Q_{(1−level)/2}, Q_{(1+level)/2}] of the replicates of one component.
    public static func percentile(_ replicates: [Double], level: Double = 0.95) -> Interval {
        let sorted = replicates.sorted()
        return Interval(low: StatisticalQuantiles.empirical(sorted: sorted, probability: (1 - level) / 2),
                        high: StatisticalQuantiles.empirical(sorted: sorted, probability: (1 + level) / 2))
    }
}
