import Foundation
import RateLabLinalg

/// A distributed quadratic with a prescribed spectrum:
///
///     f_i(x) = ½ xᵀA_i x − b_iᵀx,   f = (1/p) Σ_i f_i = ½ xᵀA x − bᵀx,   x* = A⁻¹b,
///
/// A = Q diag(λ) Qᵀ with a Haar-random orthogonal Q and eigenvalues λ between μ and L (see
/// `SpectrumSpacing`); b ~ N(0, I). Heterogeneity:
/// - gradients: b_i = b + δ_i with Σ_i δ_i = 0, scaled so that (1/p) Σ_i ‖δ_i‖² = ζ². When the
///   curvature heterogeneity is 0, ∇f_i(x*) = −δ_i, so ζ² = (1/p) Σ_i ‖∇f_i(x*)‖² exactly;
/// - curvature: A_i = A + h·(μ/2)·(S_i − S̄)/max_i‖S_i − S̄‖₂ with S_i = (G_i + G_iᵀ)/2, G_i Gaussian,
///   so every A_i ⪰ (μ/2)·I and (1/p) Σ_i A_i = A (up to rounding);
/// - Hessian spread on the scale of L: A_i gains Q diag(s·λ_j·u_ij) Qᵀ with u_ij uniform on [−1, 1],
///   centred over the workers and divided by max_ij |u_ij| (so |u_ij| ≤ 1): eigenvalue j of worker i's
///   shift is up to s·λ_j (s·L at the top), the workers' mean is still A, and with the h-term every
///   A_i ⪰ ((1 − s)μ − h·μ/2)·I ≻ 0 when s + h/2 < 1. The spread's scale does not change with p.
///
/// Stochastic oracle: ∇f_i(x) + (σ/√(d·B))·z with z ~ N(0, I_d), so E[noise] = 0 and
/// E‖noise‖² = σ²/B for batch size B. Constants: L = λ_max(A), μ = λ_min(A) by dsyevd (strongly convex).
public final class QuadraticProblem: TwiceDifferentiableProblem {
    public let name = "quadratic"
    public let dimension: Int
    public let workerCount: Int
    /// The prescribed eigenvalues λ_j of A, ascending.
    public let eigenvalues: [Double]
    /// Q, orthonormal eigenvectors of A as columns (A = Q diag(λ) Qᵀ).
    public let eigenbasis: Matrix
    /// A = (1/p) Σ_i A_i (symmetric, row-major).
    public let matrix: Matrix
    /// b = (1/p) Σ_i b_i.
    public let vector: [Double]
    /// σ, the oracle noise level (E‖noise‖² = σ²/batchSize).
    public let noise: Double
    public let smoothness: Double
    public let curvature: Curvature
    /// A_1, …, A_p stored back to back (p·d·d, row-major blocks).
    private let localMatrixStorage: [Double]
    /// b_1, …, b_p stored back to back (p·d).
    private let localVectorStorage: [Double]

    /// A_i as a matrix.
    public func localMatrix(_ i: Int) -> Matrix {
        let dd = dimension * dimension
        return Matrix(rows: dimension, cols: dimension, storage: Array(localMatrixStorage[(i * dd)..<((i + 1) * dd)]))
    }

