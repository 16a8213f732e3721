import RateLabLinalg

/// The weighted least-squares normal equations of the small curve and excess fits, solved by Cholesky:
///
///     (G + λ·diag G) δ = Σ_i w_i x_i y_i,    G = Σ_i w_i x_i x_iᵀ,
///
/// ordinary least squares with unit weights and λ = 0, a Levenberg–Marquardt step with λ > 0.
enum NormalEquations {
    /// δ for the rows (x_i, y_i) with weights w_i (1 when nil) and damping λ; throws `LinalgError` when G is
    /// not positive definite (a column of x without two distinct values).
    static func solve(_ x: [[Double]], _ y: [Double], weights: [Double]? = nil, damping lambda: Double = 0) throws -> [Double] {
        let k = x[0].count
        var gram = Matrix(rows: k, cols: k)
        var rhs = [Double](repeating: 0, count: k)
        for i in x.indices {
            let w = weights?[i] ?? 1
            for a in 0..<k {
                rhs[a] += w * x[i][a] * y[i]
                for b in 0..<k { gram[a, b] += w * x[i][a] * x[i][b] }
            }
        }
        if lambda != 0 { for a in 0..<k { gram[a, a] *= 1 + lambda } }
        return try Cholesky.solve(gram, rhs)
    }
}
