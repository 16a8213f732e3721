import RateLabLinalg
import RateLabProblems

extension Optimum {
    /// Least squares min Σ_k w_k ½(a_kᵀx − b_k)² + (λ/2)‖x‖², written with Ã = √W A, b̃ = √W b.
    /// - λ > 0: (ÃᵀÃ + λI)x = Ãᵀb̃ by dposv; cross-check dgelsd on [Ã; √λ I] x = [b̃; 0].
    /// - λ = 0: dgelsd minimum-norm solution (f* = 0 when consistent); cross-check dposv on the normal
    ///   equations ÃᵀÃ x = Ãᵀb̃ when Ã has full column rank, else on ÃÃᵀ y = b̃ with x = Ãᵀy.
    static func certifyLeastSquares(_ problem: LeastSquaresProblem) throws -> OptimumCertificate {
        let n = problem.data.rowCount, d = problem.dimension
        let lambda = problem.penalty.lambda
        let root = problem.partition.weights.map { $0.squareRoot() }
        let a = problem.data.features.rowsScaled(by: root)
        let b = zip(problem.data.labels, root).map { $0 * $1 }
        let normalRight = BLAS.gemv(a, b, transpose: true)
        if lambda > 0 {
            var normal = BLAS.gemm(a, a, transposeA: true)
            for j in 0..<d { normal[j, j] += lambda }
            let x = try Cholesky.solve(normal, normalRight)
            var stacked = Matrix(rows: n + d, cols: d)
            for k in 0..<(n * d) { stacked.storage[k] = a.storage[k] }
            for j in 0..<d { stacked[n + j, j] = lambda.squareRoot() }
            let check = try LeastSquaresSolution(stacked, b + [Double](repeating: 0, count: d)).x
            return certificate(
                problem, xStar: x, solver: "LAPACK dposv on (AᵀWA + λI) x = AᵀWb",
                crossCheck: "LAPACK dgelsd on [√W A; √λ I] x = [√W b; 0]", metric: OptimumCertificate.relativeX,
                difference: relativeDifference(x, check))
        }
        let solution = try LeastSquaresSolution(a, b)
        let check: [Double]
        let checkName: String
        if solution.rank == d {
            check = try Cholesky.solve(BLAS.gemm(a, a, transposeA: true), normalRight)
            checkName = "LAPACK dposv on the normal equations AᵀWA x = AᵀWb"
        } else {
            let y = try Cholesky.solve(BLAS.gemm(a, a, transposeB: true), b)
            check = BLAS.gemv(a, y, transpose: true)
            checkName = "LAPACK dposv on (√W A)(√W A)ᵀ y = √W b, x = (√W A)ᵀ y"
        }
        return certificate(
            problem, xStar: solution.x, solver: "LAPACK dgelsd minimum-norm solution of √W A x = √W b (rank \(solution.rank))",
            crossCheck: checkName, metric: OptimumCertificate.relativeX,
            difference: relativeDifference(solution.x, check))
    }
}
