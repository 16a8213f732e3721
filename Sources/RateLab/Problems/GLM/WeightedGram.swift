import RateLabLinalg

/// Spectral facts about the weighted design of a GLM, from which its L and μ follow:
/// G = AᵀWA = Σ_k w_k a_k a_kᵀ (d × d) and, when n ≤ d, K = W^{1/2} A Aᵀ W^{1/2} (n × n).
/// Both by LAPACK dsyevd; G is accumulated block by block, so no scaled copy of A is made.
///
/// K has the nonzero eigenvalues of G; λ_min(K) ≥ w_min·λ_min(AAᵀ), with equality when all
/// weights are equal (p divides n), and it is the constant the PL proofs actually use:
/// ‖Aᵀ W u‖² ≥ λ_min(K)·uᵀWu.
struct WeightedGram {
    /// Eigenvalues of G = AᵀWA, ascending.
    let eigenvalues: [Double]
    /// λ_min(W^{1/2} A Aᵀ W^{1/2}) when n ≤ d, else nil.
    let rowGramMinimum: Double?

    init(features a: AlignedRows, weights w: [Double]) throws {
        let n = a.rows, root = w.map { $0.squareRoot() }
        eigenvalues = try SymmetricEigen(WeightedGram.gram(a, root)).values
        if n <= a.cols {
            let scaled = a.rowsScaled(by: root)
            rowGramMinimum = try SymmetricEigen(BLAS.gemm(scaled, scaled, transposeB: true)).min
        } else {
            rowGramMinimum = nil
        }
    }

    /// Rows of the blocks that `gram` scales and multiplies at a time: the scratch is
    /// `blockRows` × d doubles instead of a scaled copy of the whole of A.
    private static let blockRows = 256

    /// G = AᵀWA = Σ_blocks S_bᵀS_b, S_b the block's rows a_k scaled by √w_k = `root[k]` (dgemm
    /// accumulating into G).
    private static func gram(_ a: AlignedRows, _ root: [Double]) -> Matrix {
        let d = a.cols
        var g = Matrix(rows: d, cols: d)
        for start in stride(from: 0, to: a.rows, by: blockRows) {
            let block = a.rowsScaled(by: root, rows: start..<min(start + blockRows, a.rows))
            BLAS.gemm(block, block, into: &g, transposeA: true, beta: 1)
        }
        return g
    }

    /// λ_max(AᵀWA).
    var maximum: Double { eigenvalues.last ?? 0 }
    /// λ_min(AᵀWA).
    var minimum: Double { eigenvalues.first ?? 0 }
}
