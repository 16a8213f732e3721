import RateLabAlgorithms
import RateLabProblems
import RateLabSimulation
import RateLabTopology

/// The values an expression in a run setting may use, taken from the cell's problem and run.
enum Bindings {
    /// L, mu, kappa, p, d and the problem's `namedConstants` (N, R of huber-worst-case): what `steps` may use.
    static func values(problem: Problem) -> [String: Double] {
        let mu = problem.curvature.mu ?? 0
        return problem.namedConstants.merging(["L": problem.smoothness, "mu": mu, "kappa": problem.smoothness / mu,
                                               "p": Double(problem.workerCount), "d": Double(problem.dimension)]) { $1 }
    }

    /// The problem's values plus T (steps) and B (batch size): what `lr`, `tau` and the checks may use
    /// (`RunKeys` adds the cell's `tau` for `lr` and the checks).
    static func values(problem: Problem, steps: Int, batch: Int) -> [String: Double] {
        values(problem: problem).merging(["T": Double(steps), "B": Double(batch)]) { $1 }
    }
}

/// The keys of a claim's `problem:` section and how each sets a `ProblemSpec` field.
enum ProblemKeys {
    static let all = ["name", "data", "lambda", "dimension", "samples-per-worker", "workers", "split", "mu", "L", "kappa",
                      "spacing", "zeta", "curvature-heterogeneity", "hessian-spread", "noise", "label-flip", "hidden", "radius", "horizon", "seed"]

    static func spec(_ s: [String: Setting], file: String) throws -> ProblemSpec {
        let r = SettingParser(settings: s, file: file, section: "problem")
        var spec = ProblemSpec(name: try r.required("name"))
        guard ProblemCatalog.entry(named: spec.name) != nil else {
            throw r.error("name", "expected one of \(ProblemCatalog.names.joined(separator: ", "))")
        }
        spec.dataPath = r.text("data").map { ClaimPath.resolve($0, claimFile: file) }
        spec.lambda = try r.double("lambda")
        spec.dimension = try r.int("dimension")
        spec.samplesPerWorker = try r.int("samples-per-worker")
        spec.workers = try r.int("workers") ?? spec.workers
        if let split = r.text("split") {
            guard let v = DataSplit(rawValue: split) else { throw r.error("split", "expected one of \(DataSplit.allCases.map(\.rawValue).joined(separator: ", "))") }
            spec.split = v
        }
        spec.mu = try r.double("mu")
        spec.L = try r.double("L")
        spec.kappa = try r.double("kappa")
        if let spacing = r.text("spacing") {
            guard let v = SpectrumSpacing(rawValue: spacing) else { throw r.error("spacing", "expected one of \(SpectrumSpacing.allCases.map(\.rawValue).joined(separator: ", "))") }
            spec.spacing = v
        }
        spec.zeta = try r.double("zeta") ?? spec.zeta
        spec.curvatureHeterogeneity = try r.double("curvature-heterogeneity") ?? spec.curvatureHeterogeneity
        spec.hessianSpread = try r.double("hessian-spread") ?? spec.hessianSpread
        spec.noise = try r.double("noise") ?? spec.noise
        spec.labelFlip = try r.double("label-flip") ?? spec.labelFlip
        spec.hidden = try r.int("hidden") ?? spec.hidden
        spec.radius = try r.double("radius")
        spec.horizon = try r.int("horizon")
        if let seed = try r.int("seed") { spec.seed = UInt64(seed) }
        do { try spec.validateSizes() } catch let ProblemError.invalidParameter(parameter, _, expected) {
            throw r.error(parameter, "expected \(expected)")
        }
        return spec
    }
}

/// The keys of a claim's `run:` section and how each sets a `RunSpec` field. `lr` and `tau` may be
/// expressions in L, mu, kappa, p, T, B, d, N, R (e.g. `lr: 1/L`, `lr: inv:4/mu:8*kappa`, `tau: ceil(T^(2/3)/p^(1/3))`),
/// and `lr` also in the cell's τ (`tau`, 1 unless given: `lr: inv:4/mu:2*tau+4`, the theorem's τ-dependent shift);
/// `steps` an integer or an expression in the problem's values (L, mu, kappa, p, d, N, R; e.g. `steps: N`, so
/// that a sweep over `problem.horizon` runs N steps at each point).
enum RunKeys {
    static let all = ["algorithm", "steps", "batch", "lr", "tau", "tau-growth", "ada-loss", "topology", "push-topology", "break-common-root", "rfast-variant",
                      "compute", "stragglers", "latency", "bandwidth", "loss", "max-delay", "rto", "staleness", "init", "every", "divergence"]

