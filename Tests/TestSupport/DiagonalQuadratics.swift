import RateLab

/// A test problem with a closed-form optimum, independent of the library's problem builders:
/// f_i(x) = ½ Σ_k a_ik (x_k − c_ik)², so x*_k = Σ_i a_ik c_ik / Σ_i a_ik and
/// f* = (1/p) Σ_i f_i(x*). Heterogeneous when the c_i differ; σ adds Gaussian gradient noise with
/// E‖noise‖² = σ²/B.
public final class DiagonalQuadratics: Problem, @unchecked Sendable {
    public let name = "diagonal-quadratics"
    public let dimension: Int
    public let workerCount: Int
    public let curvatures: [[Double]]
    public let centres: [[Double]]
    public let sigma: Double

    public init(workers p: Int, dimension d: Int, heterogeneity: Double, sigma: Double = 0, seed: UInt64 = 5) {
        var rng = RandomStream(seed: seed, purpose: .data)
        workerCount = p
        dimension = d
        curvatures = (0..<p).map { _ in (0..<d).map { _ in 0.5 + 1.5 * rng.nextUniform() } }
        centres = (0..<p).map { _ in (0..<d).map { _ in 1 + heterogeneity * rng.nextGaussian() } }
        self.sigma = sigma
    }

    public var smoothness: Double {
        (0..<dimension).map { k in curvatures.map { $0[k] }.reduce(0, +) / Double(workerCount) }.max()!
    }
    public var curvature: Curvature {
        .stronglyConvex(mu: (0..<dimension).map { k in curvatures.map { $0[k] }.reduce(0, +) / Double(workerCount) }.min()!)
    }

    /// The closed-form minimiser.
    public var optimum: [Double] {
        (0..<dimension).map { k in
            (0..<workerCount).map { curvatures[$0][k] * centres[$0][k] }.reduce(0, +)
                / (0..<workerCount).map { curvatures[$0][k] }.reduce(0, +)
        }
    }

    public var reference: Reference {
        let x = optimum
        return Reference(fStar: value(x), xStar: x)
    }

    public func value(_ x: UnsafeBufferPointer<Double>) -> Double {
        (0..<workerCount).map { localValue(worker: $0, x) }.reduce(0, +) / Double(workerCount)
    }

    public func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<dimension {
            var s = 0.0
            for i in 0..<workerCount { s += curvatures[i][k] * (x[k] - centres[i][k]) }
            g[k] = s / Double(workerCount)
        }
    }

    public func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for k in 0..<dimension { let t = x[k] - centres[i][k]; s += 0.5 * curvatures[i][k] * t * t }
        return s
    }

    public func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<dimension { g[k] = curvatures[i][k] * (x[k] - centres[i][k]) }
    }

    public func stochasticGradient(
        worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int,
        rng: inout RandomStream, into g: UnsafeMutableBufferPointer<Double>
    ) {
        localGradient(worker: i, x, into: g)
        let s = sigma / (Double(dimension * max(1, batchSize))).squareRoot()
        for k in 0..<dimension { g[k] += s * rng.nextGaussian() }
    }
}
