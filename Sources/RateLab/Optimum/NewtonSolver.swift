import RateLabLinalg
import RateLabProblems

/// Damped Newton's method: d = −(∇²f(x))⁻¹∇f(x) by LAPACK Cholesky (dposv), step t = 1, ½, ¼, …
/// until the Armijo condition f(x + td) ≤ f(x) + 10⁻⁴·t·∇f(x)ᵀd holds. Near the optimum, where
/// changes of f fall below its rounding (≤ 64ε·max(1, |f|)), a step is accepted instead when it
/// reduces ‖∇f‖. Stops at ‖∇f‖ ≤ `tolerance`, when no step is accepted, or after `maxIterations`.
enum NewtonSolver {
    /// What to do when the Hessian is not positive definite (Cholesky fails).
    enum IndefiniteHessian {
        /// Rethrow LAPACK's error (convex problems: it cannot happen unless something is wrong).
        case fail
        /// Stop and return the current iterate (polishing a nonconvex stationary point).
        case stop
    }

    struct Result {
        let x: [Double]
        let gradientNorm: Double
        let iterations: Int
    }

    /// Minimises from `x0`; `inspect` sees every iterate before its step (and may throw).
    static func minimize(
        _ problem: TwiceDifferentiableProblem, from x0: [Double], tolerance: Double, maxIterations: Int = 100,
        onIndefinite: IndefiniteHessian = .fail, inspect: ([Double]) throws -> Void = { _ in }
    ) throws -> Result {
        var x = x0
        var f = problem.value(x)
        var g = problem.gradient(x)
        var gradientNorm = BLAS.norm(g)
        var iterations = 0
        while gradientNorm > tolerance && iterations < maxIterations {
            try inspect(x)
            let direction: [Double]
            do {
                direction = try Cholesky.solve(problem.hessian(at: x), g.map { -$0 })
            } catch let error as LinalgError {
                if onIndefinite == .stop { break }
                throw error
            }
            let f0 = f
            let slope = BLAS.dot(g, direction)
            let resolution = 64 * Double.ulpOfOne * max(1, abs(f0))
            var step = 1.0
            var accepted: (x: [Double], f: Double, g: [Double], norm: Double)?
            for _ in 0..<60 {
                let trial = zip(x, direction).map { $0 + step * $1 }
                let ft = problem.value(trial)
                if ft <= f0 + 1e-4 * step * slope {
                    let gt = problem.gradient(trial)
                    accepted = (trial, ft, gt, BLAS.norm(gt))
                    break
                }
                if abs(ft - f0) <= resolution {
                    let gt = problem.gradient(trial)
                    let normT = BLAS.norm(gt)
                    if normT < gradientNorm {
                        accepted = (trial, ft, gt, normT)
                        break
                    }
                }
                step /= 2
            }
            guard let next = accepted else { break }
            x = next.x
            f = next.f
            g = next.g
            gradientNorm = next.norm
            iterations += 1
        }
        return Result(x: x, gradientNorm: gradientNorm, iterations: iterations)
    }
}
