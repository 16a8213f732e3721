import RateLabLinalg
import RateLabProblems

extension Optimum {
    /// The scaled gradient norm Newton aims for on the convex problems.
    static let convexTarget = 1e-12

    /// Logistic regression by `certifyConvexGLM`. With λ = 0, an iterate that classifies every row
    /// correctly (y_k a_kᵀx > 0 for all k) proves the data separable: then f(c·x) → 0 as c → ∞ and no
    /// minimiser exists, so this throws `OptimumError.separableData`.
    static func certifyLogistic(_ problem: LogisticProblem) throws -> OptimumCertificate {
        let labels = problem.data.labels
        let separable = OptimumError.separableData(source: problem.data.source)
        let unregularised = problem.penalty.lambda == 0
        do {
            return try certifyConvexGLM(problem, inspect: { x in
                guard unregularised, BLAS.norm(x) > 0 else { return }
                if zip(problem.margins(x), labels).allSatisfy({ $0 * $1 > 0 }) { throw separable }
            }, unconverged: { unregularised ? separable : $0 })
        } catch let error as LinalgError where unregularised {
            throw OptimumError.notConverged(solver: "Newton (\(error))", gradNorm: .nan, iterations: 0)
        }
    }

    /// A convex GLM with a ridge (logistic, logcosh-regression): Newton (Hessian AᵀDA + λI by dposv,
    /// Armijo backtracking) from the origin to ‖∇f‖ ≤ 10⁻¹²·scale (or until rounding stops progress);
    /// cross-check GSL BFGS2 from the origin, in two stages: on f (its line search stalls near
    /// ‖∇f‖ ≈ 10⁻⁸, where changes of f reach rounding level), then on φ = ½‖∇f‖² from there, which
    /// resolves x* to the rounding level of ∇f. `inspect` sees every Newton iterate (and may throw);
    /// a Newton run that ends above 10⁻⁶·scale throws `unconverged` of the `notConverged` error.
    static func certifyConvexGLM<Loss: MarginLoss>(
        _ problem: GLMProblem<Loss, Ridge>, inspect: ([Double]) throws -> Void = { _ in },
        unconverged: (Error) -> Error = { $0 }
    ) throws -> OptimumCertificate {
        let x0 = problem.referencePoint
        let scale = gradientScale(problem, at: x0)
        let tolerance = 1e-2 * convexTarget * scale
        let newton = try NewtonSolver.minimize(problem, from: x0, tolerance: tolerance, maxIterations: 200, inspect: inspect)
        guard newton.gradientNorm <= 1e-6 * scale else {
            throw unconverged(OptimumError.notConverged(solver: "Newton", gradNorm: newton.gradientNorm, iterations: newton.iterations))
        }
        let onLoss = GSLMinimizer.bfgs2(problem, from: x0, gradientTolerance: tolerance)
        let bfgs = GSLMinimizer.minimize(
            .gradientNormSquared(problem), of: problem, from: onLoss.x, initialStep: onLoss.gradientNorm,
            gradientTolerance: tolerance)
        return certificate(
            problem, xStar: newton.x,
            solver: "Newton with LAPACK Cholesky (dposv) and Armijo backtracking, \(newton.iterations) iterations",
            crossCheck: "GSL BFGS2 from the origin on f: \(onLoss.iterations) iterations to ‖∇f‖ = \(onLoss.gradientNorm) (\(onLoss.status)), "
                + "then on ½‖∇f‖²: \(bfgs.iterations) iterations to ‖∇f‖ = \(bfgs.gradientNorm) (\(bfgs.status))",
            metric: OptimumCertificate.relativeX, difference: relativeDifference(newton.x, bfgs.x))
    }
}
