import Foundation
import RateLabLinalg

/// A one-hidden-layer tanh network for ±1 classification (a nonconvex finite sum):
///
///     out(a; x) = w2ᵀ tanh(W1 a),   f_i(x) = (1/n_i) Σ_{k ∈ rows(i)} log(1 + exp(−y_k out(a_k; x))) + (λ/2)‖x‖²,
///
/// with x = (W1 ∈ ℝ^{H×d} row-major, then w2 ∈ ℝ^H) flattened, dimension H·d + H, and
/// f = (1/p) Σ_i f_i. Rows are split over workers as for the GLMs (`WorkerPartition`).
///
/// The origin is a stationary point (tanh(0) = 0 kills every gradient), so the problem carries a
/// seeded `referencePoint`: W1 ~ N(0, 1/d), w2 ~ N(0, 1/H) (stream `.initialPoint`).
/// L is a **local** estimate: the largest |eigenvalue| (dsyevd) of the finite-difference Hessian at
/// the reference point — not a global bound (none is available for this network).
public final class TwoLayerNetProblem: TwiceDifferentiableProblem {
    public let name = "two-layer-net"
    /// Rows a_k and ±1 labels, grouped by worker.
    public let data: Dataset
    public let partition: WorkerPartition
    /// H, the number of hidden units.
    public let hidden: Int
    /// λ of the (λ/2)‖x‖² penalty.
    public let lambda: Double
    public let referencePoint: [Double]
    public let smoothness: Double
    public let curvature: Curvature = .nonconvex

    public var dimension: Int { hidden * data.featureCount + hidden }
    public var workerCount: Int { partition.rows.count }
    public var fewestWorkerRows: Int? { partition.rows.map(\.count).min() }

