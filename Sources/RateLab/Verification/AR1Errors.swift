import Foundation
import RateLabLinalg

/// Gaussian first-order autoregressive errors, the dependence model of a single trajectory's fit:
/// e_t = φ e_{t−1} + u_t with u_t ~ N(0, σ_u²) independent and a stationary start
/// e_0 ~ N(0, σ_u²/(1 − φ²)). Successive iterates of a stochastic method are built on each other, so the
/// log-metric's deviations from its trend are autocorrelated (φ of 0.5–0.97 is common); intervals that
/// treat them as independent cover far less than their level.
enum AR1Errors {
    /// The largest |φ| used: at φ = 0.995 the effective sample size n(1 − φ)/(1 + φ) is n/400, so a
    /// stronger dependence cannot be told apart from a trend on any series this tool fits.
    static let maximumCorrelation = 0.995

    /// The Prais–Winsten transform W v: w_0 = √(1 − φ²)·v_0, w_t = v_t − φ v_{t−1} (t ≥ 1). If v = e is AR(1)
    /// with coefficient φ, the w_t are independent N(0, σ_u²). Applied to residuals and to the columns of
    /// a Jacobian alike (it is linear).
    static func whiten(_ v: UnsafeBufferPointer<Double>, phi: Double, into w: UnsafeMutableBufferPointer<Double>) {
        let n = v.count
        guard n > 0 else { return }
        w[0] = (1 - phi * phi).squareRoot() * v[0]
        for t in 1..<n { w[t] = v[t] - phi * v[t - 1] }
    }

    /// The bias-corrected lag-one autocorrelation of the residuals r of a fit with `parameters`
    /// parameters: φ̂ = Σ_{t≥1} r_t r_{t−1} / Σ_{t≥1} r_{t−1}², then φ̃ = φ̂ + (k + (k + 2)φ̂)/n with k the
    /// number of parameters (the first-order bias of φ̂ after fitting a mean, k = 1, is −(1 + 3φ)/n and after
    /// a linear trend, k = 2, −(2 + 4φ)/n), clamped to [−0.99, `maximumCorrelation`]. 0 when r is all zero.
    static func correlation(ofResiduals r: [Double], parameters k: Int) -> Double {
        let n = r.count
        var cross = 0.0, square = 0.0
        for t in 1..<n {
            cross += r[t] * r[t - 1]
            square += r[t - 1] * r[t - 1]
        }
        guard square > 0 else { return 0 }
        let raw = cross / square
        let corrected = raw + (Double(k) + Double(k + 2) * raw) / Double(n)
        return min(max(corrected, -0.99), maximumCorrelation)
    }

    /// n draws of the stationary AR(1) process with innovation standard deviation `innovationSD`.
    static func simulate(count n: Int, phi: Double, innovationSD sigma: Double, stream: inout RandomStream) -> [Double] {
        recolour((0..<n).map { _ in sigma * stream.nextGaussian() }, phi: phi)
    }

    /// The AR(1) series with the given innovations u: e_0 = u_0/√(1 − φ²) (stationary scale), e_t = φ e_{t−1} + u_t.
    static func recolour(_ u: [Double], phi: Double) -> [Double] {
        var e = u
        guard !u.isEmpty else { return e }
        e[0] = u[0] / (1 - phi * phi).squareRoot()
        for t in 1..<u.count { e[t] = phi * e[t - 1] + u[t] }
        return e
    }

    /// The local standard deviation of innovations w: s_t = √(mean of w_j² over |j − t| ≤ h), h = max(5, n/10)
    /// points, so a noise level that changes along the run (small on the decay, larger on a floor) is kept.
    static func localScale(_ w: [Double]) -> [Double] {
        let n = w.count, h = max(5, n / 10)
        var prefix = [Double](repeating: 0, count: n + 1)
        for t in 0..<n { prefix[t + 1] = prefix[t] + w[t] * w[t] }
        return (0..<n).map { t in
            let lo = max(0, t - h), hi = min(n, t + h + 1)
            return ((prefix[hi] - prefix[lo]) / Double(hi - lo)).squareRoot()
        }
    }

    /// The effective number of independent points of n AR(1)-correlated ones for estimating a level:
    /// n_eff = n(1 − φ)/(1 + φ) (the variance of a mean of n AR(1) values is (σ²/n)(1 + φ)/(1 − φ) for large n).
    static func effectiveSampleSize(_ n: Int, phi: Double) -> Double {
        Double(n) * (1 - phi) / (1 + phi)
    }
}
