import RateLabLinalg
import RateLabProblems

extension Optimum {
    /// A reference stationary point of a nonconvex problem: GSL BFGS2 from the problem's (seeded)
    /// reference point, then up to 20 Newton steps while the Hessian is positive definite.
    /// Cross-check: BFGS2 with another line-search tolerance (0.01 instead of 0.1) started from x*
    /// moved by a fixed seeded perturbation of relative size 10⁻³, plus the same polish: at a strict
    /// local minimiser it returns to x*. Metric: relative ‖x_a − x_b‖; ‖∇f‖ at both points is reported.
    static func certifyStationaryPoint(_ problem: TwiceDifferentiableProblem) throws -> OptimumCertificate {
        let x0 = problem.referencePoint
        let scale = gradientScale(problem, at: x0)
        func solve(from start: [Double], lineSearchTolerance: Double) throws -> (bfgs: GSLMinimizer.Result, newton: NewtonSolver.Result) {
            let bfgs = GSLMinimizer.bfgs2(
                problem, from: start, lineSearchTolerance: lineSearchTolerance, gradientTolerance: 1e-9 * scale)
            let newton = try NewtonSolver.minimize(
                problem, from: bfgs.x, tolerance: 1e-2 * convexTarget * scale, maxIterations: 20, onIndefinite: .stop)
            return (bfgs, newton)
        }
        let a = try solve(from: x0, lineSearchTolerance: 0.1)
        guard a.newton.gradientNorm <= 1e-6 * scale else {
            throw OptimumError.notConverged(solver: "GSL BFGS2 + Newton polish", gradNorm: a.newton.gradientNorm,
                                            iterations: a.bfgs.iterations + a.newton.iterations)
        }
        var perturbation = RandomStream(seed: 1, purpose: .initialPoint)
        let size = 1e-3 * max(1, BLAS.norm(a.newton.x)) / Double(problem.dimension).squareRoot()
        let b = try solve(from: a.newton.x.map { $0 + size * perturbation.nextGaussian() }, lineSearchTolerance: 0.01)
        return certificate(
            problem, xStar: a.newton.x,
            solver: "GSL BFGS2 (tol 0.1) from the reference point, \(a.bfgs.iterations) iterations, then \(a.newton.iterations) Newton steps (dposv)",
            crossCheck: "GSL BFGS2 (tol 0.01) + Newton polish from x* perturbed by 1e-3: \(b.bfgs.iterations) + \(b.newton.iterations) iterations, f = \(problem.value(b.newton.x)), ‖∇f‖ = \(b.newton.gradientNorm)",
            metric: OptimumCertificate.relativeX, difference: relativeDifference(a.newton.x, b.newton.x))
    }
}
