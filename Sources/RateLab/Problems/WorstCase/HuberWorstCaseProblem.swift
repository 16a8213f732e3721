import RateLabLinalg

/// The one-dimensional Huber function on which gradient descent with step 1/L is slowest after N steps
/// from distance R (Drori & Teboulle 2014, the tight worst case of the smooth convex class):
///
///     f(x) = (L R/(2N+1))·|x| − L R²/(2(2N+1)²)    for |x| ≥ t = R/(2N+1),
///     f(x) = (L/2)·x²                              for |x| < t,
///
/// so f is convex and L-smooth (f′ is continuous at ±t, with slope ≤ L), x* = 0 and f* = 0. GD from
/// x₀ = R (the reference point) moves by exactly t per step while |x| ≥ t, so x_N = R(N+1)/(2N+1) ≥ t and
///
///     f(x_N) − f* = L R/(2N+1) · R(N+1)/(2N+1) − L R²/(2(2N+1)²) = L R²/(4N+2).
///
/// Every worker holds the same f (f_i = f); the oracle is exact (the stochastic gradient is ∇f). Keys:
/// `L` (> 0, default 1), `radius` R (> 0, default 1), `horizon` N (≥ 1, required). x is dimensionless.
public final class HuberWorstCaseProblem: Problem {
    public let name = "huber-worst-case"
    public let dimension = 1
    public let workerCount: Int
    /// L, the smoothness constant (the curvature of the quadratic piece).
    public let smoothness: Double
    /// Convex with μ = 0: the linear pieces have no curvature.
    public let curvature: Curvature = .convex
    /// R = |x₀ − x*|, the starting distance.
    public let radius: Double
    /// N, the number of GD steps the function is the worst case for.
    public let horizon: Int
    /// t = R/(2N+1): the kink between the quadratic and the linear pieces.
    public let threshold: Double

    /// Builds `huber-worst-case` from a spec; refuses every key but `L`, `radius`, `horizon`, `workers`.
    public init(_ spec: ProblemSpec) throws {
        try spec.refuse(["dataPath", "lambda", "dimension", "samplesPerWorker", "totalSamples", "split", "mu", "kappa", "spacing", "zeta",
                         "curvatureHeterogeneity", "hessianSpread", "noise", "labelFlip", "hidden"] + ProblemSpec.logCoshOnly,
                        reason: "the Huber worst case is fixed by L, radius and horizon")
        workerCount = try spec.positiveCount("workers", spec.workers, default: 1)
        smoothness = spec.L ?? 1
        guard smoothness.isFinite, smoothness > 0 else {
            throw ProblemError.invalidParameter(parameter: "L", value: "\(smoothness)", expected: "a finite number > 0")
        }
        radius = spec.radius ?? 1
        guard radius.isFinite, radius > 0 else {
            throw ProblemError.invalidParameter(parameter: "radius", value: "\(radius)", expected: "a finite distance > 0")
        }
        guard let n = spec.horizon else {
            throw ProblemError.invalidParameter(parameter: "horizon", value: "(missing)", expected: "the number of GD steps N ≥ 1")
        }
        horizon = try spec.positiveCount("horizon", n, default: n)
        threshold = radius / Double(2 * horizon + 1)
    }

    /// x₀ = R: the start the worst case is built for.
    public var referencePoint: [Double] { [radius] }

    /// N and R, for a claim's expressions (`steps: N`, `expected: L*R^2/(4*N+2)`).
    public var namedConstants: [String: Double] { ["N": Double(horizon), "R": radius] }

    /// f at a scalar x.
    public func value(at x: Double) -> Double {
        let a = abs(x)
        return a >= threshold ? smoothness * threshold * a - smoothness * threshold * threshold / 2 : smoothness / 2 * x * x
    }

    /// f′ at a scalar x: L·t·sign(x) on the linear pieces, L·x on the quadratic one.
    public func derivative(at x: Double) -> Double {
        abs(x) >= threshold ? (x < 0 ? -1 : 1) * smoothness * threshold : smoothness * x
    }

    public func value(_ x: UnsafeBufferPointer<Double>) -> Double { value(at: x[0]) }

    public func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        g[0] = derivative(at: x[0])
    }

    public func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double { value(at: x[0]) }

    public func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        g[0] = derivative(at: x[0])
    }

    /// The exact gradient: the worst case is a deterministic construction.
    public func stochasticGradient(
        worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int,
        rng: inout RandomStream, into g: UnsafeMutableBufferPointer<Double>
    ) {
        g[0] = derivative(at: x[0])
    }
}
