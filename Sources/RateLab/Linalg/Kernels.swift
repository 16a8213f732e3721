/// Allocation-free vector kernels on raw pointers, used by every per-step loop (the methods' updates,
/// the two-layer net's gradient). Plain loops: the optimiser vectorises them, and for d ≲ 10³ they
/// beat a BLAS call's overhead.
public enum Kernels {
    /// y ← y + a·x.
    @inlinable @inline(__always)
    public static func axpy(_ n: Int, _ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        for k in 0..<n { y[k] += a * x[k] }
    }

    /// y ← x.
    @inlinable @inline(__always)
    public static func copy(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        y.update(from: x, count: n)
    }

    /// x ← a·x.
    @inlinable @inline(__always)
    public static func scale(_ n: Int, _ a: Double, _ x: UnsafeMutablePointer<Double>) {
        for k in 0..<n { x[k] *= a }
    }

    /// ‖x − y‖².
    @inlinable @inline(__always)
    public static func distanceSquared(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        var s = 0.0
        for k in 0..<n { let t = x[k] - y[k]; s += t * t }
        return s
    }
}