    /// Builds `quadratic` from a spec (defaults d = 10, μ = 1, L = 10μ; κ = L/μ instead of L).
    public init(_ spec: ProblemSpec) throws {
        try spec.refuse(["dataPath", "lambda", "samplesPerWorker", "totalSamples", "split", "labelFlip", "hidden"] + ProblemSpec.worstCaseOnly + ProblemSpec.logCoshOnly,
                        reason: "the quadratic is synthetic and has no data rows or regulariser")
        let d = try spec.positiveCount("dimension", spec.dimension, default: 10)
        let p = try spec.positiveCount("workers", spec.workers, default: 1)
        let (mu, l) = try QuadraticProblem.resolveSpectrumEnds(spec)
        guard d >= 2 || mu == l else {
            throw ProblemError.invalidParameter(parameter: "dimension", value: "1", expected: "at least 2 when μ < L")
        }
        try spec.requireNonNegative("zeta", spec.zeta)
        try spec.requireNonNegative("noise", spec.noise)
        let h = spec.curvatureHeterogeneity
        guard h.isFinite, h >= 0, h < 1 else {
            throw ProblemError.invalidParameter(parameter: "curvature-heterogeneity", value: "\(h)", expected: "a number in [0, 1)")
        }
        let s = spec.hessianSpread
        guard s.isFinite, s >= 0, s < 1, s + h / 2 < 1 else {
            throw ProblemError.invalidParameter(parameter: "hessian-spread", value: "\(s)", expected: "a number in [0, 1) with hessian-spread + curvature-heterogeneity/2 < 1")
        }
        if p == 1 {
            try spec.refuse(["zeta", "curvatureHeterogeneity", "hessianSpread"], reason: "heterogeneity needs at least 2 workers")
        }

        let lambdas = QuadraticProblem.spectrum(d: d, mu: mu, l: l, spacing: spec.spacing)
        var basisStream = RandomStream(seed: spec.seed, stream: 0, purpose: .data)
        let q = try Orthogonal.random(d, using: &basisStream)
        var a = BLAS.gemm(q, Matrix(rows: d, cols: d, storage: (0..<(d * d)).map { q[$0 / d, $0 % d] * lambdas[$0 % d] }),
                          transposeB: true)
        a = a.symmetrised
        var vectorStream = RandomStream(seed: spec.seed, stream: 1, purpose: .data)
        let b = (0..<d).map { _ in vectorStream.nextGaussian() }

        var heterogeneityStream = RandomStream(seed: spec.seed, stream: 2, purpose: .data)
        var deltas = (0..<(p * d)).map { _ in heterogeneityStream.nextGaussian() }
        for j in 0..<d {
            let mean = (0..<p).reduce(0.0) { $0 + deltas[$1 * d + j] } / Double(p)
            for i in 0..<p { deltas[i * d + j] -= mean }
        }
        let spread = (deltas.reduce(0.0) { $0 + $1 * $1 } / Double(p)).squareRoot()
        let deltaScale = spec.zeta == 0 || spread == 0 ? 0 : spec.zeta / spread
        localVectorStorage = (0..<(p * d)).map { b[$0 % d] + deltaScale * deltas[$0] }

        var local = [Double](repeating: 0, count: p * d * d)
        var symmetricStream = RandomStream(seed: spec.seed, stream: 3, purpose: .data)
        let shapes = (0..<p).map { _ -> Matrix in
            var g = Matrix(rows: d, cols: d)
            for k in 0..<(d * d) { g.storage[k] = symmetricStream.nextGaussian() }
            return g.symmetrised
        }
        var centred = shapes
        for k in 0..<(d * d) {
            let mean = shapes.reduce(0.0) { $0 + $1.storage[k] } / Double(p)
            for i in 0..<p { centred[i].storage[k] -= mean }
        }
        let largest = try centred.map { m -> Double in
            let e = try SymmetricEigen(m)
            return Swift.max(abs(e.min), abs(e.max))
        }.max() ?? 0
        let curvatureScale = h == 0 || largest == 0 ? 0 : h * (mu / 2) / largest
        for i in 0..<p {
            for k in 0..<(d * d) { local[i * d * d + k] = a.storage[k] + curvatureScale * centred[i].storage[k] }
        }
        if s > 0 {
            var spreadStream = RandomStream(seed: spec.seed, stream: 4, purpose: .data)
            var u = (0..<(p * d)).map { _ in 2 * spreadStream.nextUniform() - 1 }
            for j in 0..<d {
                let mean = (0..<p).reduce(0.0) { $0 + u[$1 * d + j] } / Double(p)
                for i in 0..<p { u[i * d + j] -= mean }
            }
            let largestU = u.map(abs).max() ?? 0
            for i in 0..<p where largestU > 0 {
                let shift = (0..<d).map { s * lambdas[$0] * u[i * d + $0] / largestU }
                let term = BLAS.gemm(q, Matrix(rows: d, cols: d, storage: (0..<(d * d)).map { q[$0 / d, $0 % d] * shift[$0 % d] }),
                                     transposeB: true).symmetrised
                for k in 0..<(d * d) { local[i * d * d + k] += term.storage[k] }
            }
        }
        localMatrixStorage = local

        let spectrum = try SymmetricEigen(a)
        dimension = d
        workerCount = p
        eigenvalues = lambdas
        eigenbasis = q
        matrix = a
        vector = b
        noise = spec.noise
        smoothness = spectrum.max
        curvature = .stronglyConvex(mu: spectrum.min)
    }

