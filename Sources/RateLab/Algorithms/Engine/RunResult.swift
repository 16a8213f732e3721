import RateLabOptimum

/// Metrics of a run at one checkpoint (the standard CSV columns).
public struct Checkpoint: Codable, Hashable, Sendable {
    /// Iterations (synchronous) or gradient evaluations / p (asynchronous).
    public var iteration: Int
    /// Simulated seconds.
    public var simTime: Double
    /// Minibatch (or full local) gradient evaluations summed over workers.
    public var gradEvals: Int
    /// Communication rounds (collectives; for asynchronous methods, communication actions / p).
    public var rounds: Int
    public var messages: Int
    public var dropped: Int
    public var bytes: Int
    /// f(x̄) − f*.
    public var gap: Double
    /// ‖∇f(x̄)‖².
    public var gradNormSq: Double
    /// ‖x̄ − x*‖².
    public var distSq: Double
    /// (1/p) Σ_i ‖x_i − x̄‖².
    public var consensus: Double
}

/// How a run ended.
public enum RunStatus: Codable, Hashable, Sendable, CustomStringConvertible {
    case completed
    /// Non-finite values or a gap beyond the blow-up threshold at `iteration`.
    case diverged(iteration: Int, reason: String)
    /// Stopped at the checkpoint at `iteration` on request (Ctrl-C), before its last step.
    case interrupted(iteration: Int)

    public var isDiverged: Bool { if case .diverged = self { return true } else { return false } }

    /// "completed", "diverged" or "interrupted" (the status column of trajectories and the sidecar's status).
    public var name: String {
        switch self {
        case .completed: return "completed"
        case .diverged: return "diverged"
        case .interrupted: return "interrupted"
        }
    }

    public var description: String {
        switch self {
        case .completed: return "completed"
        case let .diverged(iteration, reason): return "diverged at iteration \(iteration): \(reason)"
        case let .interrupted(iteration): return "interrupted at iteration \(iteration)"
        }
    }
}

/// The trajectory of one run.
public struct RunResult: Codable, Sendable {
    public var checkpoints: [Checkpoint]
    public var status: RunStatus
    /// Averaging periods τ_i actually used (local-SGD family), in order.
    public var periods: [Int]
    /// x̄ at the end.
    public var finalAverage: [Double]

    /// The first checkpoint whose gap is ≤ target, if any.
    public func firstReaching(gap target: Double) -> Checkpoint? { checkpoints.first { $0.gap <= target } }
}

/// The true optimum a run is measured against.
public struct Reference: Sendable {
    public var fStar: Double
    public var xStar: [Double]
    public init(fStar: Double, xStar: [Double]) { self.fStar = fStar; self.xStar = xStar }
}

extension Reference {
    /// The certified optimum's f* and x*.
    public init(_ certificate: OptimumCertificate) {
        self.init(fStar: certificate.fStar, xStar: certificate.xStar)
    }
}
