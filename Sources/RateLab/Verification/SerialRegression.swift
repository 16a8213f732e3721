import Foundation

/// Least squares of a curve y ≈ m(x; θ) whose errors are AR(1)-correlated: feasible generalised least
/// squares by iterated Prais–Winsten.
///
/// 1. θ̂ minimises Σ w_t² with w = W_φ (y − m(x; θ)) (see `AR1Errors.whiten`), by Levenberg–Marquardt
///    (Gauss–Newton steps on the whitened Jacobian, damped only when a step fails), starting at φ = 0;
/// 2. φ̂ is re-estimated from the unwhitened residuals with its small-sample bias removed
///    (`AR1Errors.correlation`), and step 1 is repeated from the current θ̂ (`passes` times in all).
/// The covariance of θ̂ is s²(J_wᵀJ_w)⁻¹ with s² = Σ w_t²/(n − k) the innovation variance and J_w the
/// whitened Jacobian at θ̂. Units: θ in the model's units; s in units of y.
struct SerialRegression {
    let model: CurveModel
    let x: [Double]
    let y: [Double]
    /// θ̂.
    let parameters: [Double]
    /// Cov(θ̂), k × k row-major nested rows.
    let covariance: [[Double]]
    /// φ̂ used for the final whitening (bias-corrected).
    let phi: Double
    /// s, the estimated standard deviation of the AR(1) innovations, in units of y.
    let innovationSD: Double

    var n: Int { x.count }

    /// W_φ̂ (y − m(x; θ̂)): the estimated innovations, in units of y.
    var whitenedResiduals: [Double] {
        let r = SerialRegression.residuals(model, x, y, parameters)
        var w = r
        r.withUnsafeBufferPointer { rp in w.withUnsafeMutableBufferPointer { AR1Errors.whiten(rp, phi: phi, into: $0) } }
        return w
    }
    var standardErrors: [Double] { (0..<parameters.count).map { covariance[$0][$0].squareRoot() } }

    /// Prais–Winsten passes: φ settles after two or three for the series this tool fits.
    static let passes = 3

    /// Fits `model` from the starting point `start`. With `phi` given, the errors are whitened with that
    /// φ and it is not re-estimated (φ = 0: ordinary least squares). Throws `FitError.degenerate` when the
    /// Jacobian is rank deficient at the solution.
    static func fit(_ model: CurveModel, x: [Double], y: [Double], start: [Double], phi fixedPhi: Double? = nil,
                    fit name: String) throws -> SerialRegression {
        precondition(start.count == model.parameterCount && x.count == y.count)
        guard x.count > model.parameterCount else {
            throw FitError.tooFewPoints(fit: name, needed: model.parameterCount + 1, got: x.count,
                                        reason: "\(model.parameterCount) parameters need one residual degree of freedom")
        }
        var theta = start
        var phi = fixedPhi ?? 0
        var normal = try minimise(model, x, y, &theta, phi: phi, fit: name)
        if fixedPhi == nil {
            for _ in 1..<passes {
                phi = AR1Errors.correlation(ofResiduals: residuals(model, x, y, theta), parameters: model.parameterCount)
                normal = try minimise(model, x, y, &theta, phi: phi, fit: name)
            }
        }
        let k = model.parameterCount
        let s2 = normal.sse / Double(x.count - k)
        guard let inverse = SmallSPD.inverse(normal.matrix, k) else {
            throw FitError.degenerate(fit: name, reason: "the \(k) parameters are not determined by the data (singular normal matrix)")
        }
        let covariance = (0..<k).map { r in (0..<k).map { c in s2 * inverse[r * k + c] } }
        return SerialRegression(model: model, x: x, y: y, parameters: theta, covariance: covariance, phi: phi,
                                innovationSD: s2.squareRoot())
    }

    /// y − m(x; θ).
    static func residuals(_ model: CurveModel, _ x: [Double], _ y: [Double], _ theta: [Double]) -> [Double] {
        zip(x, y).map { $1 - model.value($0, theta) }
    }

    /// The whitened normal matrix J_wᵀJ_w (k × k, row-major) and Σ w² at the minimiser.
    struct Normal {
        var matrix: [Double]
        var sse: Double
    }

