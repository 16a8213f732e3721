import CKernels
import RateLabLinalg

/// A generalised linear finite-sum problem over p workers:
///
///     f(x) = (1/p) Σ_i f_i(x),   f_i(x) = (1/n_i) Σ_{k ∈ rows(i)} ℓ(a_kᵀx; y_k) + R(x),
///
/// i.e. f(x) = Σ_k w_k ℓ(a_kᵀx; y_k) + R(x) with w_k = 1/(p·n_i). Rows are stored so that each
/// worker's rows are consecutive in the feature matrix. One mechanism for every GLM:
/// the margin t = a_kᵀx, a scalar loss ℓ and a separable regulariser R.
///
/// Constants (L, μ) are computed by the constructors from the eigenvalues of AᵀWA (LAPACK dsyevd),
/// see `LeastSquaresProblem`, `LogisticProblem`, `PLSineProblem` and `NonconvexLogisticProblem`.
public final class GLMProblem<Loss: MarginLoss, Penalty: Regularizer>: TwiceDifferentiableProblem {
    public let name: String
    /// Rows a_k (n × d, one cache-line-aligned row each, grouped by worker) and targets y_k (labels or responses).
    public let data: Dataset
    /// Which rows each worker owns and the weights w_k.
    public let partition: WorkerPartition
    public let loss: Loss
    public let penalty: Penalty
    public let smoothness: Double
    public let curvature: Curvature
    /// The planted parameter of a synthetic problem (nil for real data).
    public let groundTruth: [Double]?

    public var dimension: Int { data.featureCount }
    public var dataSource: String { data.source }
    public var fewestWorkerRows: Int? { partition.rows.map(\.count).min() }
    public var workerCount: Int { partition.rows.count }

    /// Rows, partition and ground truth from `design`. `gramMaximum` is λ_max(AᵀWA);
    /// L = sup ℓ'' · λ_max(AᵀWA) + sup λr'' (`curvatureBound`s).
    init(name: String, design: GLMDesign, loss: Loss, penalty: Penalty, gramMaximum: Double, curvature: Curvature) {
        self.name = name
        data = design.data
        partition = design.partition
        self.loss = loss
        self.penalty = penalty
        smoothness = loss.curvatureBound * gramMaximum + penalty.curvatureBound
        self.curvature = curvature
        groundTruth = design.groundTruth
    }

    public func value(_ x: UnsafeBufferPointer<Double>) -> Double {
        var total = 0.0
        for rows in partition.blocks { total += meanLoss(rows, x) }
        return total / Double(partition.blocks.count) + penaltyValue(x)
    }