    /// (μ, L) from the spec's μ, L and κ, with their consistency checks.
    private static func resolveSpectrumEnds(_ spec: ProblemSpec) throws -> (Double, Double) {
        let mu = spec.mu ?? 1
        guard mu.isFinite, mu > 0 else {
            throw ProblemError.invalidParameter(parameter: "mu", value: "\(mu)", expected: "a finite number > 0")
        }
        if spec.L != nil && spec.kappa != nil {
            throw ProblemError.invalidParameter(
                parameter: "kappa", value: "\(spec.kappa!)", expected: "either L or kappa, not both")
        }
        if let kappa = spec.kappa {
            guard kappa.isFinite, kappa >= 1 else {
                throw ProblemError.invalidParameter(parameter: "kappa", value: "\(kappa)", expected: "a finite number ≥ 1")
            }
            return (mu, kappa * mu)
        }
        let l = spec.L ?? 10 * mu
        guard l.isFinite, l >= mu else {
            throw ProblemError.invalidParameter(parameter: "L", value: "\(l)", expected: "a finite number ≥ mu = \(mu)")
        }
        return (mu, l)
    }

    /// The d eigenvalues for `spacing`, ascending, with λ_0 = μ and λ_{d−1} = L exactly.
    public static func spectrum(d: Int, mu: Double, l: Double, spacing: SpectrumSpacing) -> [Double] {
        guard d > 1 else { return [mu] }
        return (0..<d).map { j in
            if j == 0 { return mu }
            if j == d - 1 { return l }
            let fraction = Double(j) / Double(d - 1)
            switch spacing {
            case .linear: return mu + (l - mu) * fraction
            case .geometric: return mu * pow(l / mu, fraction)
            case .worstCase: return j < (d + 1) / 2 ? mu : l
            }
        }
    }

    // MARK: - Problem

    public func value(_ x: UnsafeBufferPointer<Double>) -> Double {
        matrix.storage.withUnsafeBufferPointer { a in vector.withUnsafeBufferPointer { b in
            QuadraticProblem.quadraticValue(a.baseAddress!, b.baseAddress!, x.baseAddress!, dimension)
        } }
    }

    public func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        matrix.storage.withUnsafeBufferPointer { a in vector.withUnsafeBufferPointer { b in
            QuadraticProblem.quadraticGradient(a.baseAddress!, b.baseAddress!, x.baseAddress!, g.baseAddress!, dimension)
        } }
    }

    public func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double {
        let d = dimension
        return localMatrixStorage.withUnsafeBufferPointer { a in localVectorStorage.withUnsafeBufferPointer { b in
            QuadraticProblem.quadraticValue(a.baseAddress! + i * d * d, b.baseAddress! + i * d, x.baseAddress!, d)
        } }
    }

    public func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        localMatrixStorage.withUnsafeBufferPointer { a in localVectorStorage.withUnsafeBufferPointer { b in
            QuadraticProblem.quadraticGradient(a.baseAddress! + i * d * d, b.baseAddress! + i * d, x.baseAddress!, g.baseAddress!, d)
        } }
    }

    /// ∇f_i(x) + (σ/√(d·B))·z, z ~ N(0, I_d) from `rng` (E‖noise‖² = σ²/B). Allocation-free.
    public func stochasticGradient(
        worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int,
        rng: inout RandomStream, into g: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(batchSize >= 1, "stochasticGradient: batchSize must be at least 1")
        localGradient(worker: i, x, into: g)
        guard noise > 0 else { return }
        let scale = noise / (Double(dimension) * Double(batchSize)).squareRoot()
        for j in 0..<dimension { g[j] += scale * rng.nextGaussian() }
    }

    /// ∇²f = A.
    public func hessian(at x: [Double]) -> Matrix { matrix }

    /// ½ xᵀAx − bᵀx for a d × d row-major A.
    private static func quadraticValue(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ d: Int
    ) -> Double {
        var total = 0.0
        for r in 0..<d {
            var ax = 0.0
            for c in 0..<d { ax += a[r * d + c] * x[c] }
            total += x[r] * (0.5 * ax - b[r])
        }
        return total
    }

    /// g ← A x − b.
    private static func quadraticGradient(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
        _ g: UnsafeMutablePointer<Double>, _ d: Int
    ) {
        for r in 0..<d {
            var ax = 0.0
            for c in 0..<d { ax += a[r * d + c] * x[c] }
            g[r] = ax - b[r]
        }
    }
}

extension ProblemSpec {
    /// σ of the quadratic's stochastic gradient oracle, which only minibatch gradients (batch ≥ 1) draw;
    /// 0 for every other problem (there `noise` is label noise, part of the data, or refused).
    public var oracleNoise: Double { name == "quadratic" ? noise : 0 }
}
