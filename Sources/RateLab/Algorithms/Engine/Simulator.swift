import RateLabLinalg
import RateLabProblems

/// Runs a method on a problem over the simulated cluster and records its trajectory.
public enum Simulator {
    /// Simulates `spec` on `problem`, measuring against `reference` (the certified optimum), with the
    /// workers of a synchronous method spread over `threads` threads (the result does not depend on it).
    /// Throws `SpecError` for impossible parameters; a run that blows up returns with status `.diverged`.
    /// `checkpoint` is called after every recorded checkpoint with its iteration; returning false stops the
    /// run there (an interrupt): the result then ends at that checkpoint.
    public static func run(problem: Problem, reference: Reference, spec: RunSpec, threads: Int = 1,
                           checkpoint: (Int) -> Bool = { _ in true }) throws -> RunResult {
        try spec.validate(workers: problem.workerCount)
        if let rows = problem.fewestWorkerRows, spec.batchSize > rows {
            throw SpecError.invalid(parameter: "--batch", value: "\(spec.batchSize)",
                                    expected: "at most the rows per worker (\(rows)), or 0 for exact gradients")
        }
        guard reference.xStar.count == problem.dimension else {
            throw SpecError.incompatible("reference optimum has \(reference.xStar.count) entries, problem has d = \(problem.dimension)")
        }
        // ADA-LUPA's theorem reads the gap f − f*; the poster's rule and AdaComm read f − min(0, f*).
        let gapRule = spec.algorithm == .adaLocalSGD && spec.adaptiveRule == .paper
        let cluster = Cluster(problem: problem, spec: spec, lossFloor: gapRule ? reference.fStar : min(0, reference.fStar), threads: threads)
        let start = initialPoint(spec, problem: problem)
        let method = try makeMethod(spec.algorithm, cluster: cluster, start: start)
        let recorder = Recorder(problem: problem, reference: reference, divergenceFactor: spec.divergenceFactor,
                                actionsPerRound: method is EventDrivenMethod ? cluster.workers : 1)
        let models = WorkerMatrix(rows: cluster.workers, cols: cluster.dimension)
        method.models(into: models)
        var stoppedAt: Int?
        if recorder.record(models: models, iteration: 0, cluster: cluster) {
            switch method {
            case let m as SynchronousMethod:
                var done = 0
                while done < spec.steps {
                    let next = min(done + spec.checkpointEvery, spec.steps)
                    m.advance(from: done, to: next, on: cluster)
                    done = next
                    m.models(into: models)
                    if !recorder.record(models: models, iteration: done, cluster: cluster) { break }
                    if !checkpoint(done) { stoppedAt = done; break }
                }
            case let m as EventDrivenMethod:
                let p = cluster.workers
                let loop = EventLoop(cluster: cluster, payloadWidth: m.payloadWidth)
                loop.run(m, budget: p * spec.steps) { completions in
                    guard completions % (p * spec.checkpointEvery) == 0 || completions == p * spec.steps else { return true }
                    m.models(into: models)
                    guard recorder.record(models: models, iteration: completions / p, cluster: cluster) else { return false }
                    if checkpoint(completions / p) { return true }
                    stoppedAt = completions / p
                    return false
                }
            default:
                throw SpecError.incompatible("method '\(spec.algorithm.rawValue)' (\(type(of: method))) is neither a SynchronousMethod nor an EventDrivenMethod")
            }
        }
        let status = stoppedAt.flatMap { at in at < spec.steps ? RunStatus.interrupted(iteration: at) : nil } ?? recorder.status
        return RunResult(checkpoints: recorder.checkpoints, status: status,
                         periods: method.periods, finalAverage: recorder.finalAverage)
    }

    static func initialPoint(_ spec: RunSpec, problem: Problem) -> [Double] {
        let d = problem.dimension
        switch spec.initialization {
        case .reference: return problem.referencePoint
        case .zero: return [Double](repeating: 0, count: d)
        case let .gaussian(scale):
            var rng = RandomStream(seed: spec.seed, stream: 0, purpose: .initialPoint)
            return (0..<d).map { _ in scale * rng.nextGaussian() }
        }
    }

    /// The method `kind` names (built-in or registered: `MethodCatalog`), built on `cluster` from `start`.
    static func makeMethod(_ kind: AlgorithmKind, cluster: Cluster, start: [Double]) throws -> Method {
        let entry = try MethodCatalog.requireEntry(named: kind.rawValue)
        return try entry.make(cluster, start)
    }
}