    /// Checks every value without a problem (claim validation before any run): syntax, names and
    /// ranges, `lr` and `tau` evaluated when they are constants, and the run checked for `workers`.
    /// Returns the run with the other settings applied.
    static func validate(_ s: [String: Setting], workers: Int, file: String) throws -> RunSpec {
        try read(s, problem: nil, workers: workers, file: file).run
    }

    /// The run of one grid point on `problem`, with `lr` and `tau` evaluated for it, and the
    /// bindings they were evaluated with (`Bindings.values` of the problem and run).
    static func spec(_ s: [String: Setting], problem: Problem, file: String) throws -> (run: RunSpec, bindings: [String: Double]) {
        let (run, bindings) = try read(s, problem: problem, workers: problem.workerCount, file: file)
        return (run, bindings ?? [:])
    }

    /// The run and, with a problem, the bindings its expressions were evaluated with (nil without one).
    /// Without a problem, expressions are evaluated only when they are constants (empty bindings).
    private static func read(_ s: [String: Setting], problem: Problem?, workers: Int, file: String) throws -> (run: RunSpec, bindings: [String: Double]?) {
        let r = SettingParser(settings: s, file: file, section: "run")
        var spec = RunSpec(algorithm: try r.algorithm())
        if let steps = r.text("steps") {
            if let n = Int(steps) {
                spec.steps = n
            } else {
                let expression = try r.expression(steps, key: "steps")
                if let problem {
                    let v = expression.evaluate(Bindings.values(problem: problem))
                    guard v.isFinite, v >= 1, v == v.rounded() else { throw r.error("steps", "evaluates to \(v); expected an integer ≥ 1") }
                    spec.steps = Int(v)
                }
            }
        }
        spec.batchSize = try r.int("batch") ?? spec.batchSize
        let cellBindings = problem.map { Bindings.values(problem: $0, steps: spec.steps, batch: spec.batchSize) }
        var bindings = cellBindings ?? [:]
        func evaluable(_ expressions: [Expression]) -> Bool { cellBindings != nil || expressions.allSatisfy(\.isConstant) }
        if let tau = r.text("tau") {
            let expression = try r.expression(tau, key: "tau")
            if evaluable([expression]) {
                let v = expression.evaluate(bindings)
                guard v.isFinite, v >= 1, v <= Double(ClaimLimits.maxSteps) else {
                    throw r.error("tau", "evaluates to \(v); τ must be in 1…\(ClaimLimits.maxSteps)")
                }
                spec.tau = Int(v.rounded(.down))
            }
        }
        // τ is known from here on: the step schedule may depend on it (η_t = 4/(μ(t + ατ + 4))).
        if cellBindings != nil { bindings["tau"] = Double(spec.tau) }
        if let lr = r.text("lr") {
            let schedule = try r.stepSchedule(lr, key: "lr")
            if evaluable(schedule.parameters) {
                do { spec.stepSize = try schedule.evaluate(bindings, horizon: spec.steps) } catch { throw r.error("lr", "\(error)") }
            }
        }
        if let alpha = try r.double("tau-growth") { spec.adaptiveRule = .linear(alpha: alpha) }
        if let loss = try r.parsed("ada-loss", RunSpec.AdaptiveRule.init(adaLoss:)) {
            guard r.text("tau-growth") == nil else { throw r.error("ada-loss", "the cube-root rule's loss does not apply with tau-growth (the linear schedule)") }
            spec.adaptiveRule = loss
        }
        if let t = try r.parsed("topology", TopologyKind.init(parsing:)) { spec.topology = t }
        spec.pushTopology = try r.parsed("push-topology", TopologyKind.init(parsing:))
        spec.breakCommonRoot = try r.bool("break-common-root") ?? false
        if let v = try r.parsed("rfast-variant", RFASTVariant.init(parsing:)) { spec.rfastVariant = v }
        if let c = try r.parsed("compute", ComputeDistribution.init(parsing:)) { spec.compute.distribution = c }
        if let st = try r.parsed("stragglers", StragglerModel.init(parsing:)) { spec.compute.stragglers = st }
        if let v = try r.double("latency") { spec.network.latency = v }
        if let v = try r.bandwidth() { spec.network.bandwidth = v }
        if let v = try r.parsed("loss", LossModel.init(parsing:)) { spec.network.loss = v }
        if let v = try r.double("max-delay") { spec.network.maxExtraDelay = v }
        if let v = try r.double("rto") { spec.network.retransmissionTimeout = v }
        spec.staleness = try r.int("staleness") ?? spec.staleness
        if let i = try r.initialization() { spec.initialization = i }
        spec.checkpointEvery = try r.int("every") ?? spec.checkpointEvery
        spec.divergenceFactor = try r.double("divergence") ?? spec.divergenceFactor
        do { try spec.validate(workers: workers) } catch { throw ClaimError(file: file, line: s.values.map(\.line).min(), "run: \(error)") }
        return (spec, cellBindings.map { _ in bindings })
    }
}

