/// Logistic regression f(x) = Σ_k w_k log(1 + exp(−y_k a_kᵀx)) + (λ/2)‖x‖², labels ±1, no intercept.
public typealias LogisticProblem = GLMProblem<LogisticLoss, Ridge>

extension GLMProblem where Loss == LogisticLoss, Penalty == Ridge {
    /// Builds `logistic` from a spec: a LIBSVM file (labels ±1, or 0/1 mapped to −1/+1), or
    /// synthetic Gaussian features with labels sign(a_kᵀx_true) flipped with probability
    /// `spec.labelFlip`.
    ///
    /// Constants: ℓ'' ≤ ¼, so L = ¼λ_max(AᵀWA) + λ (dsyevd); μ = λ (strongly convex) when λ > 0.
    /// With λ = 0 there is no global μ (curvature `.nonconvex`, i.e. "no lower curvature claimed").
    static func logistic(_ spec: ProblemSpec) throws -> LogisticProblem {
        try logisticRegression(
            spec, name: "logistic", defaultLambda: 1e-3, penalty: { Ridge(lambda: $0) },
            curvature: { $0 > 0 ? .stronglyConvex(mu: $0) : .nonconvex })
    }
}

extension GLMProblem where Loss == LogisticLoss {
    /// The logistic-loss problem `name` (`logistic`, `nonconvex-logistic`) from a spec: refuses the
    /// quadratic-only parameters, `noise` and `hidden`; λ = `spec.lambda` or `defaultLambda` (≥ 0);
    /// rows from `GLMDesign.classification`; regulariser `penalty(λ)` and curvature `curvature(λ)`.
    /// L = ¼λ_max(AᵀWA) + sup λr'' (ℓ'' ≤ ¼, λ_max by dsyevd).
    static func logisticRegression(
        _ spec: ProblemSpec, name: String, defaultLambda: Double,
        penalty: (Double) -> Penalty, curvature: (Double) -> Curvature
    ) throws -> GLMProblem {
        try spec.refuse(ProblemSpec.quadraticOnly + ProblemSpec.worstCaseOnly + ProblemSpec.logCoshOnly + ["noise", "hidden"], reason: "it is a logistic regression")
        let lambda = try spec.resolvedLambda(default: defaultLambda)
        let design = try GLMDesign.classification(spec)
        let gram = try design.weightedGram()
        return GLMProblem(
            name: name, design: design, loss: LogisticLoss(), penalty: penalty(lambda),
            gramMaximum: gram.maximum, curvature: curvature(lambda))
    }
}

extension GLMDesign {
    /// ±1-labelled rows for the classification problems: a data file's labels through
    /// `Dataset.signedLabels()`, or synthetic labels sign(a_kᵀx_true) flipped with probability
    /// `spec.labelFlip` ∈ [0, 0.5) (defaults d = 10, 50 rows per worker).
    static func classification(_ spec: ProblemSpec) throws -> GLMDesign {
        let flip = spec.labelFlip
        guard flip.isFinite, flip >= 0, flip < 0.5 else {
            throw ProblemError.invalidParameter(parameter: "labelFlip", value: "\(flip)", expected: "a probability in [0, 0.5)")
        }
        if spec.dataPath != nil {
            try spec.refuse(["labelFlip"], reason: "label flips apply to synthetic data only")
        }
        return try GLMDesign(
            spec, defaultDimension: 10, defaultSamplesPerWorker: 50, labels: { try $0.signedLabels() },
            target: { t, rng in
                let y: Double = t >= 0 ? 1 : -1
                return rng.nextBool(probability: flip) ? -y : y
            })
    }
}
