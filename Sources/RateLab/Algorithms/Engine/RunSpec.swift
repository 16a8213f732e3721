import RateLabSimulation
import RateLabTopology

/// Everything that defines a simulated run besides the problem: the method, its parameters, the
/// network, checkpoints and the seed. A run is a pure function of (problem, RunSpec).
public struct RunSpec: Codable, Equatable, Sendable {
    /// How τ evolves over rounds for `ada-local-sgd`.
    public enum AdaptiveRule: Codable, Equatable, Sendable {
        /// The theorem's rule τ_i = ⌈(F(x̄₀)/F(x̄_i))^{1/3}⌉·τ₀ on the certified gap F = f − f* ≥ 0.
        case paper
        /// The same rule on the poster's F = f − min(0, f*) (the loss itself when f* ≥ 0): with f* far
        /// above 0 the ratio stays below 8 and τ_i ends at most at 2τ₀.
        case poster
        /// The paper's experiment: τ_i = ⌈(1 + α i)·τ₀⌉.
        case linear(alpha: Double)
    }

    /// The starting point shared by all workers.
    public enum Initialization: Codable, Equatable, Sendable {
        /// The problem's `referencePoint`: the origin, or a seeded non-degenerate point where the
        /// origin is a saddle (the two-layer network).
        case reference
        /// x⁰ = 0.
        case zero
        /// x⁰ ~ N(0, s² I), seeded by the run.
        case gaussian(scale: Double)

        /// Parses `reference`, `zero` or `gaussian:S` (S ≥ 0, the standard deviation of every coordinate).
        public init(parsing text: String) throws {
            let fields = text.split(separator: ":", omittingEmptySubsequences: false)
            if fields == ["reference"] { self = .reference; return }
            if fields == ["zero"] { self = .zero; return }
            if fields.count == 2, fields[0] == "gaussian", let scale = Double(fields[1]), scale >= 0, scale.isFinite {
                self = .gaussian(scale: scale)
                return
            }
            throw SpecError.invalid(parameter: "init", value: text,
                                    expected: "reference, zero or gaussian:S with a scale S ≥ 0, e.g. gaussian:0.1")
        }
    }

    /// The method, by name (built-in or registered: `MethodCatalog`).
    public var algorithm: AlgorithmKind
    /// T: iterations of a synchronous method; for an asynchronous one the budget is p·T gradient
    /// evaluations in total and "iteration" means evaluations / p.
    public var steps: Int = 1000
    /// Minibatch size B; 0 means exact local gradients ∇f_i.
    public var batchSize: Int = 0
    public var stepSize: StepSchedule = .constant(0.1)
    /// τ for `local-sgd`, τ₀ for `ada-local-sgd` and `adacomm`.
    public var tau: Int = 1
    public var adaptiveRule: AdaptiveRule = .paper
    /// Communication graph (pull and push graph for `rfast` and `push-pull`).
    public var topology: TopologyKind = .ring
    /// Push graph G_C of `rfast`/`push-pull` when it differs from `topology` (the pull graph G_R);
    /// a pair without a common root is refused unless `breakCommonRoot` is set.
    public var pushTopology: TopologyKind? = nil
    /// Accept (with `pushTopology`) or build (without it) a graph pair without a common root:
    /// an experiment that is expected to fail.
    public var breakCommonRoot: Bool = false
    /// The order of R-FAST's steps: the papers' (default) or the legacy ablation (`RFASTVariant`).
    public var rfastVariant: RFASTVariant = .paper
    public var compute: ComputeModel = ComputeModel()
    public var network: NetworkModel = NetworkModel()
    /// OSGP: a worker may run this many of its iterations ahead of a message still in flight to it.
    public var staleness: Int = 1
    public var initialization: Initialization = .reference
    /// Record metrics every K iterations (and at the end).
    public var checkpointEvery: Int = 10
    /// A run whose gap exceeds this factor times max(1, initial gap), or that turns non-finite, is diverged.
    public var divergenceFactor: Double = 1e8
    public var seed: UInt64 = 1

    public init(algorithm: AlgorithmKind) { self.algorithm = algorithm }

    /// Largest T, τ, checkpoint spacing, staleness and batch (so that p·T and every count fit an Int).
    public static let maxSteps = 1_000_000_000
    /// Most checkpoints a run records (T / K): each is kept in memory and written to the CSV.
    public static let maxCheckpoints = 1_000_000

    /// Refuses impossible values with the parameter named.
    public func validate(workers p: Int) throws {
        func bad(_ name: String, _ value: Any, _ expected: String) -> SpecError {
            .invalid(parameter: name, value: "\(value)", expected: expected)
        }
        let most = RunSpec.maxSteps
        guard p >= 1 else { throw bad("--workers", p, "an integer ≥ 1") }
        guard (1...most).contains(steps) else { throw bad("--steps", steps, "an integer in 1…\(most)") }
        guard (0...most).contains(batchSize) else { throw bad("--batch", batchSize, "an integer in 0…\(most) (0 = exact gradients)") }
        guard (1...most).contains(tau) else { throw bad("--tau", tau, "an integer in 1…\(most)") }
        guard (1...most).contains(checkpointEvery) else { throw bad("--every", checkpointEvery, "an integer in 1…\(most)") }
        guard steps / checkpointEvery <= RunSpec.maxCheckpoints else {
            throw bad("--every", checkpointEvery, "at least \(steps / RunSpec.maxCheckpoints) for \(steps) steps (at most \(RunSpec.maxCheckpoints) checkpoints per run)")
        }
        guard (0...most).contains(staleness) else { throw bad("--staleness", staleness, "an integer in 0…\(most)") }
        if adaptiveRule == .poster, algorithm != .adaLocalSGD {
            throw SpecError.incompatible("--ada-loss applies only to --algorithm ada-local-sgd, not \(algorithm.rawValue)")
        }
        if case let .linear(alpha) = adaptiveRule {
            guard algorithm == .adaLocalSGD else {
                throw SpecError.incompatible("--tau-growth applies only to --algorithm ada-local-sgd, not \(algorithm.rawValue)")
            }
            guard alpha >= 0 else { throw bad("--tau-growth", alpha, "α ≥ 0") }
        }
        if rfastVariant != .paper, algorithm != .rfast {
            throw SpecError.incompatible("--rfast-variant applies only to --algorithm rfast, not \(algorithm.rawValue)")
        }
        if case let .gaussian(s) = initialization, !(s >= 0 && s.isFinite) { throw bad("--init", s, "a scale ≥ 0") }
        try compute.stragglers.validate(workerCount: p)
        try network.validate()
    }
}

extension RunSpec.AdaptiveRule {
    /// `gap` (the theorem's F = f − f*: `.paper`) or `value` (the poster's F = f − min(0, f*): `.poster`).
    public init(adaLoss text: String) throws {
        switch text {
        case "gap": self = .paper
        case "value": self = .poster
        default: throw SpecError.invalid(parameter: "--ada-loss", value: text, expected: "gap or value")
        }
    }
}
