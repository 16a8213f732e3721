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
        let name = "Bootstrap.interval"
        try Validation.level(level, fit: name)
        try Validation.finite(values, "values", fit: name)
        guard !values.isEmpty else {
            throw FitError.tooFewPoints(fit: name, needed: 1, got: 0, reason: "an empty sample cannot be resampled")
        }
        guard resamples >= 1 else {
            throw FitError.invalidParameter(fit: name, parameter: "resamples", value: Double(resamples), expected: "at least 1 resample")
        }
        var rng = RandomStream(seed: seed, stream: stream, purpose: .bootstrap)
        let n = values.count
        var resample = values
        var replicates = [Double](repeating: 0, count: resamples)
        for b in 0..<resamples {
            for i in 0..<n { resample[i] = values[rng.nextIndex(n)] }
            let theta = statistic(resample)
            guard theta.isFinite else {
                throw FitError.nonFinite(fit: name, parameter: "statistic(resample \(b))", index: b, value: theta)
            }
            replicates[b] = theta
        }
        replicates.sort()
        return Interval(low: StatisticalQuantiles.empirical(sorted: replicates, probability: (1 - level) / 2),
                        high: StatisticalQuantiles.empirical(sorted: replicates, probability: (1 + level) / 2))
    }
}
