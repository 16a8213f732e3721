import Foundation
import RateLabLinalg

/// τ*(T, p, B) of one cell of a local-SGD study: the largest averaging period τ (in steps) whose mean
/// error stays within `factor` of the reference period τ₀ = 1 (synchronous SGD) at the same T, p, B.
///
/// Input: a grid τ₀ = 1 < τ₁ < … < τ_m ≤ T and, per grid value, the error of every seed, seeds aligned
/// (seed s ran every τ with the same random numbers: common random numbers, so the ratios below are
/// paired). Means are arithmetic (E[gap] is what the theorems bound). With m_j the mean at τ_j and
/// r_j = m_j / m_0, τ* sits at the first crossing r_{j−1} ≤ factor < r_j, interpolated linearly in
/// (log τ, log r):
///
///     log τ* = log τ_{j−1} + (log factor − log r_{j−1}) / (log r_j − log r_{j−1}) · (log τ_j − log τ_{j−1}).
///
/// When no τ of the grid crosses, τ* is censored at the cap min(τ_m, T): the true τ* is at least the
/// cap and is reported as the cap with `censored` set (τ* = T means one averaging at the end keeps the
/// speedup). The interval is the seeded percentile bootstrap over seeds (the same resampled seeds for
/// every τ, keeping the pairing); a censored replicate counts as the cap, so a censored cell's interval
/// ends at the cap.
public struct TauStarEstimate: Codable, Sendable, Equatable {
    /// τ̂* in steps (the cap when censored).
    public var value: Double
    /// The 95% percentile-bootstrap interval of τ* over seeds, in steps.
    public var interval: Interval
    /// τ* reached the cap: `value` is a lower bound.
    public var censored: Bool
    /// min(largest grid τ, T).
    public var cap: Double
    /// r_j = m_j / m_0 of the means, one per grid τ.
    public var ratios: [Double]

    /// Estimates τ* from `errors[j][s]` (grid τ_j = `taus[j]`, ascending with `taus[0]` the reference;
    /// seed s) for horizon `horizon` (T). Needs ≥ 2 grid values, the same n ≥ 2 seeds at each and
    /// finite errors > 0. `seed` fixes the bootstrap's resamples.
    public static func estimate(taus: [Double], errors: [[Double]], factor: Double, horizon: Double,
                                resamples: Int = 1000, seed: UInt64, level: Double = 0.95) throws -> TauStarEstimate {
        let name = "TauStarEstimate"
        try Validation.level(level, fit: name)
        guard taus.count >= 2, errors.count == taus.count else {
            throw FitError.tooFewPoints(fit: name, needed: 2, got: min(taus.count, errors.count), reason: "τ* needs the reference τ and at least one larger τ")
        }
        try Validation.positive(taus, "taus", fit: name)
        guard zip(taus, taus.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw FitError.notNonDecreasing(fit: name, parameter: "taus", index: 0)
        }
        guard factor > 1, factor.isFinite else {
            throw FitError.invalidParameter(fit: name, parameter: "factor", value: factor, expected: "a finite factor > 1")
        }
        let n = errors[0].count
        guard n >= 2, errors.allSatisfy({ $0.count == n }) else {
            throw FitError.tooFewPoints(fit: name, needed: 2, got: n, reason: "every τ needs the same seeds (at least 2) for paired means")
        }
        for (j, row) in errors.enumerated() { try Validation.positive(row, "errors[\(j)]", fit: name) }
        let cap = min(taus.last!, horizon)
        func means(_ seeds: [Int]) -> [Double] {
            errors.map { row in seeds.reduce(0) { $0 + row[$1] } / Double(seeds.count) }
        }
        let m = means(Array(0..<n))
        let ratios = m.map { $0 / m[0] }
        let point = crossing(taus: taus, ratios: ratios, factor: factor, cap: cap)
        // Resampling the seed indices keeps every τ's errors of one seed together (the pairing).
        let replicates = try Bootstrap.replicates(count: n, statistic: { picked in
            let r = means(picked)
            return [crossing(taus: taus, ratios: r.map { $0 / r[0] }, factor: factor, cap: cap).value]
        }, resamples: resamples, seed: seed)
        let interval = Bootstrap.percentile(replicates.map { $0[0] }, level: level)
        return TauStarEstimate(value: point.value, interval: interval, censored: point.censored, cap: cap, ratios: ratios)
    }

    /// The first crossing of `factor` by the ratios, interpolated on the log-τ grid, at most `cap`;
    /// (cap, censored) when none crosses.
    static func crossing(taus: [Double], ratios: [Double], factor: Double, cap: Double) -> (value: Double, censored: Bool) {
        guard let j = bracket(ratios: ratios, factor: factor) else { return (cap, true) }
        let (r0, r1) = (log(ratios[j - 1]), log(ratios[j]))
        let s = r1 > r0 ? min(1, max(0, (log(factor) - r0) / (r1 - r0))) : 0
        return (min(cap, exp(log(taus[j - 1]) + s * (log(taus[j]) - log(taus[j - 1])))), false)
    }

    /// The first grid index j ≥ 1 whose ratio exceeds `factor`: τ* lies in [τ_{j−1}, τ_j]; nil when none does.
    public static func bracket(ratios: [Double], factor: Double) -> Int? {
        ratios.indices.dropFirst().first { ratios[$0] > factor }
    }
}
