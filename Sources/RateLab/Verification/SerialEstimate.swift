import Foundation
import RateLabLinalg

/// One parameter of a single-trajectory fit with an interval calibrated for autocorrelated errors, plus
/// what a reader needs to judge it: the method, φ̂ and the effective sample size.
///
/// Interval: θ̂_j ± q_j·SE_j, with SE_j from the AR(1) GLS fit (`SerialRegression`) and q_j the `level`
/// quantile of |t*| = |θ*_j − θ̂_j|/SE*_j over a parametric bootstrap: `resamples` series
/// y* = m(x; θ̂) + e*, e* AR(1) with coefficient φ_U and Gaussian innovations whose SD follows the local
/// scale of the fitted innovations (`AR1Errors.localScale`, inflated by √(n/(n − k)); a floor is often
/// noisier than the decay before it), each refitted the same way (φ re-estimated). φ_U = φ̂ + z_{0.95}·√((1 − φ̂²)/n) is the upper end of a one-sided 95% interval for φ
/// (capped at `AR1Errors.maximumCorrelation`): the spread of t grows with φ and φ̂ is itself uncertain, so
/// the critical value is taken where the dependence is at the high end of what the data allow. q_j is never
/// below the Student-t quantile with n − k degrees of freedom (the exact value for independent errors);
/// when half the refits fail the parameter is not resolved and its interval is unbounded.
/// Monte Carlo coverage of this interval is measured by `ratelab calibrate` (reports/calibration.csv).
public struct SerialEstimate: Codable, Sendable {
    /// θ̂_j.
    public var estimate: Double
    /// The calibrated interval of θ_j.
    public var interval: Interval
    /// SE_j from the GLS covariance.
    public var standardError: Double
    /// q_j, the bootstrap-t critical value.
    public var criticalValue: Double
    /// φ̂, the bias-corrected lag-one autocorrelation of the residuals.
    public var phi: Double
    /// n(1 − φ̂)/(1 + φ̂).
    public var effectiveSampleSize: Double
    /// Number of points fitted.
    public var points: Int

    /// How the interval was made, for check details and JSON.
    public static let method = "AR(1) GLS (Prais–Winsten, bias-corrected φ̂) with parametric bootstrap-t"

    /// Bootstrap series per fit: 399 puts the 95% quantile between order statistics 379 and 380.
    static let resamples = 399
    /// z_{0.95}: φ_U is the upper end of a one-sided 95% interval for φ.
    static let correlationMargin = 1.6448536269514722
    /// The fixed seed of the bootstrap streams: intervals are pure functions of the data.
    static let seed: UInt64 = 0x7261_7465_6c61_6221

    /// The calibrated estimates of every parameter of `fit`. With `bootstrap` false the bootstrap is
    /// skipped and the intervals are the Student-t ones of independent errors: for callers that read only
    /// the estimates (per-seed estimates whose interval comes from their spread across seeds).
    static func calibrate(_ fit: SerialRegression, level: Double, name: String, bootstrap: Bool = true) -> [SerialEstimate] {
        let k = fit.parameters.count, n = fit.n
        let se = fit.standardErrors
        let tQuantile = StatisticalQuantiles.twoSidedT(level: level, degreesOfFreedom: n - k)
        var critical = [Double](repeating: tQuantile, count: k)
        if bootstrap, fit.innovationSD > 0 {
            let phiU = min(AR1Errors.maximumCorrelation,
                           fit.phi + correlationMargin * (max(1 - fit.phi * fit.phi, 1e-4) / Double(n)).squareRoot())
            let centre = fit.x.map { fit.model.value($0, fit.parameters) }
            var stream = RandomStream(seed: seed, stream: UInt64(n), purpose: .bootstrap)
            let scale = AR1Errors.localScale(fit.whitenedResiduals).map { $0 * (Double(n) / Double(n - k)).squareRoot() }
            var t = [[Double]](repeating: [], count: k)
            for _ in 0..<resamples {
                let noise = AR1Errors.recolour(scale.map { $0 * stream.nextGaussian() }, phi: phiU)
                let y = zip(centre, noise).map(+)
                guard let refit = try? SerialRegression.fit(fit.model, x: fit.x, y: y, start: fit.parameters, fit: name) else { continue }
                let refitSE = refit.standardErrors
                for j in 0..<k where refitSE[j] > 0 && refitSE[j].isFinite {
                    t[j].append(abs(refit.parameters[j] - fit.parameters[j]) / refitSE[j])
                }
            }
            // A parameter whose refits fail for half the series is not resolved by the data: unbounded interval.
            for j in 0..<k {
                critical[j] = t[j].count < resamples / 2 ? .infinity
                    : max(tQuantile, StatisticalQuantiles.empirical(sorted: t[j].sorted(), probability: level))
            }
        }
        let nEff = AR1Errors.effectiveSampleSize(n, phi: fit.phi)
        return (0..<k).map { j in
            let theta = fit.parameters[j], half = critical[j] * se[j]
            return SerialEstimate(estimate: theta, interval: Interval(low: theta - half, high: theta + half), standardError: se[j],
                                  criticalValue: critical[j], phi: fit.phi, effectiveSampleSize: nEff, points: n)
        }
    }
}
