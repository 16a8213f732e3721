import RateLabLinalg

/// What kind of lower curvature a problem guarantees, with the constant μ it comes with.
public enum Curvature: Equatable, Sendable, CustomStringConvertible {
    /// f(y) ≥ f(x) + ∇f(x)ᵀ(y − x) + (μ/2)‖y − x‖² for all x, y.
    case stronglyConvex(mu: Double)
    /// Polyak–Łojasiewicz: ½‖∇f(x)‖² ≥ μ (f(x) − f*) for all x (nonconvex allowed).
    case polyakLojasiewicz(mu: Double)
    /// f(y) ≥ f(x) + ∇f(x)ᵀ(y − x) for all x, y, with no positive μ (e.g. the Huber worst case).
    case convex
    /// No global lower curvature: the metric is ‖∇f‖².
    case nonconvex

    /// μ, or nil for `.nonconvex`. A strongly convex function is also PL with the same μ.
    public var mu: Double? {
        switch self {
        case let .stronglyConvex(mu), let .polyakLojasiewicz(mu): return mu
        case .convex, .nonconvex: return nil
        }
    }

    public var description: String {
        switch self {
        case let .stronglyConvex(mu): return "strongly convex (μ = \(mu))"
        case let .polyakLojasiewicz(mu): return "PL (μ = \(mu))"
        case .convex: return "convex (μ = 0)"
        case .nonconvex: return "nonconvex"
        }
    }
}

/// A smooth objective split across p workers, f(x) = (1/p) Σ_i f_i(x), x ∈ ℝᵈ.
///
/// Every algorithm reaches the problem only through this protocol. Vectors are passed as raw
/// buffers so that worker states can live in one contiguous p × d block and the per-step path
/// allocates nothing. Implementations are immutable after construction (safe to share across
/// threads); all randomness comes in through the caller's `RandomStream`.
public protocol Problem: AnyObject, Sendable {
    /// The CLI name, e.g. `logistic`.
    var name: String { get }
    /// Where the data came from, for messages: the data file, or a description of synthetic data.
    var dataSource: String { get }
    /// The fewest data rows a worker owns (the largest useful minibatch), or nil for an oracle
    /// without a finite sum (the quadratic's noise).
    var fewestWorkerRows: Int? { get }
    /// d, the number of variables.
    var dimension: Int { get }
    /// p, the number of workers the objective is split across.
    var workerCount: Int { get }
    /// L: ‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖ (for the global f; computed from eigenvalues, not guessed).
    var smoothness: Double { get }
    /// The lower-curvature guarantee and its μ.
    var curvature: Curvature { get }
    /// A fixed, seeded point that is not degenerate for the problem (solvers start there, and
    /// scaled gradient norms use ‖∇f(referencePoint)‖); the origin unless a problem says otherwise.
    var referencePoint: [Double] { get }
    /// Constants of the problem's construction that a claim's expressions may use by name (e.g. N and R
    /// of `huber-worst-case`); empty unless a problem says otherwise.
    var namedConstants: [String: Double] { get }

    /// f(x).
    func value(_ x: UnsafeBufferPointer<Double>) -> Double
    /// g ← ∇f(x).
    func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>)
    /// f_i(x) for worker i.
    func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double
    /// g ← ∇f_i(x).
    func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>)
    /// g ← an unbiased minibatch estimate of ∇f_i(x) with `batchSize` samples, drawn from `rng`
    /// (E g = ∇f_i(x)). Allocation-free.
    func stochasticGradient(
        worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int,
        rng: inout RandomStream, into g: UnsafeMutableBufferPointer<Double>)
}

extension Problem {
    /// "synthetic": the default data source (problems read from files say which).
    public var dataSource: String { "synthetic" }

    /// nil: no finite sum (problems with data rows say how many).
    public var fewestWorkerRows: Int? { nil }

    /// The origin: the default reference point.
    public var referencePoint: [Double] { [Double](repeating: 0, count: dimension) }

    /// None: the default.
    public var namedConstants: [String: Double] { [:] }

    /// f(x) for an array.
    public func value(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { value($0) } }

    /// ∇f(x) for an array.
    public func gradient(_ x: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: dimension)
        x.withUnsafeBufferPointer { xp in g.withUnsafeMutableBufferPointer { gradient(xp, into: $0) } }
        return g
    }

    /// f_i(x) for an array.
    public func localValue(worker i: Int, _ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { localValue(worker: i, $0) }
    }

    /// ∇f_i(x) for an array.
    public func localGradient(worker i: Int, _ x: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: dimension)
        x.withUnsafeBufferPointer { xp in g.withUnsafeMutableBufferPointer { localGradient(worker: i, xp, into: $0) } }
        return g
    }

    /// Heterogeneity at a point: ζ² = (1/p) Σ_i ‖∇f_i(x)‖², evaluated at x = x* by callers.
    public func heterogeneity(at x: [Double]) -> Double {
        var total = 0.0
        for i in 0..<workerCount {
            let g = localGradient(worker: i, x)
            total += BLAS.dot(g, g)
        }
        return total / Double(workerCount)
    }
}

/// A problem that can also give its Hessian ∇²f(x) (d × d, symmetric) — exactly, or for problems
/// that say so in their documentation, by finite differences of the gradient.
public protocol TwiceDifferentiableProblem: Problem {
    /// ∇²f(x) as a symmetric d × d row-major matrix.
    func hessian(at x: [Double]) -> Matrix
    /// ∇²f(x)·v; problems with structure compute it without forming ∇²f.
    func hessianVector(at x: [Double], _ v: [Double]) -> [Double]
}

extension TwiceDifferentiableProblem {
    /// ∇²f(x)·v through the full Hessian.
    public func hessianVector(at x: [Double], _ v: [Double]) -> [Double] { BLAS.gemv(hessian(at: x), v) }
}
