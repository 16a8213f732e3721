import RateLab

/// f_i(x) = ½ Σ_j w_j (x_j − c_i)² with weights w_0 = 1, w_j = κ (j ≥ 1) and centers c_i = i + 1:
/// a separable quadratic with L = κ and μ = 1 whose minimiser is x*_j = mean of the centers. With step
/// 1/L, GD solves the stiff coordinates in one step and contracts the other by exactly 1 − μ/L.
///
/// It gives its Hessian (diag w), so RateLab certifies its optimum itself (GSL BFGS2, Newton steps,
/// a restart as cross-check): no solver needs to be written for it.
final class WeightedCentersProblem: TwiceDifferentiableProblem {
    let name = "weighted-centers"
    let dimension: Int
    let workerCount: Int
    let weights: [Double]

    /// d coordinates, p workers, condition number κ ≥ 1 (read from the claim's `problem:` keys).
    init(_ spec: ProblemSpec) throws {
        guard let d = spec.dimension, d >= 2 else { throw ProblemError.invalidParameter(parameter: "dimension", value: "\(spec.dimension ?? 0)", expected: "an integer ≥ 2") }
        let kappa = spec.kappa ?? 10
        guard kappa >= 1 else { throw ProblemError.invalidParameter(parameter: "kappa", value: "\(kappa)", expected: "a number ≥ 1") }
        dimension = d
        workerCount = spec.workers
        weights = [1] + [Double](repeating: kappa, count: d - 1)
    }

    var smoothness: Double { weights.max()! }
    var curvature: Curvature { .stronglyConvex(mu: weights.min()!) }

    private func center(_ i: Int) -> Double { Double(i + 1) }

    func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double {
        (0..<dimension).reduce(0) { $0 + 0.5 * weights[$1] * (x[$1] - center(i)) * (x[$1] - center(i)) }
    }

    func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<dimension { g[j] = weights[j] * (x[j] - center(i)) }
    }

    func value(_ x: UnsafeBufferPointer<Double>) -> Double {
        (0..<workerCount).reduce(0) { $0 + localValue(worker: $1, x) } / Double(workerCount)
    }

    func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        let mean = (0..<workerCount).reduce(0) { $0 + center($1) } / Double(workerCount)
        for j in 0..<dimension { g[j] = weights[j] * (x[j] - mean) }
    }

    /// Exact local gradients (the example's claim uses `batch: 0`).
    func stochasticGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int, rng: inout RandomStream,
                            into g: UnsafeMutableBufferPointer<Double>) {
        localGradient(worker: i, x, into: g)
    }

    func hessian(at x: [Double]) -> Matrix {
        var h = Matrix(rows: dimension, cols: dimension)
        for j in 0..<dimension { h[j, j] = weights[j] }
        return h
    }
}
