import CLapack

/// Linear solves with a symmetric positive definite matrix (LAPACK `dposv`: Cholesky A = LLᵀ,
/// then two triangular solves).
public enum Cholesky {
    /// Solves A x = b for SPD A. Throws `LinalgError.lapack` naming `dposv` when A is not
    /// positive definite (the leading minor of order `info` is not positive).
    public static func solve(_ a: Matrix, _ b: [Double]) throws -> [Double] {
        guard a.rows == a.cols, b.count == a.rows else {
            throw LinalgError.dimensionMismatch("dposv: A is \(a.rows)×\(a.cols), b has \(b.count) entries")
        }
        let n = a.rows
        var factor = a.storage
        var x = b
        if n == 0 { return x }
        let info = LAPACKE_dposv(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), 1,
                                 &factor, Int32(n), &x, 1)
        try LinalgError.check("dposv", info) {
            "the leading minor of order \($0) is not positive: the matrix is not positive definite"
        }
        return x
    }
}
