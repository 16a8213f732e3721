import Foundation

/// The log-cosh loss of width 1/ν: ℓ(t; y) = log cosh(ν r)/ν² with residual r = t − y, a smooth Huber:
/// quadratic (r²/2) for |r| ≪ 1/ν, linear (|r|/ν) beyond. ν = 0 is the squared loss.
///
///     ℓ' = tanh(ν r)/ν,   ℓ'' = sech²(ν r) ∈ (0, 1],   ℓ‴ = −2ν sech²(ν r) tanh(ν r),
///
/// so sup|ℓ‴| = 4ν/(3√3) ≈ 0.77ν (at tanh² = 1/3): ν sets the third derivative on the scale of ℓ'' ≤ 1.
/// The value is evaluated as (|z| + log1p(e^{−2|z|}) − log 2)/ν² with z = ν r, which never overflows.
public struct LogCoshLoss: MarginLoss {
    /// ν ≥ 0.
    public let nonlinearity: Double

    public init(nonlinearity: Double) { self.nonlinearity = nonlinearity }

    @inline(__always) public func value(_ t: Double, _ y: Double) -> Double {
        let r = t - y, nu = nonlinearity
        guard nu > 0 else { return 0.5 * r * r }
        let z = abs(nu * r)
        return (z + log1p(exp(-2 * z)) - 0.693_147_180_559_945_3) / (nu * nu)  // − log 2
    }

    @inline(__always) public func derivative(_ t: Double, _ y: Double) -> Double {
        let r = t - y, nu = nonlinearity
        return nu > 0 ? tanh(nu * r) / nu : r
    }

    @inline(__always) public func secondDerivative(_ t: Double, _ y: Double) -> Double {
        let th = tanh(nonlinearity * (t - y))
        return 1 - th * th
    }

    /// ℓ‴(t; y) = −2ν sech²(ν r) tanh(ν r).
    public func thirdDerivative(_ t: Double, _ y: Double) -> Double {
        let th = tanh(nonlinearity * (t - y))
        return -2 * nonlinearity * (1 - th * th) * th
    }

    /// sup_t |ℓ‴| = 4ν/(3√3).
    public var thirdDerivativeBound: Double { 4 * nonlinearity / (3 * 3.0.squareRoot()) }

    public var curvatureBound: Double { 1 }
}

/// Robust (log-cosh) regression f(x) = Σ_k w_k log cosh(ν(a_kᵀx − y_k))/ν² + (λ/2)‖x‖²: a convex,
/// non-quadratic i.i.d. problem whose third derivative D³f(x)[v,v,v] = Σ_k w_k ℓ‴(a_kᵀx; y_k)(a_kᵀv)³ is
/// tuned by ν (|D³f[v,v,v]| ≤ 4ν/(3√3) Σ_k w_k |a_kᵀv|³, on the scale of L ≈ λ_max(AᵀWA) for ν ≈ 1 and
/// Gaussian rows) and whose gradient noise is tuned by the label noise σ.
public typealias LogCoshProblem = GLMProblem<LogCoshLoss, Ridge>

extension GLMProblem where Loss == LogCoshLoss, Penalty == Ridge {
    /// Builds `logcosh-regression`: synthetic Gaussian rows a_k ~ N(0, I_d) and targets y_k = a_kᵀx_true + σε_k
    /// (σ = `spec.noise`, ε_k ~ N(0, 1)), or a LIBSVM file's real labels; ν = `spec.nonlinearity` (default 1),
    /// λ = `spec.lambda` (default 10⁻²). With `split: global` and `total-samples: n` every worker samples
    /// i.i.d. from the same n rows for every p.
    ///
    /// Constants: ℓ'' ≤ 1, so L = λ_max(AᵀWA) + λ (dsyevd); μ = λ (ℓ'' > 0 but not bounded away from 0
    /// for large residuals), strongly convex when λ > 0.
    static func logCoshRegression(_ spec: ProblemSpec) throws -> LogCoshProblem {
        try spec.refuse(ProblemSpec.quadraticOnly + ProblemSpec.worstCaseOnly + ["labelFlip", "hidden"], reason: "it is a log-cosh regression")
        let lambda = try spec.resolvedLambda(default: 1e-2)
        let nu = spec.nonlinearity ?? 1
        try spec.requireNonNegative("nonlinearity", nu)
        try spec.requireNonNegative("noise", spec.noise)
        if spec.dataPath != nil { try spec.refuse(["noise"], reason: "label noise applies to synthetic data only") }
        let sigma = spec.noise
        let design = try GLMDesign(
            spec, defaultDimension: 10, defaultSamplesPerWorker: 50, labels: { $0.labels },
            target: { t, rng in t + sigma * rng.nextGaussian() })
        let gram = try design.weightedGram()
        return LogCoshProblem(
            name: "logcosh-regression", design: design, loss: LogCoshLoss(nonlinearity: nu), penalty: Ridge(lambda: lambda),
            gramMaximum: gram.maximum, curvature: lambda > 0 ? .stronglyConvex(mu: lambda) : .convex)
    }

    /// D³f(x)[v, v, v] = Σ_k w_k ℓ‴(a_kᵀx; y_k)(a_kᵀv)³ (the ridge is quadratic).
    public func thirdDerivative(at x: [Double], along v: [Double]) -> Double {
        let t = margins(x), u = margins(v)
        return (0..<data.rowCount).reduce(0) { sum, k in
            sum + partition.weights[k] * loss.thirdDerivative(t[k], data.labels[k]) * u[k] * u[k] * u[k]
        }
    }
}
