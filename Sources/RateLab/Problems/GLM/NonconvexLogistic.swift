/// Logistic loss with the saturating nonconvex penalty:
/// f(x) = Σ_k w_k log(1 + exp(−y_k a_kᵀx)) + λ Σ_j x_j²/(1 + x_j²).
public typealias NonconvexLogisticProblem = GLMProblem<LogisticLoss, SaturatingPenalty>

extension GLMProblem where Loss == LogisticLoss, Penalty == SaturatingPenalty {
    /// Builds `nonconvex-logistic` (data as for `logistic`, default λ = 1e-2).
    ///
    /// Constants: ℓ'' ≤ ¼ and λ r'' ≤ 2λ, so L = ¼λ_max(AᵀWA) + 2λ (dsyevd); curvature `.nonconvex`.
    static func nonconvexLogistic(_ spec: ProblemSpec) throws -> NonconvexLogisticProblem {
        try logisticRegression(
            spec, name: "nonconvex-logistic", defaultLambda: 1e-2, penalty: { SaturatingPenalty(lambda: $0) },
            curvature: { _ in .nonconvex })
    }
}