    public func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        zero(g)
        let blocks = Double(partition.blocks.count)
        for rows in partition.blocks { addLossGradient(rows, x, scale: 1 / (blocks * Double(rows.count)), into: g) }
        addPenaltyGradient(x, into: g)
    }

    public func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double {
        meanLoss(partition.rows[i], x) + penaltyValue(x)
    }

    public func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        let rows = partition.rows[i]
        zero(g)
        addLossGradient(rows, x, scale: 1 / Double(rows.count), into: g)
        addPenaltyGradient(x, into: g)
    }

    /// g = (1/B) Σ_{b=1}^{B} ℓ'(a_kbᵀx; y_kb) a_kb + ∇R(x), with k_b drawn uniformly with replacement
    /// from worker i's rows; unbiased for ∇f_i(x). Allocation-free: chunks of `GLMKernels.chunk`
    /// indices go through `addLossGradient`, as the full gradients' rows do.
    /// Problems reach this method through the `Problem` existential, i.e. the generic implementation;
    /// `@_specialize` adds a logistic entry point where the loss and the index draw are inlined.
    @_specialize(where Loss == LogisticLoss, Penalty == Ridge)
    public func stochasticGradient(
        worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int,
        rng: inout RandomStream, into g: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(batchSize >= 1, "stochasticGradient: batchSize must be at least 1")
        let rows = partition.rows[i]
        zero(g)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: GLMKernels.chunk) { picked in
            var done = 0
            while done < batchSize {
                let count = min(GLMKernels.chunk, batchSize - done)
                for b in 0..<count { picked[b] = rows.lowerBound + rng.nextIndex(rows.count) }
                addLossGradient(picked.baseAddress!, count: count, x, scale: 1 / Double(batchSize), into: g)
                done += count
            }
        }
        addPenaltyGradient(x, into: g)
    }

    /// ∇²f(x) = Σ_k w_k ℓ''(a_kᵀx; y_k) a_k a_kᵀ + diag(R''(x_j)), assembled with one dgemm.
    public func hessian(at x: [Double]) -> Matrix {
        let t = margins(x)
        let c = (0..<data.rowCount).map { k in partition.weights[k] * loss.secondDerivative(t[k], data.labels[k]) }
        var h = BLAS.gemmTransposed(data.features, data.features.rowsScaled(by: c))
        for j in 0..<dimension { h[j, j] += penalty.secondDerivative(x[j]) }
        return h
    }

    /// ∇²f(x)·v = Aᵀ(c ∘ (A v)) + diag(R''(x_j)) v with c_k = w_k ℓ''(a_kᵀx; y_k): two matrix–vector
    /// products, O(n d), where forming ∇²f costs O(n d²).
    public func hessianVector(at x: [Double], _ v: [Double]) -> [Double] {
        let t = margins(x), u = BLAS.gemv(data.features, v)
        let z = (0..<data.rowCount).map { k in partition.weights[k] * loss.secondDerivative(t[k], data.labels[k]) * u[k] }
        var product = BLAS.gemv(data.features, z, transpose: true)
        for j in 0..<dimension { product[j] += penalty.secondDerivative(x[j]) * v[j] }
        return product
    }

    /// The margins t_k = a_kᵀx of every row, in storage order (same summation order as f and ∇f).
    public func margins(_ x: [Double]) -> [Double] {
        GLMKernels.margins(data.features, x)
    }

    // MARK: - kernels

    private func meanLoss(_ rows: Range<Int>, _ x: UnsafeBufferPointer<Double>) -> Double {
        let d = dimension
        var sum = 0.0
        let stride = data.features.stride
        data.features.withBaseAddress { a in
            data.labels.withUnsafeBufferPointer { y in
                for k in rows {
                    sum += loss.value(GLMKernels.dot(a + k * stride, x.baseAddress!, d), y[k])
                }
            }
        }
        return sum / Double(rows.count)
    }

    /// g += scale · Σ_{k ∈ rows} ℓ'(a_kᵀx; y_k) a_k, in chunks of `GLMKernels.chunk` rows.
    private func addLossGradient(
        _ rows: Range<Int>, _ x: UnsafeBufferPointer<Double>, scale: Double, into g: UnsafeMutableBufferPointer<Double>
    ) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: GLMKernels.chunk) { picked in
            var start = rows.lowerBound
            while start < rows.upperBound {
                let count = min(GLMKernels.chunk, rows.upperBound - start)
                for b in 0..<count { picked[b] = start + b }
                addLossGradient(picked.baseAddress!, count: count, x, scale: scale, into: g)
                start += count
            }
        }
    }

    /// g += scale · Σ_{b<count} ℓ'(a_kbᵀx; y_kb) a_kb for the rows k_b = picked[b] (count ≤ `GLMKernels.chunk`):
    /// the margins of all rows first (`rl_row_dots`, four rows at a time), then the
    /// coefficients (`MarginLoss.scaleDerivatives`, vectorised for the logistic loss), then the rows
    /// added in one pass over g (`rl_add_rows`: four partial sums per column in a fixed order).
    @inline(__always)
    private func addLossGradient(
        _ picked: UnsafePointer<Int>, count: Int, _ x: UnsafeBufferPointer<Double>, scale: Double,
        into g: UnsafeMutableBufferPointer<Double>
    ) {
        let d = dimension
        let stride = data.features.stride
        data.features.withBaseAddress { a in
            data.labels.withUnsafeBufferPointer { y in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: GLMKernels.chunk) { c in
                    rl_row_dots(a, stride, d, picked, count, x.baseAddress!, c.baseAddress!)
                    loss.scaleDerivatives(c.baseAddress!, labels: y.baseAddress!, rows: picked, count: count, scale: scale)
                    rl_add_rows(a, stride, d, picked, c.baseAddress!, count, g.baseAddress!)
                }
            }
        }
    }

    private func penaltyValue(_ x: UnsafeBufferPointer<Double>) -> Double {
        var r = 0.0
        for xj in x { r += penalty.value(xj) }
        return r
    }

    private func addPenaltyGradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<x.count { g[j] += penalty.derivative(x[j]) }
    }

    private func zero(_ g: UnsafeMutableBufferPointer<Double>) {
        precondition(g.count == dimension, "gradient buffer has \(g.count) entries, expected \(dimension)")
        g.update(repeating: 0)
    }
}
