import Foundation

/// Statistics of a positive quantity across seeds, in log space (errors, times and rates spread
/// multiplicatively across seeds).
///
/// With ℓ_i = log v_i, ℓ̄ = (1/n) Σ ℓ_i and s_ℓ the sample standard deviation (n − 1 divisor):
/// geometric mean G = exp(ℓ̄); CI of G = exp(ℓ̄ ± t_{(1+level)/2, n−1} · s_ℓ/√n) (the t-interval of
/// the mean log, mapped by exp); quantile q = exp(Q_q(ℓ)) with Q the linearly interpolated empirical
/// quantile (position (n − 1)·q). All values are in the units of v.
public struct SeedSummary: Codable, Sendable {
    /// G = exp(mean log v).
    public var geometricMean: Double
    /// CI of the geometric mean.
    public var logMeanCI: Interval
    /// s_ℓ, the standard deviation of log v (dimensionless).
    public var logStandardDeviation: Double
    /// Probability q ↦ the q-quantile of v, for the requested q; nil if none were requested.
    public var quantiles: [Double: Double]?
    /// Number of values.
    public var n: Int
    /// Confidence level of `logMeanCI`.
    public var level: Double

    /// Summarises `values` (finite, positive, at least 2). `quantiles` are probabilities in [0, 1].
    public static func summarize(_ values: [Double], level: Double = 0.95,
                                 quantiles probabilities: [Double] = [0.1, 0.5, 0.9]) throws -> SeedSummary {
        let name = "SeedSummary.summarize"
        try Validation.level(level, fit: name)
        try Validation.positive(values, "values", fit: name)
        let n = values.count
        guard n >= 2 else {
            throw FitError.tooFewPoints(fit: name, needed: 2, got: n, reason: "a t-interval of the mean log needs n − 1 ≥ 1 degrees of freedom")
        }
        if let bad = probabilities.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw FitError.invalidParameter(fit: name, parameter: "quantiles", value: bad, expected: "probabilities in [0, 1]")
        }
        let logs = values.map { log($0) }.sorted()
        let spread = try SeedSpread.of(logs, level: level)
        let table: [Double: Double]? = probabilities.isEmpty ? nil
            : Dictionary(probabilities.map { ($0, exp(StatisticalQuantiles.empirical(sorted: logs, probability: $0))) },
                         uniquingKeysWith: { first, _ in first })
        return SeedSummary(geometricMean: exp(spread.mean), logMeanCI: spread.interval.mapped(by: exp),
                           logStandardDeviation: spread.standardDeviation, quantiles: table, n: n, level: level)
    }
}