    /// Levenberg–Marquardt on the whitened residuals: solve (A + λ·diag A) δ = J_wᵀ w with A = J_wᵀ J_w,
    /// accept θ + δ when Σ w² decreases (then λ ← λ/10, and 0 below 1e-12), else λ ← max(10λ, 1e-6).
    /// Stops when the relative decrease is below 1e-13, every |δ_j| ≤ 1e-13(|θ_j| + 1e-13), or λ > 1e12.
    private static func minimise(_ model: CurveModel, _ x: [Double], _ y: [Double], _ theta: inout [Double],
                                 phi: Double, fit name: String) throws -> Normal {
        let n = x.count, k = model.parameterCount
        var jacobian = [Double](repeating: 0, count: n * k)     // column-major: column j at j·n
        var whitenedJ = jacobian
        var r = [Double](repeating: 0, count: n), w = r
        var g = [Double](repeating: 0, count: k)

        func evaluate(_ theta: [Double], jacobianToo: Bool) -> Double {
            for i in 0..<n {
                r[i] = y[i] - model.value(x[i], theta)
                if jacobianToo {
                    g.withUnsafeMutableBufferPointer { model.gradient(x[i], theta, $0.baseAddress!) }
                    for j in 0..<k { jacobian[j * n + i] = g[j] }
                }
            }
            r.withUnsafeBufferPointer { rp in w.withUnsafeMutableBufferPointer { AR1Errors.whiten(rp, phi: phi, into: $0) } }
            if jacobianToo {
                jacobian.withUnsafeBufferPointer { jp in
                    whitenedJ.withUnsafeMutableBufferPointer { wp in
                        for j in 0..<k {
                            AR1Errors.whiten(UnsafeBufferPointer(rebasing: jp[(j * n)..<(j * n + n)]), phi: phi,
                                             into: UnsafeMutableBufferPointer(rebasing: wp[(j * n)..<(j * n + n)]))
                        }
                    }
                }
            }
            return w.reduce(0) { $0 + $1 * $1 }
        }

        var sse = evaluate(theta, jacobianToo: true)
        guard sse.isFinite else {
            throw FitError.degenerate(fit: name, reason: "the model is not finite at its starting point")
        }
        var lambda = 0.0
        var a = [Double](repeating: 0, count: k * k), b = [Double](repeating: 0, count: k)
        func formNormal() {
            for p in 0..<k {
                var sb = 0.0
                for i in 0..<n { sb += whitenedJ[p * n + i] * w[i] }
                b[p] = sb
                for q in p..<k {
                    var s = 0.0
                    for i in 0..<n { s += whitenedJ[p * n + i] * whitenedJ[q * n + i] }
                    a[p * k + q] = s; a[q * k + p] = s
                }
            }
        }
        formNormal()
        for _ in 0..<200 {
            var damped = a
            for j in 0..<k { damped[j * k + j] += lambda * a[j * k + j] }
            guard let step = SmallSPD.solve(damped, b, k) else {
                if lambda == 0 { lambda = 1e-6; continue }
                throw FitError.degenerate(fit: name, reason: "the \(k) parameters are not determined by the data (singular normal matrix)")
            }
            let candidate = zip(theta, step).map(+)
            let trialSSE = evaluate(candidate, jacobianToo: false)
            if trialSSE.isFinite, trialSSE <= sse {
                let decrease = sse - trialSSE
                let small = zip(step, candidate).allSatisfy { abs($0) <= 1e-13 * (abs($1) + 1e-13) }
                theta = candidate
                sse = evaluate(theta, jacobianToo: true)
                formNormal()
                lambda = lambda / 10 < 1e-12 ? 0 : lambda / 10
                if small || decrease <= 1e-13 * sse { break }
            } else {
                lambda = max(10 * lambda, 1e-6)
                if lambda > 1e12 { break }
            }
        }
        _ = evaluate(theta, jacobianToo: true)
        formNormal()
        return Normal(matrix: a, sse: sse)
    }
}

/// Cholesky solves of the tiny (k ≤ 3) symmetric positive definite systems of the curve fits, in Swift:
/// a LAPACK call per Gauss–Newton step would cost more than the step.
enum SmallSPD {
    /// The lower Cholesky factor of the row-major k × k matrix a, or nil if a is not positive definite
    /// to working precision (a pivot ≤ 1e-300 or ≤ 1e-14 × the largest diagonal entry).
    static func factor(_ a: [Double], _ k: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: k * k)
        let scale = (0..<k).map { a[$0 * k + $0] }.max() ?? 0
        for i in 0..<k {
            for j in 0...i {
                var s = a[i * k + j]
                for m in 0..<j { s -= l[i * k + m] * l[j * k + m] }
                if i == j {
                    guard s > 1e-300, s > 1e-14 * scale else { return nil }
                    l[i * k + i] = s.squareRoot()
                } else {
                    l[i * k + j] = s / l[j * k + j]
                }
            }
        }
        return l
    }

    /// x with a·x = b, or nil if a is not positive definite.
    static func solve(_ a: [Double], _ b: [Double], _ k: Int) -> [Double]? {
        guard let l = factor(a, k) else { return nil }
        var z = b
        for i in 0..<k {
            for m in 0..<i { z[i] -= l[i * k + m] * z[m] }
            z[i] /= l[i * k + i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for m in (i + 1)..<k { z[i] -= l[m * k + i] * z[m] }
            z[i] /= l[i * k + i]
        }
        return z
    }

    /// a⁻¹ (row-major), or nil if a is not positive definite.
    static func inverse(_ a: [Double], _ k: Int) -> [Double]? {
        var result = [Double](repeating: 0, count: k * k)
        for c in 0..<k {
            var e = [Double](repeating: 0, count: k)
            e[c] = 1
            guard let column = solve(a, e, k) else { return nil }
            for r in 0..<k { result[r * k + c] = column[r] }
        }
        return result
    }
}
