import RateLabLinalg
import RateLabProblems

extension Optimum {
    /// x* = 0, f* = 0 in closed form: f ≥ 0 with f(0) = 0 and f′(0) = 0 (the certificate's ‖∇f(x*)‖ is
    /// exactly 0). Cross-check: GSL BFGS2 from x₀ = R; the difference is |f* − f_BFGS| = f_BFGS.
    static func certifyHuberWorstCase(_ problem: HuberWorstCaseProblem) throws -> OptimumCertificate {
        let bfgs = GSLMinimizer.bfgs2(problem, from: problem.referencePoint, gradientTolerance: 1e-12 * problem.smoothness * problem.threshold)
        return certificate(
            problem, xStar: [0], solver: "closed form x* = 0, f* = 0 (f ≥ 0 = f(0), f′(0) = 0)",
            crossCheck: "GSL BFGS2 from x₀ = R: \(bfgs.iterations) iterations, f = \(bfgs.value), ‖∇f‖ = \(bfgs.gradientNorm) (\(bfgs.status))",
            metric: OptimumCertificate.absoluteF, difference: abs(bfgs.value))
    }
}
