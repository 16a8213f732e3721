import RateLabLinalg
import RateLabProblems

extension Optimum {
    /// x* = x_true, where every residual a_kᵀx_true − b_k is exactly 0 (b was computed with the same
    /// dot products), so f* = 0 and ∇f(x*) = 0 up to rounding. Cross-check: GSL BFGS2 from the
    /// origin; the difference is |f* − f_BFGS| = f_BFGS (PL ⇒ every stationary point is global).
    static func certifyPLSine(_ problem: PLSineProblem) throws -> OptimumCertificate {
        guard let xTrue = problem.groundTruth else { throw OptimumError.unsupportedProblem(name: problem.name) }
        let x0 = problem.referencePoint
        let scale = max(1, BLAS.norm(problem.gradient(x0)))
        let bfgs = GSLMinimizer.bfgs2(problem, from: x0, gradientTolerance: 1e-12 * scale)
        return certificate(
            problem, xStar: xTrue, solver: "planted x_true with b = A x_true (f* = 0 by construction)",
            crossCheck: "GSL BFGS2 from the origin: \(bfgs.iterations) iterations, f = \(bfgs.value), ‖∇f‖ = \(bfgs.gradientNorm) (\(bfgs.status))",
            metric: OptimumCertificate.absoluteF, difference: abs(problem.value(xTrue) - bfgs.value))
    }
}