    /// Builds `two-layer-net` from a spec (default data `data/breast-cancer.svm`, H = 8, λ = 1e-3).
    public convenience init(_ spec: ProblemSpec) throws {
        try spec.refuse(ProblemSpec.quadraticOnly + ProblemSpec.worstCaseOnly + ["noise", "labelFlip", "dimension", "samplesPerWorker", "totalSamples"] + ProblemSpec.logCoshOnly,
                        reason: "the network is trained on a data file")
        guard spec.hidden >= 1 else {
            throw ProblemError.invalidParameter(parameter: "hidden", value: "\(spec.hidden)", expected: "an integer ≥ 1")
        }
        let lambda = try spec.resolvedLambda(default: 1e-3)
        let path = spec.dataPath ?? TwoLayerNetProblem.defaultDataPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw ProblemError.missingData(
                problem: "two-layer-net", expected: "a ±1-labelled LIBSVM file; \(path) does not exist (pass dataPath / --data)")
        }
        let file = try GLMDesign.read(path) { try $0.signedLabels() }
        let (data, partition) = try GLMDesign.split(file, spec)
        var start = RandomStream(seed: spec.seed, purpose: .initialPoint)
        let d = file.featureCount, h = spec.hidden
        let reference = (0..<(h * d + h)).map { k in
            start.nextGaussian() / (k < h * d ? Double(d) : Double(h)).squareRoot()
        }
        let provisional = TwoLayerNetProblem(
            data: data, partition: partition, hidden: h, lambda: lambda, referencePoint: reference, smoothness: .nan)
        let curvatureAtReference = try SymmetricEigen(provisional.hessian(at: reference))
        self.init(data: data, partition: partition, hidden: h, lambda: lambda, referencePoint: reference,
                  smoothness: Swift.max(abs(curvatureAtReference.min), abs(curvatureAtReference.max)))
    }

    private init(
        data: Dataset, partition: WorkerPartition, hidden: Int, lambda: Double, referencePoint: [Double],
        smoothness: Double
    ) {
        self.data = data
        self.partition = partition
        self.hidden = hidden
        self.lambda = lambda
        self.referencePoint = referencePoint
        self.smoothness = smoothness
    }

    /// Where the default data set is looked up (relative to the working directory).
    public static let defaultDataPath = "data/breast-cancer.svm"

    public func value(_ x: UnsafeBufferPointer<Double>) -> Double {
        var total = 0.0
        for rows in partition.blocks { total += lossSum(rows, x, gradientScale: 0, into: nil) / Double(rows.count) }
        return total / Double(partition.blocks.count) + penaltyValue(x)
    }

    public func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        g.update(repeating: 0)
        for rows in partition.blocks {
            _ = lossSum(rows, x, gradientScale: 1 / (Double(partition.blocks.count) * Double(rows.count)), into: g)
        }
        addPenaltyGradient(x, into: g)
    }

    public func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double {
        let rows = partition.rows[i]
        return lossSum(rows, x, gradientScale: 0, into: nil) / Double(rows.count) + penaltyValue(x)
    }

    public func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        let rows = partition.rows[i]
        g.update(repeating: 0)
        _ = lossSum(rows, x, gradientScale: 1 / Double(rows.count), into: g)
        addPenaltyGradient(x, into: g)
    }

    /// Mean of the per-sample gradients over `batchSize` rows drawn uniformly with replacement from
    /// worker i's rows, plus λx (unbiased for ∇f_i). Allocation-free (H scratch values on the stack).
    public func stochasticGradient(
        worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int,
        rng: inout RandomStream, into g: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(batchSize >= 1, "stochasticGradient: batchSize must be at least 1")
        let rows = partition.rows[i]
        g.update(repeating: 0)
        for _ in 0..<batchSize {
            let k = rows.lowerBound + rng.nextIndex(rows.count)
            _ = lossSum(k..<(k + 1), x, gradientScale: 1 / Double(batchSize), into: g)
        }
        addPenaltyGradient(x, into: g)
    }

    /// The finite-difference Hessian: column j = (∇f(x + h_j e_j) − ∇f(x − h_j e_j))/(2h_j),
    /// h_j = 10⁻⁵·max(1, |x_j|), then symmetrised. Error O(h²) + O(ε/h) ≈ 10⁻¹⁰ relative.
    public func hessian(at x: [Double]) -> Matrix {
        let n = dimension
        var h = Matrix(rows: n, cols: n)
        var probe = x
        for j in 0..<n {
            let step = 1e-5 * Swift.max(1, abs(x[j]))
            probe[j] = x[j] + step
            let plus = gradient(probe)
            probe[j] = x[j] - step
            let minus = gradient(probe)
            probe[j] = x[j]
            for r in 0..<n { h[r, j] = (plus[r] - minus[r]) / (2 * step) }
        }
        return h.symmetrised
    }

    /// Without `g`: Σ_{k ∈ rows} ℓ_k(x). With `g`: g += gradientScale · Σ_{k ∈ rows} ∇ℓ_k(x) (returns 0):
    /// z = W1 a, s = tanh z, o = w2ᵀs, c = ℓ'(o) = −y σ(−y o); ∇w2 = c s, ∇W1 = c (w2 ∘ (1 − s²)) aᵀ.
    private func lossSum(
        _ rows: Range<Int>, _ x: UnsafeBufferPointer<Double>, gradientScale: Double,
        into g: UnsafeMutableBufferPointer<Double>?
    ) -> Double {
        let d = data.featureCount, h = hidden
        let loss = LogisticLoss()
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: h) { s in
            data.features.withBaseAddress { a in
                var total = 0.0
                let w1 = x.baseAddress!, w2 = x.baseAddress! + h * d
                for k in rows {
                    let row = a + k * data.features.stride
                    var out = 0.0
                    for u in 0..<h {
                        s[u] = tanh(GLMKernels.dot(w1 + u * d, row, d))
                        out += w2[u] * s[u]
                    }
                    let y = data.labels[k]
                    guard let g = g else {
                        total += loss.value(out, y)
                        continue
                    }
                    let c = gradientScale * loss.derivative(out, y)
                    for u in 0..<h {
                        g[h * d + u] += c * s[u]
                        Kernels.axpy(d, c * w2[u] * (1 - s[u] * s[u]), row, g.baseAddress! + u * d)
                    }
                }
                return total
            }
        }
    }

    private func penaltyValue(_ x: UnsafeBufferPointer<Double>) -> Double {
        var r = 0.0
        for v in x { r += v * v }
        return 0.5 * lambda * r
    }

    private func addPenaltyGradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<x.count { g[j] += lambda * x[j] }
    }
}

extension ProblemSpec {
    /// The data file the problem reads: `dataPath`, or two-layer-net's default data set when none
    /// is given; nil for synthetic data.
    public var dataFile: String? { dataPath ?? (name == "two-layer-net" ? TwoLayerNetProblem.defaultDataPath : nil) }

    /// Where the data come from, for reports: the data file or `synthetic, seed S`.
    public var dataSource: String { dataFile ?? "synthetic, seed \(seed)" }
}
