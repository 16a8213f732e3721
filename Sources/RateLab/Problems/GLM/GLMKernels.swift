import CLapack
import RateLabLinalg

/// The loops of the GLM objectives on raw pointers: hand-written ones with a fixed summation order
/// (independent of the BLAS build) for f, ∇f and the margins — which must agree bitwise, e.g. so
/// that pl-sine's residuals a_kᵀx_true − b_k are exactly zero — and, for the per-step minibatch
/// gradient, whichever measured fastest: BLAS ddot for the margins, `addRows` for the sum of rows.
enum GLMKernels {
    /// Samples per chunk of a minibatch gradient: its stack scratch is `chunk` indices and `chunk` doubles.
    static let chunk = 64

    /// Σ_j a_j x_j, summed in a fixed order: four `SIMD4` accumulators take j ≡ 0…15 (mod 16) over
    /// the blocks of 16, accumulator 0 then takes the remaining blocks of 4, the lanes are added as
    /// ((s₀ + s₁) + (s₂ + s₃)) with s = (acc₀ + acc₁) + (acc₂ + acc₃), and the last n mod 4 terms are
    /// added one by one.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ n: Int) -> Double {
        var acc0 = SIMD4<Double>(), acc1 = SIMD4<Double>(), acc2 = SIMD4<Double>(), acc3 = SIMD4<Double>()
        var j = 0
        while j + 16 <= n {
            acc0 += load(a, j) * load(x, j)
            acc1 += load(a, j + 4) * load(x, j + 4)
            acc2 += load(a, j + 8) * load(x, j + 8)
            acc3 += load(a, j + 12) * load(x, j + 12)
            j += 16
        }
        while j + 4 <= n {
            acc0 += load(a, j) * load(x, j)
            j += 4
        }
        let lanes = (acc0 + acc1) + (acc2 + acc3)
        var s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
        while j < n {
            s += a[j] * x[j]
            j += 1
        }
        return s
    }

    /// A x for a row-major A, one `dot` per row.
    static func margins(_ a: Matrix, _ x: [Double]) -> [Double] {
        precondition(a.layout == .rowMajor && a.cols == x.count)
        let d = a.cols
        return a.storage.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in (0..<a.rows).map { dot(ap.baseAddress! + $0 * d, xp.baseAddress!, d) } }
        }
    }

    /// y ← c·a + y.
    @inline(__always)
    static func axpy(_ c: Double, _ a: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        for j in 0..<n { y[j] += c * a[j] }
    }

    /// Σ_j a_j x_j by BLAS ddot.
    @inline(__always)
    static func blasDot(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ n: Int) -> Double {
        cblas_ddot(Int32(n), a, 1, x, 1)
    }

    /// y ← y + Σ_{b<count} c_b · a_(k_b), each y_j receiving its terms in ascending b (the same
    /// result as `count` successive `axpy` calls) while y_j stays in a register across the rows.
    @inline(__always)
    static func addRows(
        _ count: Int, _ c: UnsafePointer<Double>, _ base: UnsafePointer<Double>, _ picked: UnsafePointer<Int>,
        into y: UnsafeMutablePointer<Double>, _ n: Int
    ) {
        var j = 0
        while j + 4 <= n {
            var acc = load(y, j)
            for b in 0..<count { acc += c[b] * load(base + picked[b] * n, j) }
            UnsafeMutableRawPointer(y + j).storeBytes(of: acc, as: SIMD4<Double>.self)
            j += 4
        }
        while j < n {
            var acc = y[j]
            for b in 0..<count { acc += c[b] * base[picked[b] * n + j] }
            y[j] = acc
            j += 1
        }
    }

    /// The four doubles p[j…j+3] (no alignment needed).
    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>, _ j: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p + j).loadUnaligned(as: SIMD4<Double>.self)
    }
}
