import RateLabLinalg

/// Spectral facts about the weighted design of a GLM, from which its L and μ follow:
/// G = AᵀWA = Σ_k w_k a_k a_kᵀ (d × d) and, when n ≤ d, K = W^{1/2} A Aᵀ W^{1/2} (n × n).
/// Both by LAPACK dsyevd.
///
/// K has the nonzero eigenvalues of G; λ_min(K) ≥ w_min·λ_min(AAᵀ), with equality when all
/// weights are equal (p divides n), and it is the constant the PL proofs actually use:
/// ‖Aᵀ W u‖² ≥ λ_min(K)·uᵀWu.
struct WeightedGram {
    /// Eigenvalues of G = AᵀWA, ascending.
    let eigenvalues: [Double]
    /// λ_min(W^{1/2} A Aᵀ W^{1/2}) when n ≤ d, else nil.
    let rowGramMinimum: Double?

    init(features a: Matrix, weights w: [Double]) throws {
        let n = a.rows, d = a.cols
        var scaled = a
        for k in 0..<n {
            let s = w[k].squareRoot()
            for j in 0..<d { scaled.storage[k * d + j] *= s }
        }
        eigenvalues = try SymmetricEigen(BLAS.gemm(scaled, scaled, transposeA: true)).values
        rowGramMinimum = n <= d ? try SymmetricEigen(BLAS.gemm(scaled, scaled, transposeB: true)).min : nil
    }

    /// λ_max(AᵀWA).
    var maximum: Double { eigenvalues.last ?? 0 }
    /// λ_min(AᵀWA).
    var minimum: Double { eigenvalues.first ?? 0 }
}
