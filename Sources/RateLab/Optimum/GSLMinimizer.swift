import CGSL
import RateLabLinalg
import RateLabProblems

/// Unconstrained minimisation with GSL's BFGS2 (`gsl_multimin_fdfminimizer_vector_bfgs2`: BFGS with a
/// Moré–Thuente-type line search), used as an independent second solver: of a `Problem`'s f, or —
/// to locate a minimiser to full precision — of the squared gradient norm φ(x) = ½‖∇f(x)‖².
enum GSLMinimizer {
    /// Where a BFGS2 run stopped.
    struct Result {
        let x: [Double]
        let value: Double
        /// ‖∇f(x)‖ recomputed by the problem.
        let gradientNorm: Double
        let iterations: Int
        /// Why it stopped, in words (`stopReason`).
        let status: String
    }

    /// A smooth objective on raw buffers: F(x) and g ← ∇F(x).
    struct Objective {
        let dimension: Int
        let value: (UnsafeBufferPointer<Double>) -> Double
        let gradient: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

        /// The problem's f.
        static func loss(_ problem: Problem) -> Objective {
            Objective(dimension: problem.dimension, value: { problem.value($0) }, gradient: { problem.gradient($0, into: $1) })
        }

        /// φ(x) = ½‖∇f(x)‖², ∇φ(x) = ∇²f(x) ∇f(x). Its minimisers with φ = 0 are the stationary points
        /// of f, and — unlike f, whose changes near x* are O(‖x − x*‖²) and drown in rounding once
        /// ‖x − x*‖ ≲ √(ε f*/μ) — φ resolves x down to ‖x − x*‖ ≈ (rounding error of ∇f)/μ.
        static func gradientNormSquared(_ problem: TwiceDifferentiableProblem) -> Objective {
            Objective(
                dimension: problem.dimension,
                value: { x in
                    let g = problem.gradient(Array(x))
                    return 0.5 * BLAS.dot(g, g)
                },
                gradient: { x, out in
                    let point = Array(x)
                    let hg = problem.hessianVector(at: point, problem.gradient(point))
                    for j in 0..<out.count { out[j] = hg[j] }
                })
        }
    }

    /// Runs BFGS2 on the problem's f from `x0` until ‖∇f‖ ≤ `gradientTolerance`; see `minimize`.
    static func bfgs2(
        _ problem: Problem, from x0: [Double], initialStep: Double = 0.01, lineSearchTolerance: Double = 0.1,
        gradientTolerance: Double, maxIterations: Int = 20_000, maxRestarts: Int = 20
    ) -> Result {
        minimize(.loss(problem), of: problem, from: x0, initialStep: initialStep, lineSearchTolerance: lineSearchTolerance,
                 gradientTolerance: gradientTolerance, maxIterations: maxIterations, maxRestarts: maxRestarts)
    }

    /// Runs BFGS2 on `objective` from `x0` until the problem's ‖∇f‖ ≤ `gradientTolerance` or for
    /// `maxIterations`. When GSL reports no progress (its line search works on objective values, whose
    /// changes near the minimiser fall to rounding level), BFGS2 is restarted from where it stopped with a
    /// first step of length ‖∇f‖ (up to `maxRestarts` times, while ‖∇f‖ keeps decreasing).
    /// `lineSearchTolerance` is GSL's `tol` (the curvature condition |pᵀg| ≤ tol·|pᵀg₀|); `initialStep`
    /// is the first trial step length.
    static func minimize(
        _ objective: Objective, of problem: Problem, from x0: [Double], initialStep: Double = 0.01,
        lineSearchTolerance: Double = 0.1, gradientTolerance: Double, maxIterations: Int = 20_000, maxRestarts: Int = 20
    ) -> Result {
        var best = run(objective, of: problem, from: x0, initialStep: initialStep, lineSearchTolerance: lineSearchTolerance,
                       gradientTolerance: gradientTolerance, maxIterations: maxIterations)
        var restarts = 0
        while best.gradientNorm > gradientTolerance && restarts < maxRestarts && best.iterations < maxIterations {
            restarts += 1
            let next = run(objective, of: problem, from: best.x, initialStep: best.gradientNorm,
                           lineSearchTolerance: lineSearchTolerance, gradientTolerance: gradientTolerance,
                           maxIterations: maxIterations - best.iterations)
            guard next.gradientNorm < best.gradientNorm else { break }
            best = Result(x: next.x, value: next.value, gradientNorm: next.gradientNorm,
                          iterations: best.iterations + next.iterations, status: next.status + ", \(restarts) restarts")
        }
        return best
    }

