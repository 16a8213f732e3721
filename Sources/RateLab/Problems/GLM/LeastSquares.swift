/// Least squares f(x) = Σ_k w_k ½(a_kᵀx − b_k)² + (λ/2)‖x‖² (= (1/(2n))‖Ax − b‖² + (λ/2)‖x‖² when
/// p divides n).
public typealias LeastSquaresProblem = GLMProblem<SquaredLoss, Ridge>

extension GLMProblem where Loss == SquaredLoss, Penalty == Ridge {
    /// Builds `least-squares` from a spec: a LIBSVM file with real labels, or synthetic Gaussian A
    /// with b = A x_true + σ·ε (σ = `spec.noise`; σ = 0 gives a consistent system).
    ///
    /// Constants from G = AᵀWA (dsyevd): L = λ_max(G) + λ. If λ_min(G) + λ > 0 (beyond rounding,
    /// 1e-12·λ_max·d) the problem is μ-strongly convex with μ = λ_min(G) + λ; otherwise (λ = 0,
    /// singular G, e.g. over-parameterised n < d) it is PL with μ = the smallest nonzero eigenvalue of
    /// G, taken as λ_min(W^{1/2}AAᵀW^{1/2}) when n ≤ d (= w_min·λ_min(AAᵀ) for equal weights).
    static func leastSquares(_ spec: ProblemSpec) throws -> LeastSquaresProblem {
        try spec.refuse(ProblemSpec.quadraticOnly + ProblemSpec.worstCaseOnly + ProblemSpec.logCoshOnly + ["labelFlip", "hidden"], reason: "it is a least-squares fit")
        let lambda = try spec.resolvedLambda(default: 0)
        try spec.requireNonNegative("noise", spec.noise)
        if spec.dataPath != nil {
            try spec.refuse(["noise"], reason: "label noise applies to synthetic data only")
        }
        let sigma = spec.noise
        let design = try GLMDesign(
            spec, defaultDimension: 10, defaultSamplesPerWorker: 50, labels: { $0.labels },
            target: { t, rng in t + sigma * rng.nextGaussian() })
        let gram = try design.weightedGram()
        let rankTolerance = 1e-12 * gram.maximum * Double(max(1, gram.eigenvalues.count))
        let curvature: Curvature
        if gram.minimum + lambda > rankTolerance {
            curvature = .stronglyConvex(mu: gram.minimum + lambda)
        } else if let rowMinimum = gram.rowGramMinimum, rowMinimum > rankTolerance {
            curvature = .polyakLojasiewicz(mu: rowMinimum)
        } else if let smallestPositive = gram.eigenvalues.first(where: { $0 > rankTolerance }) {
            curvature = .polyakLojasiewicz(mu: smallestPositive)
        } else {
            curvature = .nonconvex
        }
        return LeastSquaresProblem(
            name: "least-squares", design: design, loss: SquaredLoss(), penalty: Ridge(lambda: lambda),
            gramMaximum: gram.maximum, curvature: curvature)
    }
}
