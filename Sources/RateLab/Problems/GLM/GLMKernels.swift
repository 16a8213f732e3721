import CKernels
import RateLabLinalg

/// The loops of the GLM objectives on raw pointers, over the C kernels of `CKernels` (vectorised,
/// with a fixed summation order whatever the instruction set): f, ∇f, the margins and the
/// per-step minibatch gradient all use the same `dot`, so that e.g. pl-sine's residuals
/// a_kᵀx_true − b_k are exactly zero.
enum GLMKernels {
    /// Rows per chunk of a gradient: its stack scratch is `chunk` indices and `chunk` doubles.
    static let chunk = 64

    /// Σ_j a_j x_j in the fixed order of `rl_dot` (16 lanes, pairwise lane sums, then the tail).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ n: Int) -> Double {
        rl_dot(a, x, n)
    }

    /// A x, one `dot` per row.
    static func margins(_ a: AlignedRows, _ x: [Double]) -> [Double] {
        precondition(a.cols == x.count)
        return a.withBaseAddress { base in
            x.withUnsafeBufferPointer { xp in (0..<a.rows).map { dot(base + $0 * a.stride, xp.baseAddress!, a.cols) } }
        }
    }
}