/// A step-size schedule whose parameters are expressions (`StepSchedule.form(of:)`'s forms, e.g.
/// `1/L`, `inv:4/mu:8*kappa`), evaluated for each cell.
struct StepScheduleTemplate {
    let form: StepSchedule.Form
    let parameters: [Expression]

    func evaluate(_ bindings: [String: Double], horizon: Int) throws -> StepSchedule {
        try StepSchedule(form, parameters.map { $0.evaluate(bindings) }, horizon: horizon, parameter: "lr")
    }
}

/// Typed reading of one section's settings, with errors that carry the file and line.
struct SettingParser {
    let settings: [String: Setting]
    let file: String
    let section: String

    func error(_ key: String, _ message: String) -> ClaimError {
        ClaimError(file: file, line: settings[key]?.line, "\(section).\(key) = '\(settings[key]?.text ?? "")': \(message)")
    }

    func text(_ key: String) -> String? { settings[key]?.text }

    func required(_ key: String) throws -> String {
        guard let v = text(key) else { throw ClaimError(file: file, line: settings.values.map(\.line).min(), "\(section): missing required key '\(key)'") }
        return v
    }

    func double(_ key: String) throws -> Double? {
        guard let t = text(key) else { return nil }
        guard let v = Double(t), v.isFinite else { throw error(key, "expected a number") }
        return v
    }

    /// `bandwidth`: a number of bytes per second, or `inf` for no transmission time (transit = latency
    /// exactly), as `--bandwidth inf`: with zero latency, messages then arrive in the instant they are sent.
    func bandwidth() throws -> Double? {
        text("bandwidth") == "inf" ? .infinity : try double("bandwidth")
    }

    /// An integer, within its `ClaimLimits.integerRanges` range when the key has one.
    func int(_ key: String) throws -> Int? {
        guard let t = text(key) else { return nil }
        let range = ClaimLimits.integerRanges[key]
        guard let v = Int(t), range?.contains(v) ?? true else {
            throw error(key, "expected an integer" + (range.map { " in \($0.lowerBound)…\($0.upperBound)" } ?? ""))
        }
        return v
    }

    func bool(_ key: String) throws -> Bool? {
        guard let t = text(key) else { return nil }
        switch t.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(key, "expected true or false")
        }
    }

    func parsed<T>(_ key: String, _ parse: (String) throws -> T) throws -> T? {
        guard let t = text(key) else { return nil }
        do { return try parse(t) } catch { throw self.error(key, "\(error)") }
    }

    func algorithm() throws -> AlgorithmKind {
        let name = try required("algorithm")
        do { return try AlgorithmKind(parsing: name) } catch { throw self.error("algorithm", "\(error)") }
    }

    func expression(_ text: String, key: String) throws -> Expression {
        do { return try Expression(parsing: text) } catch { throw self.error(key, "\(error)") }
    }

    func stepSchedule(_ text: String, key: String) throws -> StepScheduleTemplate {
        guard let (form, texts) = StepSchedule.form(of: text) else { throw error(key, "expected one of the forms " + StepSchedule.writtenForms) }
        return StepScheduleTemplate(form: form, parameters: try texts.map { try expression($0, key: key) })
    }

    func initialization() throws -> RunSpec.Initialization? {
        try parsed("init", RunSpec.Initialization.init(parsing:))
    }
}
