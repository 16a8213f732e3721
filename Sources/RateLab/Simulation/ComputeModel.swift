import RateLabLinalg

/// How long each worker takes for one minibatch gradient: a base distribution times a straggler factor.
public struct ComputeModel: Equatable, Sendable, Codable {
    /// Base time per gradient, seconds.
    public var distribution: ComputeDistribution
    /// Slow workers and their slowdown.
    public var stragglers: StragglerModel

    /// A model with the given base distribution (default: 1 s per gradient) and stragglers (default: none).
    public init(distribution: ComputeDistribution = .constant(1), stragglers: StragglerModel = .none) {
        self.distribution = distribution
        self.stragglers = stragglers
    }

    /// One gradient's compute time on `worker`, in seconds: T · F with T drawn from `distribution` and F the
    /// straggler factor, both from `rng` in that order (so E[time] = mean · E[F]).
    public func sampleTime(worker: Int, workerCount: Int, rng: inout RandomStream) -> Double {
        let base = distribution.sample(rng: &rng)
        return base * stragglers.factor(worker: worker, workerCount: workerCount, rng: &rng)
    }
}
