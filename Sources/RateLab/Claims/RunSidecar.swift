import RateLabAlgorithms
import RateLabOptimum
import RateLabProblems

/// The JSON sidecar of a `ratelab run` CSV (`<csv>.json`): everything needed to reproduce and read
/// the run — problem and run specs, seed, RateLab version and git commit, the certified optimum's
/// constants — and its outcome with the final metrics.
///
/// Encoded with snake_case keys; the nested `problem` and `run` specs keep their own field names.
public struct RunSidecar: Codable, Equatable, Sendable {
    /// The certified optimum the run was measured against.
    public struct OptimumSummary: Codable, Equatable, Sendable {
        /// f* = f(x*).
        public var fStar: Double
        /// ‖∇f(x*)‖₂ (the certificate's stationarity).
        public var gradNorm: Double
        /// Smoothness constant L of f.
        public var L: Double
        /// Strong-convexity or PL constant μ; nil for a nonconvex problem.
        public var mu: Double?
        /// How x* was computed.
        public var solver: String

        private enum CodingKeys: String, CodingKey {
            case fStar = "f_star", gradNorm = "grad_norm", L, mu, solver
        }
    }

    /// When the run first reached a requested gap (`--target`).
    public struct TargetReached: Codable, Equatable, Sendable {
        /// The requested gap f(x̄) − f*.
        public var gap: Double
        /// First checkpoint iteration with gap ≤ target; nil if never reached.
        public var iteration: Int?
        /// Simulated seconds at that checkpoint; nil if never reached.
        public var simTime: Double?

        private enum CodingKeys: String, CodingKey { case gap, iteration, simTime = "sim_time" }
    }

    /// RateLab's version (`RateLabVersion.string`).
    public var version: String
    /// The git commit of the build, when known (`RateLabVersion.gitCommit`).
    public var gitCommit: String?
    /// The seed of the run (also the problem's data seed).
    public var seed: UInt64
    /// The problem as specified on the command line.
    public var problem: ProblemSpec
    /// The method, network and checkpoint parameters of the run.
    public var run: RunSpec
    /// The certified optimum's f*, ‖∇f(x*)‖, L, μ and solver.
    public var optimum: OptimumSummary
    /// `completed` or `diverged`.
    public var status: String
    /// The iteration at which the run was stopped as diverged (nil when completed).
    public var divergedAt: Int?
    /// Why the run was stopped as diverged (nil when completed).
    public var divergenceReason: String?
    /// Metrics at the last checkpoint (see `TrajectoryCSV` for the units).
    public var final: Checkpoint?
    /// The `--target` outcome, when one was asked for.
    public var target: TargetReached?

    private enum CodingKeys: String, CodingKey {
        case version, gitCommit = "git_commit", seed, problem, run, optimum, status
        case divergedAt = "diverged_at", divergenceReason = "divergence_reason", final, target
    }

    /// The sidecar of `result`, a run of `run` on the problem `problem` measured against `certificate`;
    /// `target` is the gap asked for with `--target`, if any.
    public init(problem: ProblemSpec, run: RunSpec, certificate: OptimumCertificate, result: RunResult, target: Double?) {
        version = RateLabVersion.string
        gitCommit = RateLabVersion.gitCommit
        seed = run.seed
        self.problem = problem
        self.run = run
        optimum = OptimumSummary(fStar: certificate.fStar, gradNorm: certificate.gradNorm, L: certificate.L,
                                 mu: certificate.mu, solver: certificate.solver)
        status = result.status.name
        if case let .diverged(iteration, reason) = result.status {
            divergedAt = iteration
            divergenceReason = reason
        }
        final = result.checkpoints.last
        self.target = target.map { gap in
            let reached = result.firstReaching(gap: gap)
            return TargetReached(gap: gap, iteration: reached?.iteration, simTime: reached?.simTime)
        }
    }

    /// Where the sidecar of the CSV at `csvPath` goes: `<csvPath>.json`.
    public static func path(forCSV csvPath: String) -> String { csvPath + ".json" }
}
