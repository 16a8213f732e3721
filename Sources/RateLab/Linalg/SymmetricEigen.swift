import CLapack

/// Eigen-decomposition A = V diag(λ) Vᵀ of a real symmetric matrix (LAPACK `dsyevd`,
/// divide and conquer). Only the upper triangle of the input is read.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors as columns (row-major n × n); nil when only values were asked for.
    public let vectors: Matrix?

    public init(_ a: Matrix, vectors wantVectors: Bool = false) throws {
        guard a.rows == a.cols else {
            throw LinalgError.dimensionMismatch("dsyevd: matrix is \(a.rows)×\(a.cols), expected square")
        }
        let n = a.rows
        var work = a.storage
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: wantVectors ? "V" : "N")),
                                      CChar(UInt8(ascii: "U")), Int32(n), &work, Int32(n), &w)
            try LinalgError.check("dsyevd", info) { _ in "the eigenvalue algorithm failed to converge" }
        }
        values = w
        vectors = wantVectors ? Matrix(rows: n, cols: n, storage: work) : nil
    }

    /// Smallest eigenvalue λ_min.
    public var min: Double { values.first ?? .nan }
    /// Largest eigenvalue λ_max.
    public var max: Double { values.last ?? .nan }
}
