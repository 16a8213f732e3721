import CLapack

/// Eigenvalues λ of a real general (non-symmetric) square matrix, A v = λ v, from LAPACK `dgeev`
/// (Hessenberg reduction followed by the shifted QR algorithm).
///
/// The eigenvalues are complex in general; they are returned as (re, im) pairs in LAPACK's order
/// (not sorted): a complex-conjugate pair appears consecutively, the one with positive imaginary
/// part first. Use `SymmetricEigen` instead when A = Aᵀ (faster and with real, sorted output).
public struct GeneralEigen: Sendable {
    /// The n eigenvalues λ_k = re_k + i·im_k.
    public let values: [(re: Double, im: Double)]

    /// Computes the eigenvalues of the square matrix `a`. Throws `LinalgError.dimensionMismatch` when `a`
    /// is not square and `LinalgError.lapack` naming `dgeev` when the QR algorithm does not converge.
    public init(_ a: Matrix) throws {
        guard a.rows == a.cols else {
            throw LinalgError.dimensionMismatch("dgeev: matrix is \(a.rows)×\(a.cols), expected square")
        }
        let n = a.rows
        var work = a.storage
        var re = [Double](repeating: 0, count: n)
        var im = [Double](repeating: 0, count: n)
        if n > 0 {
            let no = CChar(UInt8(ascii: "N"))
            let info = LAPACKE_dgeev(LAPACK_ROW_MAJOR, no, no, Int32(n), &work, Int32(n), &re, &im,
                                     nil, 1, nil, 1)
            try LinalgError.check("dgeev", info) {
                "the QR algorithm failed to compute all eigenvalues; only eigenvalues \($0 + 1)…\(n) converged"
            }
        }
        values = (0..<n).map { (re: re[$0], im: im[$0]) }
    }

    /// Moduli |λ_k| = √(re_k² + im_k²), in the order of `values`.
    public var moduli: [Double] { values.map { ($0.re * $0.re + $0.im * $0.im).squareRoot() } }
}
