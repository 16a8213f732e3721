import RateLabTopology

import RateLabLinalg

/// The mixing kernels of the methods (model averages and gossip), on `WorkerMatrix` rows.
extension Kernels {
    /// out ← Σ_j w_j · x_{j}, the terms added in ascending j (the order is part of the result:
    /// every method mixes through this one kernel, so equal weights give bitwise-equal results).
    @inline(__always)
    public static func mix(
        _ weights: [MixingWeight], _ source: WorkerMatrix, into out: UnsafeMutablePointer<Double>
    ) {
        let n = source.cols
        out.update(repeating: 0, count: n)
        for entry in weights { axpy(n, entry.w, source.row(entry.j), out) }
    }

    /// out ← (1/p) Σ_i source_i over the p rows, added in row order.
    public static func average(_ source: WorkerMatrix, into out: UnsafeMutablePointer<Double>) {
        let n = source.cols, w = 1 / Double(source.rows)
        out.update(repeating: 0, count: n)
        for i in 0..<source.rows { axpy(n, w, source.row(i), out) }
    }

    /// target_i ← Σ_j W_ij source_j for every row i (target and source must differ).
    public static func mix(_ w: MixingMatrix, _ source: WorkerMatrix, into target: WorkerMatrix) {
        precondition(source !== target, "mix needs distinct source and target")
        for i in 0..<source.rows { mix(w.rows[i], source, into: target.row(i)) }
    }

    /// y ← a·x: y[k] = x[k]·a, the product `scale` forms, so `copyScaled(n, a, x, y)` equals
    /// `copy(n, x, y); scale(n, a, y)` bit for bit.
    @inline(__always)
    public static func copyScaled(_ n: Int, _ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        for k in 0..<n { y[k] = x[k] * a }
    }

    /// The push-sum models of every row: out_i ← x_i / w_i, formed as x_i · (1/w_i) (SGP, OSGP).
    public static func pushSumModels(_ x: WorkerMatrix, weights: [Double], into out: WorkerMatrix) {
        for i in 0..<x.rows { copyScaled(x.cols, 1 / weights[i], x.row(i), out.row(i)) }
    }

    /// The gradient-tracking correction: tracker ← tracker + new − old (added in that order), then old ← new.
    @inline(__always)
    public static func trackGradient(
        _ n: Int, new: UnsafePointer<Double>, old: UnsafeMutablePointer<Double>, tracker: UnsafeMutablePointer<Double>
    ) {
        axpy(n, 1, new, tracker)
        axpy(n, -1, old, tracker)
        copy(n, new, old)
    }
}
