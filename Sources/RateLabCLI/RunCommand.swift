import ArgumentParser
import Foundation
import RateLab

/// `ratelab run`: simulates one algorithm on one problem over the simulated network, measured against
/// the certified optimum, and prints a short summary; with `--csv` it also writes the trajectory
/// (`TrajectoryCSV`, labels `labelColumns`: problem, algorithm, workers, topology, tau, batch, lr, seed) and its JSON sidecar (`<csv>.json`) atomically.
///
/// Exit status: 0 completed, 3 diverged (after writing the CSV), 2 bad input (nothing written),
/// 1 a failed computation (LAPACK, solver, I/O).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Simulate one distributed optimization run and record its trajectory.",
        usage: "\(RateLabCommand.executableName) run --problem <problem> --algorithm <algorithm> [<options>]")

    /// The library's defaults, shown by `--help` (the algorithm has none: it is required).
    private static let defaults = RunSpec(algorithm: .localSGD)

    @OptionGroup var problemOptions: ProblemOptions
    @OptionGroup var optimumCache: OptimumCacheOption

    @Option(help: "Algorithm (see `ratelab list`).") var algorithm: String
    @Option(parsing: .unconditional, help: "Iterations T (asynchronous methods: p·T gradient evaluations).")
    var steps: Int = defaults.steps
    @Option(parsing: .unconditional, help: "Minibatch size B (0 = exact local gradients).") var batch: Int = defaults.batchSize
    @Option(parsing: .unconditional, help: "Step size: 0.05, const:0.05, inv:A:B (η_t = A/(t+B)) or sqrt:C (η = C/√T).")
    var lr: String = defaults.stepSize.description
    @Option(parsing: .unconditional,
            help: "Averaging period τ ≥ 1 of local-sgd (τ₀ for ada-local-sgd and adacomm; default: \(defaults.tau)).")
    var tau: Int?
    @Option(parsing: .unconditional,
            help: "ada-local-sgd: linear schedule τ_i = ⌈(1 + α i)τ₀⌉ (default: the paper's cube-root rule).")
    var tauGrowth: Double?
    @Option(help: "ada-local-sgd's cube-root rule on the gap f − f* (gap, the theorem's; default) or on f (value, the poster's).")
    var adaLoss: String?
    @Option(help: "Communication graph (pull graph for rfast/push-pull; see `ratelab list`).") var topology: String = defaults.topology.description
    @Option(help: "Push graph of rfast/push-pull when it differs from --topology.") var pushTopology: String?
    @Flag(help: "rfast/push-pull: accept (or build) a graph pair without a common root, on purpose.")
    var breakCommonRoot = false
    @Option(help: "rfast: step order, paper (default: descend with the full tracker, send v_i at once) or legacy (ablation).")
    var rfastVariant: String = defaults.rfastVariant.rawValue
    @Option(help: "Compute time per gradient: const:S, exp:MEAN or lognormal:MEAN:SIGMA (seconds).") var compute: String = defaults.compute.distribution.description
    @Option(help: "Stragglers: none, FRACTION:FACTOR[:PROB] or wI,J:FACTOR[:PROB].") var stragglers: String = defaults.compute.stragglers.description
    @Option(parsing: .unconditional, help: "Link latency in seconds.") var latency: Double = defaults.network.latency
    @Option(parsing: .unconditional, help: "Link bandwidth in bytes per second.") var bandwidth: Double = defaults.network.bandwidth
    @Option(parsing: .unconditional, help: "Packet loss: none, Q in [0, 1) or ge:PGB:PBG:LOSSGOOD:LOSSBAD.")
    var loss: String = defaults.network.loss.description
    @Option(parsing: .unconditional, help: "Extra delay per message, uniform on [0, S] seconds.") var maxDelay: Double = defaults.network.maxExtraDelay
    @Option(parsing: .unconditional, help: "Retransmission timeout in seconds (synchronous collectives).") var rto: Double = defaults.network.retransmissionTimeout
    @Option(parsing: .unconditional, help: "osgp: iterations a worker may run ahead of a message in flight to it.")
    var staleness: Int = defaults.staleness
    @Option(name: .customLong("init"), help: "Initial point: reference (default: the problem's reference point, the origin except for two-layer-net), zero or gaussian:S.")
    var initialization: String?
    @Option(parsing: .unconditional, help: "Record metrics every K iterations.") var every: Int = defaults.checkpointEvery
    @Option(parsing: .unconditional,
            help: "Threads for the workers of a synchronous method (default: all cores; the result does not depend on it).")
    var threads: Int?
    @Option(parsing: .unconditional, help: "Report the first iteration and simulated time with gap f(x̄) − f* ≤ GAP.")
    var target: Double?
    @Option(help: "Write the trajectory CSV here (and its JSON sidecar to <csv>.json).") var csv: String?

    /// The run spec from the flags, checked against the problem's; throws `SpecError`, `TopologyError`
    /// or `SimulationError` naming the flag, also for a flag that has no effect (`IneffectiveSetting`).
    func runSpec(problem: ProblemSpec) throws -> RunSpec {
        var spec = RunSpec(algorithm: try AlgorithmKind(parsing: algorithm))
        spec.steps = steps
        spec.batchSize = batch
        spec.stepSize = try StepSchedule(parsing: lr, horizon: steps)
        spec.tau = tau ?? spec.tau
        if let tauGrowth { spec.adaptiveRule = .linear(alpha: tauGrowth) }
        if let adaLoss {
            guard tauGrowth == nil else { throw SpecError.incompatible("--ada-loss applies to the cube-root rule, not with --tau-growth") }
            spec.adaptiveRule = try RunSpec.AdaptiveRule(adaLoss: adaLoss)
        }
        spec.topology = try TopologyKind(parsing: topology)
        spec.pushTopology = try pushTopology.map { try TopologyKind(parsing: $0) }
        spec.breakCommonRoot = breakCommonRoot
        spec.rfastVariant = try RFASTVariant(parsing: rfastVariant)
        spec.compute = ComputeModel(distribution: try ComputeDistribution(parsing: compute),
                                    stragglers: try StragglerModel(parsing: stragglers))
        spec.network = NetworkModel(latency: latency, bandwidth: bandwidth, loss: try LossModel(parsing: loss),
                                    maxExtraDelay: maxDelay, retransmissionTimeout: rto)
        spec.staleness = staleness
        if let initialization {
            do { spec.initialization = try RunSpec.Initialization(parsing: initialization) } catch {
                throw SpecError.invalid(parameter: "--init", value: initialization,
                                        expected: "reference, zero or gaussian:S with a scale S ≥ 0")
            }
        }
        spec.checkpointEvery = every
        spec.seed = problemOptions.seed
        try spec.validate(workers: problemOptions.workers)
        if let target, !(target.isFinite && target > 0) {
            throw SpecError.invalid(parameter: "--target", value: "\(target)", expected: "a gap > 0")
        }
        if let threads, threads < 1 {
            throw SpecError.invalid(parameter: "--threads", value: "\(threads)", expected: "an integer ≥ 1")
        }
        if let ineffective = spec.ineffectiveSetting(problem: problem, given: Set((tau == nil ? [] : ["tau"]) + (adaLoss == nil ? [] : ["ada-loss"]))) {
            throw SpecError.incompatible("--\(ineffective.key): \(ineffective.reason)")
        }
        return spec
    }

    /// The settings repeated on every row of the CSV, so that CSVs of several runs concatenate into one
    /// table (`tau` is empty unless given).
    static let labelColumns = ["problem", "algorithm", "workers", "topology", "tau", "batch", "lr", "seed"]

    func run() throws {
        do {
            let problemSpec = try problemOptions.spec()
            let spec = try runSpec(problem: problemSpec)
            if let csv { for path in [csv, RunSidecar.path(forCSV: csv)] { try AtomicFile.checkTarget(path) } }
            let problem = try ProblemFactory.make(problemSpec)
            let certificate = try optimumCache.cache()?.certificate(problemSpec, problem) ?? Optimum.certify(problem)
            let stop = Interrupts.install(command: "ratelab run", then: "stopping at the next checkpoint and writing the run so far")
            let progress = RunProgress(steps: spec.steps)
            let result = try Simulator.run(problem: problem, reference: Reference(certificate), spec: spec,
                                           threads: threads ?? ParallelCells.defaultThreads) { iteration in
                progress.reached(iteration)
                return !stop.isRequested
            }
            progress.finish()
            if let csv {
                let labels: [CSVValue] = [.text(problemSpec.name), .text(spec.algorithm.rawValue), .integer(problem.workerCount),
                                          .text(topology), tau.map(CSVValue.integer) ?? .missing, .integer(batch), .text(lr),
                                          .text(String(spec.seed))]
                try TrajectoryCSV.document(labelColumns: RunCommand.labelColumns, runs: [(labels, result)]).write(to: csv)
                let sidecar = RunSidecar(problem: problemSpec, run: spec, certificate: certificate, result: result, target: target)
                try JSONSidecar.write(sidecar, to: RunSidecar.path(forCSV: csv))
            }
            print(summary(result, spec: spec, problem: problemSpec, fStar: certificate.fStar))
            if stop.isRequested {
                printError("ratelab run: interrupted at iteration \(result.checkpoints.last?.iteration ?? 0) of \(spec.steps)"
                           + (csv.map { "; \($0) holds the run up to there" } ?? ""))
                throw ExitCode(GateResult.interruptedStatus)
            }
            if case let .diverged(iteration, _) = result.status {
                print("DIVERGED at iteration \(iteration)")
                throw ExitCode(3)
            }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }

    /// The printed summary: one `label  value` line each.
    private func summary(_ result: RunResult, spec: RunSpec, problem: ProblemSpec, fStar: Double) -> String {
        let source = problem.dataSource
        var lines: [(String, String)] = [
            ("run", "\(spec.algorithm.rawValue) on \(problem.name) (\(source)), p = \(problem.workers), seed \(spec.seed)"),
            ("f*", String(format: "%.17g", fStar)),
        ]
        if let last = result.checkpoints.last {
            lines += [
                ("iterations", "\(last.iteration)"),
                ("final gap", String(format: "%.6e", last.gap)),
                ("‖∇f‖²", String(format: "%.6e", last.gradNormSq)),
                ("rounds", "\(last.rounds)"),
                ("messages", "\(last.messages)"),
                ("dropped", "\(last.dropped)"),
                ("sim time", String(format: "%.6g s", last.simTime)),
            ]
        }
        if let target {
            let reached = result.firstReaching(gap: target)
            lines.append(("target", reached.map {
                String(format: "gap ≤ %.3g at iteration %d, sim time %.6g s", target, $0.iteration, $0.simTime)
            } ?? String(format: "gap ≤ %.3g not reached", target)))
        }
        lines.append(("status", result.status.name))
        return labelled(lines)
    }
}
