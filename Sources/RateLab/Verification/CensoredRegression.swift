import CGSL
import Foundation
import RateLabLinalg

/// Linear regression with right-censored responses (Tobit type I, interval regression with one open end):
///
///     y_i = x_iᵀβ + σ ε_i,  ε_i ~ N(0, 1);   observed: y_i exactly, or only y_i ≥ c_i (censored at c_i).
///
/// A censored value enters the likelihood as the interval [c_i, ∞), never as the value c_i:
/// log L(β, σ) = Σ_exact [−log σ − ½z_i²] + Σ_censored log Q(z_i), z_i = (y_i − x_iᵀβ)/σ, Q = 1 − Φ.
/// The maximum is found by EM (E-step: E[y_i | y_i ≥ c_i] and E[y_i² | y_i ≥ c_i] under the current fit;
/// M-step: OLS on the expected responses, σ² from the expected squared residuals), which increases
/// log L at every step but slowly when much is censored, then polished by Newton steps in θ = (β, log σ)
/// (central-difference gradient and Hessian, step halved until log L does not decrease). The covariance of
/// β̂ is the inverse observed information at the maximum. Units: those of y (RateLab fits log τ*, so β
/// are exponents).
public struct CensoredRegression: Sendable {
    /// β̂, in the order of the design's columns.
    public var coefficients: [Double]
    /// σ̂, the residual standard deviation.
    public var sigma: Double
    /// The covariance of β̂ (k × k, nested rows).
    public var covariance: [[Double]]
    /// How many observations were censored.
    public var censoredCount: Int
    public var points: Int

    /// Fits β and σ. `design[i]` is x_i (k columns, an intercept column included by the caller), `y[i]` the
    /// value or the censoring point, `censored[i]` whether y_i is only known to be ≥ that point. Needs at
    /// least k + 1 exact values (else the likelihood has no maximum: it grows without bound along the
    /// censored directions).
    public static func fit(design: [[Double]], y: [Double], censored: [Bool]) throws -> CensoredRegression {
        let name = "CensoredRegression.fit"
        let n = design.count, k = design.first?.count ?? 0
        guard y.count == n, censored.count == n else {
            throw FitError.mismatchedLengths(fit: name, first: "design", firstCount: n, second: "y", secondCount: y.count)
        }
        let exact = censored.filter { !$0 }.count
        guard k >= 1, exact >= k + 1 else {
            throw FitError.tooFewPoints(fit: name, needed: k + 1, got: exact, reason: "a censored regression needs more exact values than coefficients")
        }
        try Validation.finite(y, "y", fit: name)
        var beta = try ols(design, y)
        var sigma = max(1e-6, (zip(design, y).map { pow($1 - dot($0, beta), 2) }.reduce(0, +) / Double(n)).squareRoot())
        for _ in 0..<2_000 {
            var ey = y, ey2 = y.map { $0 * $0 }
            for i in 0..<n where censored[i] {
                let mu = dot(design[i], beta), alpha = (y[i] - mu) / sigma
                let lambda = millsRatio(alpha)
                ey[i] = mu + sigma * lambda
                ey2[i] = mu * mu + sigma * sigma + sigma * (y[i] + mu) * lambda
            }
            let next = try ols(design, ey)
            var s2 = 0.0
            for i in 0..<n {
                let mu = dot(design[i], next)
                s2 += ey2[i] - 2 * mu * ey[i] + mu * mu
            }
            let nextSigma = max(1e-6, (s2 / Double(n)).squareRoot())
            let change = max(zip(next, beta).map { abs($0 - $1) }.max()!, abs(nextSigma - sigma))
            beta = next
            sigma = nextSigma
            if change < 1e-12 { break }
        }
        func ll(_ t: [Double]) -> Double { logLikelihood(design, y, censored, beta: Array(t.prefix(k)), sigma: exp(t[k])) }
        var theta = beta + [log(sigma)]
        for _ in 0..<50 {
            let (gradient, information) = derivatives(ll, at: theta)
            guard let step = try? Cholesky.solve(information, gradient) else { break }
            var scale = 1.0, improved = false
            while scale > 1e-6 {
                let candidate = zip(theta, step).map { $0 + scale * $1 }
                if ll(candidate) >= ll(theta) { theta = candidate; improved = true; break }
                scale /= 2
            }
            if !improved || step.map(abs).max()! * scale < 1e-10 { break }
        }
        let information = derivatives(ll, at: theta).information
        let columns = try (0..<k).map { j in try Cholesky.solve(information, (0...k).map { $0 == j ? 1.0 : 0 }) }
        return CensoredRegression(coefficients: Array(theta.prefix(k)), sigma: exp(theta[k]),
                                  covariance: (0..<k).map { a in (0..<k).map { b in columns[b][a] } },
                                  censoredCount: n - exact, points: n)
    }

    /// The Wald interval β̂_j ± z_{(1+level)/2}·SE(β̂_j) of coefficient j.
    public func interval(_ j: Int, level: Double = 0.95) -> Interval {
        let half = StatisticalQuantiles.normal((1 + level) / 2) * covariance[j][j].squareRoot()
        return Interval(low: coefficients[j] - half, high: coefficients[j] + half)
    }

    /// log L at (β, σ).
    static func logLikelihood(_ x: [[Double]], _ y: [Double], _ censored: [Bool], beta: [Double], sigma: Double) -> Double {
        var total = 0.0
        for i in 0..<y.count {
            let z = (y[i] - dot(x[i], beta)) / sigma
            total += censored[i] ? log(gsl_cdf_ugaussian_Q(z)) : -log(sigma) - 0.5 * z * z
        }
        return total
    }

    /// ∇ log L and the observed information −∇² log L at θ, by central differences (step 1e-4).
    private static func derivatives(_ ll: ([Double]) -> Double, at theta: [Double]) -> (gradient: [Double], information: Matrix) {
        let m = theta.count, h = 1e-4
        let gradient = (0..<m).map { a -> Double in
            var up = theta, down = theta
            up[a] += h
            down[a] -= h
            return (ll(up) - ll(down)) / (2 * h)
        }
        var information = Matrix(rows: m, cols: m)
        for a in 0..<m {
            for b in a..<m {
                func shifted(_ da: Double, _ db: Double) -> Double {
                    var t = theta
                    t[a] += da
                    t[b] += db
                    return ll(t)
                }
                let second = (shifted(h, h) - shifted(h, -h) - shifted(-h, h) + shifted(-h, -h)) / (4 * h * h)
                information[a, b] = -second
                information[b, a] = -second
            }
        }
        return (gradient, information)
    }

    /// φ(α)/Q(α), the inverse Mills ratio (E[z | z ≥ α] for a standard normal z).
    private static func millsRatio(_ alpha: Double) -> Double {
        let q = gsl_cdf_ugaussian_Q(alpha)
        return q > 0 ? exp(-0.5 * alpha * alpha) / (2 * Double.pi).squareRoot() / q : alpha
    }

    /// OLS β = (XᵀX)⁻¹Xᵀy by Cholesky.
    private static func ols(_ x: [[Double]], _ y: [Double]) throws -> [Double] {
        do { return try NormalEquations.solve(x, y) } catch {
            throw FitError.degenerate(fit: "CensoredRegression.fit", reason: "the design's columns are linearly dependent (each parameter needs at least two values)")
        }
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }
}
