import CGSL
import RateLabLinalg
import RateLabProblems

/// Unconstrained minimisation of a `Problem`'s f with GSL's BFGS2 (`gsl_multimin_fdfminimizer_vector_bfgs2`:
/// BFGS with a Moré–Thuente-type line search), used as an independent second solver.
enum GSLMinimizer {
    /// Where a BFGS2 run stopped.
    struct Result {
        let x: [Double]
        let value: Double
        /// ‖∇f(x)‖ recomputed by the problem.
        let gradientNorm: Double
        let iterations: Int
        /// GSL's stop reason (`gsl_strerror`).
        let status: String
    }

    /// Runs BFGS2 from `x0` until ‖∇f‖ ≤ `gradientTolerance` (gsl_multimin_test_gradient) or for
    /// `maxIterations`. When GSL reports no progress (its line search works on f, whose changes near
    /// the optimum fall to rounding level), BFGS2 is restarted from where it stopped with a first
    /// step of length ‖∇f‖ (up to `maxRestarts` times, while ‖∇f‖ keeps decreasing). `lineSearchTolerance` is GSL's `tol` (the
    /// curvature condition |pᵀg| ≤ tol·|pᵀg₀|); `initialStep` is the first trial step length.
    static func bfgs2(
        _ problem: Problem, from x0: [Double], initialStep: Double = 0.01, lineSearchTolerance: Double = 0.1,
        gradientTolerance: Double, maxIterations: Int = 20_000, maxRestarts: Int = 20
    ) -> Result {
        var best = run(problem, from: x0, initialStep: initialStep, lineSearchTolerance: lineSearchTolerance,
                       gradientTolerance: gradientTolerance, maxIterations: maxIterations)
        var restarts = 0
        while best.gradientNorm > gradientTolerance && restarts < maxRestarts && best.iterations < maxIterations {
            restarts += 1
            let next = run(problem, from: best.x, initialStep: best.gradientNorm, lineSearchTolerance: lineSearchTolerance,
                           gradientTolerance: gradientTolerance, maxIterations: maxIterations - best.iterations)
            guard next.gradientNorm < best.gradientNorm else { break }
            best = Result(x: next.x, value: next.value, gradientNorm: next.gradientNorm,
                          iterations: best.iterations + next.iterations, status: next.status + ", \(restarts) restarts")
        }
        return best
    }

    /// One BFGS2 run without restarts.
    private static func run(
        _ problem: Problem, from x0: [Double], initialStep: Double, lineSearchTolerance: Double,
        gradientTolerance: Double, maxIterations: Int
    ) -> Result {
        gsl_set_error_handler_off()
        let n = problem.dimension
        let context = Unmanaged.passRetained(Objective(problem))
        defer { context.release() }
        var function = gsl_multimin_function_fdf(
            f: { v, params in Objective.from(params).value(v!) },
            df: { v, params, g in Objective.from(params).gradient(v!, into: g!) },
            fdf: { v, params, f, g in
                let objective = Objective.from(params)
                f!.pointee = objective.value(v!)
                objective.gradient(v!, into: g!)
            },
            n: n, params: context.toOpaque())
        let start = gsl_vector_alloc(n)!
        defer { gsl_vector_free(start) }
        for j in 0..<n { gsl_vector_set(start, j, x0[j]) }
        let minimizer = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, n)!
        defer { gsl_multimin_fdfminimizer_free(minimizer) }
        var status = gsl_multimin_fdfminimizer_set(minimizer, &function, start, initialStep, lineSearchTolerance)
        var iterations = 0
        while status == GSL_SUCCESS || status == GSL_CONTINUE {
            if iterations >= maxIterations { break }
            iterations += 1
            status = gsl_multimin_fdfminimizer_iterate(minimizer)
            if status != GSL_SUCCESS { break }
            status = gsl_multimin_test_gradient(minimizer.pointee.gradient, gradientTolerance)
            if status == GSL_SUCCESS { break }
        }
        let xv = minimizer.pointee.x!
        let x = (0..<n).map { gsl_vector_get(xv, $0) }
        return Result(x: x, value: problem.value(x), gradientNorm: BLAS.norm(problem.gradient(x)),
                      iterations: iterations, status: String(cString: gsl_strerror(status)))
    }

    /// The C callbacks' context: the problem and scratch copies of GSL's vectors.
    private final class Objective {
        let problem: Problem
        var x: [Double]
        var g: [Double]

        init(_ problem: Problem) {
            self.problem = problem
            x = [Double](repeating: 0, count: problem.dimension)
            g = x
        }

        static func from(_ params: UnsafeMutableRawPointer?) -> Objective {
            Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue()
        }

        func load(_ v: UnsafePointer<gsl_vector>) {
            for j in 0..<x.count { x[j] = gsl_vector_get(v, j) }
        }

        func value(_ v: UnsafePointer<gsl_vector>) -> Double {
            load(v)
            return problem.value(x)
        }

        func gradient(_ v: UnsafePointer<gsl_vector>, into out: UnsafeMutablePointer<gsl_vector>) {
            load(v)
            x.withUnsafeBufferPointer { xp in g.withUnsafeMutableBufferPointer { problem.gradient(xp, into: $0) } }
            for j in 0..<g.count { gsl_vector_set(out, j, g[j]) }
        }
    }
}
