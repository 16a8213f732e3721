import RateLabLinalg
import RateLabProblems

extension Optimum {
    /// x* = A⁻¹b by LAPACK dposv; cross-check the closed form Q diag(1/λ) Qᵀ b from the problem's
    /// own eigen-decomposition.
    static func certifyQuadratic(_ problem: QuadraticProblem) throws -> OptimumCertificate {
        let x = try Cholesky.solve(problem.matrix, problem.vector)
        let q = problem.eigenbasis
        var coefficients = BLAS.gemv(q, problem.vector, transpose: true)
        for j in 0..<coefficients.count { coefficients[j] /= problem.eigenvalues[j] }
        let closedForm = BLAS.gemv(q, coefficients)
        return certificate(
            problem, xStar: x, solver: "LAPACK dposv on A x = b",
            crossCheck: "closed form Q diag(1/λ) Qᵀ b", metric: OptimumCertificate.relativeX,
            difference: relativeDifference(x, closedForm))
    }
}
