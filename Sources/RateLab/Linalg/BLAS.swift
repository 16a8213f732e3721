import CLapack

/// Thin wrappers over CBLAS level 1–3 for `[Double]` vectors, `Matrix` and `AlignedRows` (its stride as the
/// leading dimension).
public enum BLAS {
    /// xᵀy.
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: \(x.count) vs \(y.count) entries")
        return cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// ‖x‖₂.
    public static func norm(_ x: [Double]) -> Double { cblas_dnrm2(Int32(x.count), x, 1) }

    /// y ← αx + y.
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: \(x.count) vs \(y.count) entries")
        cblas_daxpy(Int32(x.count), alpha, x, 1, &y, 1)
    }

    /// y ← α op(A) x + β y, op(A) = A or Aᵀ.
    public static func gemv(
        _ a: Matrix, _ x: [Double], into y: inout [Double],
        transpose: Bool = false, alpha: Double = 1, beta: Double = 0
    ) {
        let (m, n) = transpose ? (a.cols, a.rows) : (a.rows, a.cols)
        precondition(x.count == n && y.count == m, "gemv: op(A) is \(m)×\(n), x has \(x.count), y has \(y.count)")
        cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.cols),
                    alpha, a.storage, Int32(max(1, a.cols)), x, 1, beta, &y, 1)
    }

    /// op(A) x as a new vector.
    public static func gemv(_ a: Matrix, _ x: [Double], transpose: Bool = false) -> [Double] {
        var y = [Double](repeating: 0, count: transpose ? a.cols : a.rows)
        gemv(a, x, into: &y, transpose: transpose)
        return y
    }

    /// op(A) x as a new vector, for A stored as `AlignedRows`.
    public static func gemv(_ a: AlignedRows, _ x: [Double], transpose: Bool = false) -> [Double] {
        let (m, n) = transpose ? (a.cols, a.rows) : (a.rows, a.cols)
        precondition(x.count == n, "gemv: op(A) is \(m)×\(n), x has \(x.count)")
        var y = [Double](repeating: 0, count: m)
        if a.rows == 0 || a.cols == 0 { return y }
        a.withBaseAddress { base in
            cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.cols),
                        1, base, Int32(a.stride), x, 1, 0, &y, 1)
        }
        return y
    }

    /// Aᵀ B for A stored as `AlignedRows` (n × d) and B n × k: the d × k product.
    public static func gemmTransposed(_ a: AlignedRows, _ b: Matrix) -> Matrix {
        precondition(a.rows == b.rows, "gemm: Aᵀ is \(a.cols)×\(a.rows), B is \(b.rows)×\(b.cols)")
        var c = Matrix(rows: a.cols, cols: b.cols)
        if a.cols == 0 || b.cols == 0 { return c }
        a.withBaseAddress { base in
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(a.cols), Int32(b.cols), Int32(a.rows), 1,
                        base, Int32(a.stride), b.storage, Int32(max(1, b.cols)), 0, &c.storage, Int32(max(1, c.cols)))
        }
        return c
    }

    /// C ← α op(A) op(B) + β C, op(X) = X or Xᵀ, all row-major; β = 1 accumulates into C.
    public static func gemm(
        _ a: Matrix, _ b: Matrix, into c: inout Matrix,
        transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1, beta: Double = 0
    ) {
        let (m, k) = transposeA ? (a.cols, a.rows) : (a.rows, a.cols)
        let (k2, n) = transposeB ? (b.cols, b.rows) : (b.rows, b.cols)
        precondition(k == k2, "gemm: op(A) is \(m)×\(k), op(B) is \(k2)×\(n)")
        precondition(c.rows == m && c.cols == n, "gemm: op(A)·op(B) is \(m)×\(n), C is \(c.rows)×\(c.cols)")
        if m == 0 || n == 0 { return }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a.storage, Int32(max(1, a.cols)),
                    b.storage, Int32(max(1, b.cols)), beta, &c.storage, Int32(max(1, c.cols)))
    }

    /// α op(A) op(B), row-major result.
    public static func gemm(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1
    ) -> Matrix {
        var c = Matrix(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
        gemm(a, b, into: &c, transposeA: transposeA, transposeB: transposeB, alpha: alpha)
        return c
    }
}

extension Matrix {
    /// Matrix product self · other.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { BLAS.gemm(lhs, rhs) }
    /// Matrix–vector product self · x.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] { BLAS.gemv(lhs, rhs) }
}