    /// One BFGS2 run without restarts, on F/|F(x0)|: GSL's line search declares "no progress" once a
    /// predicted decrease is below 2.2·10⁻¹⁶ in absolute terms, so the objective is scaled to start at
    /// ±1 (the minimiser is unchanged). Stops when GSL's gradient of the scaled objective is below
    /// `gradientTolerance` (gsl_multimin_test_gradient).
    private static func run(
        _ objective: Objective, of problem: Problem, from x0: [Double], initialStep: Double, lineSearchTolerance: Double,
        gradientTolerance: Double, maxIterations: Int
    ) -> Result {
        gsl_set_error_handler_off()
        let n = objective.dimension
        let f0 = abs(x0.withUnsafeBufferPointer { objective.value($0) })
        let scale = f0.isFinite && f0 > 0 ? 1 / f0 : 1
        let context = Unmanaged.passRetained(Callbacks(objective, scale: scale))
        defer { context.release() }
        var function = gsl_multimin_function_fdf(
            f: { v, params in Callbacks.from(params).value(v!) },
            df: { v, params, g in Callbacks.from(params).gradient(v!, into: g!) },
            fdf: { v, params, f, g in
                let callbacks = Callbacks.from(params)
                f!.pointee = callbacks.value(v!)
                callbacks.gradient(v!, into: g!)
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
        let x = (0..<n).map { gsl_vector_get(minimizer.pointee.x!, $0) }
        return Result(x: x, value: problem.value(x), gradientNorm: BLAS.norm(problem.gradient(x)),
                      iterations: iterations, status: stopReason(status, iterations: iterations, maxIterations: maxIterations))
    }

    /// Why a run stopped, in words. GSL_ENOPROG ("iteration is not making progress towards solution")
    /// is BFGS's normal end once f changes only by rounding: reported as such, not as a failure (the
    /// certificate judges the point by its gradient norm, whatever the stop reason).
    static func stopReason(_ status: Int32, iterations: Int, maxIterations: Int) -> String {
        if status == GSL_SUCCESS { return "gradient tolerance met" }
        if status == GSL_ENOPROG { return "converged to rounding level" }
        if iterations >= maxIterations { return "iteration limit \(maxIterations) reached" }
        return String(cString: gsl_strerror(status))
    }

    /// The C callbacks' context: the objective, its scale factor and scratch copies of GSL's vectors.
    private final class Callbacks {
        let objective: Objective
        let scale: Double
        var x: [Double]
        var g: [Double]

        init(_ objective: Objective, scale: Double) {
            self.objective = objective
            self.scale = scale
            x = [Double](repeating: 0, count: objective.dimension)
            g = x
        }

        static func from(_ params: UnsafeMutableRawPointer?) -> Callbacks {
            Unmanaged<Callbacks>.fromOpaque(params!).takeUnretainedValue()
        }

        func load(_ v: UnsafePointer<gsl_vector>) {
            for j in 0..<x.count { x[j] = gsl_vector_get(v, j) }
        }

        func value(_ v: UnsafePointer<gsl_vector>) -> Double {
            load(v)
            return scale * x.withUnsafeBufferPointer { objective.value($0) }
        }

        func gradient(_ v: UnsafePointer<gsl_vector>, into out: UnsafeMutablePointer<gsl_vector>) {
            load(v)
            x.withUnsafeBufferPointer { xp in g.withUnsafeMutableBufferPointer { objective.gradient(xp, $0) } }
            for j in 0..<g.count { gsl_vector_set(out, j, scale * g[j]) }
        }
    }
}
