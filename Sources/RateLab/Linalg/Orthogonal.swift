import CLapack

/// Orthogonal matrices from Householder QR (LAPACK `dgeqrf` + `dorgqr`).
public enum Orthogonal {
    /// The Q factor of A = QR for a square A, with signs fixed so that diag(R) > 0 (then Q is unique).
    public static func qFactor(_ a: Matrix) throws -> Matrix {
        guard a.rows == a.cols else {
            throw LinalgError.dimensionMismatch("dgeqrf: matrix is \(a.rows)×\(a.cols), expected square")
        }
        let n = a.rows
        if n == 0 { return a }
        var qr = a.storage
        var tau = [Double](repeating: 0, count: n)
        try LinalgError.check("dgeqrf", LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(n), Int32(n), &qr, Int32(n), &tau)) {
            "unexpected positive info \($0)"
        }
        let rDiagonal = (0..<n).map { qr[$0 * n + $0] }
        try LinalgError.check("dorgqr", LAPACKE_dorgqr(LAPACK_ROW_MAJOR, Int32(n), Int32(n), Int32(n), &qr, Int32(n), &tau)) {
            "unexpected positive info \($0)"
        }
        var q = Matrix(rows: n, cols: n, storage: qr)
        for j in 0..<n where rDiagonal[j] < 0 {
            for i in 0..<n { q[i, j] = -q[i, j] }
        }
        return q
    }

    /// A Haar-distributed random n × n orthogonal matrix: Q of the QR of a standard Gaussian matrix
    /// with sign-fixed R (Mezzadri 2007).
    public static func random(_ n: Int, using rng: inout RandomStream) throws -> Matrix {
        var g = Matrix(rows: n, cols: n)
        for k in 0..<(n * n) { g.storage[k] = rng.nextGaussian() }
        return try qFactor(g)
    }
}
