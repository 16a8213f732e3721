import CLapack

/// Minimum-norm least squares min ‖Ax − b‖₂ via the SVD (LAPACK `dgelsd`), valid for any shape
/// and rank: over-determined, under-determined (n < d) and rank-deficient systems alike.
public struct LeastSquaresSolution: Sendable {
    /// The minimum-norm minimiser x (d entries).
    public let x: [Double]
    /// Effective rank: singular values ≤ rcond · σ_max are treated as zero.
    public let rank: Int

    /// Solves with relative singular-value cutoff `rcond` (default: machine ε · max(n, d)).
    public init(_ a: Matrix, _ b: [Double], rcond: Double? = nil) throws {
        guard b.count == a.rows else {
            throw LinalgError.dimensionMismatch("dgelsd: A is \(a.rows)×\(a.cols), b has \(b.count) entries")
        }
        let m = a.rows, n = a.cols
        let ldb = Swift.max(1, m, n)
        var acopy = a.storage
        var rhs = [Double](repeating: 0, count: ldb)
        for i in 0..<m { rhs[i] = b[i] }
        var s = [Double](repeating: 0, count: Swift.max(1, Swift.min(m, n)))
        var r: Int32 = 0
        let cutoff = rcond ?? Double.ulpOfOne * Double(Swift.max(m, n, 1))
        if m > 0 && n > 0 {
            let info = LAPACKE_dgelsd(LAPACK_ROW_MAJOR, Int32(m), Int32(n), 1, &acopy, Int32(Swift.max(1, n)),
                                      &rhs, 1, &s, cutoff, &r)
            try LinalgError.check("dgelsd", info) { "\($0) off-diagonal elements of the SVD failed to converge" }
        }
        x = Array(rhs.prefix(n))
        rank = Int(r)
    }
}
