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
        try spec.refuse(ProblemSpec.quadraticOnly + ["noise", "hidden"], reason: "it is a logistic regression")
        let lambda = try spec.resolvedLambda(default: 1e-3)
        let design = try GLMDesign.classification(spec)
        let gram = try WeightedGram(features: design.data.features, weights: design.partition.weights)
        return LogisticProblem(
            name: "logistic", data: design.data, partition: design.partition, loss: LogisticLoss(),
            penalty: Ridge(lambda: lambda), gramMaximum: gram.maximum,
            curvature: lambda > 0 ? .stronglyConvex(mu: lambda) : .nonconvex, groundTruth: design.groundTruth)
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
