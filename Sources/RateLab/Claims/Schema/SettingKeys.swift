import RateLabAlgorithms
import RateLabProblems
import RateLabSimulation
import RateLabTopology

/// The values an expression in a run setting may use, taken from the cell's problem and run.
enum Bindings {
    /// L, mu, kappa, p, d, the problem's `namedConstants` (N, R of huber-worst-case) and, given the spec it
    /// was built from, its keys (`SettingNames.problemValues`). Without the built problem, NaN placeholders
    /// for what it would give (N and R included): the names a cell will bind, for checking before any run.
    static func values(problem: Problem?, spec: ProblemSpec?) -> [String: Double] {
        let keys = spec.map { SettingNames.problemValues($0, problem) } ?? [:]
        guard let problem else {
            return keys.merging(["L": .nan, "mu": .nan, "kappa": .nan, "p": spec.map { Double($0.workers) } ?? .nan,
                                 "d": .nan, "N": .nan, "R": .nan]) { $1 }
        }
        let mu = problem.curvature.mu ?? 0
        return keys.merging(problem.namedConstants) { $1 }
            .merging(["L": problem.smoothness, "mu": mu, "kappa": problem.smoothness / mu,
                      "p": Double(problem.workerCount), "d": Double(problem.dimension)]) { $1 }
    }

    /// Why `name` has no value in `bindings`, for the error of the setting `key` that uses it.
    static func unbound(_ name: String, _ bindings: [String: Double], key: String) -> String {
        let setting = SettingNames.setting(named: name).map { " (\($0))" } ?? ""
        return "'\(name)'\(setting) has no value when \(key) is evaluated (a key without a default must be given; "
            + "steps, batch, tau and lr are evaluated in that order); names known here: \(bindings.keys.sorted().joined(separator: ", "))"
    }
}

/// The keys of a claim's `problem:` section and how each sets a `ProblemSpec` field.
enum ProblemKeys {
    static let all = ["name", "data", "lambda", "dimension", "samples-per-worker", "total-samples", "workers", "split", "mu", "L", "kappa",
                      "spacing", "zeta", "curvature-heterogeneity", "hessian-spread", "noise", "label-flip", "nonlinearity", "hidden",
                      "radius", "horizon", "seed"]

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
        spec.totalSamples = try r.int("total-samples")
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
        spec.nonlinearity = try r.double("nonlinearity")
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

/// The keys of a claim's `run:` section and how each sets a `RunSpec` field. `steps`, `tau` and `lr` may be
/// expressions in the problem's values (L, mu, kappa, p, d, N, R and every numeric `problem:` key, see
/// `SettingNames`) and the plain numeric `run:` keys (`every`, `staleness`, …), evaluated in the order
/// steps, batch, tau, lr: `tau` also sees T (= `steps`) and B (= `batch`), `lr` also the cell's τ (`tau`,
/// 1 unless given). E.g. `steps: N` (a sweep over `problem.horizon` runs N steps at each point),
/// `tau: ceil(T^(2/3)/p^(1/3))`, `lr: inv:4/mu:2*tau+4` (the theorem's τ-dependent shift), `lr: 0.1/noise`.
enum RunKeys {
    static let all = ["algorithm", "steps", "batch", "lr", "tau", "tau-growth", "ada-loss", "topology", "push-topology", "break-common-root", "rfast-variant",
                      "compute", "stragglers", "latency", "bandwidth", "loss", "max-delay", "rto", "staleness", "init", "every", "divergence"]

    /// Checks every value without a problem (claim validation before any run): syntax, names and
    /// ranges, `steps`, `lr` and `tau` evaluated when they are constants, and the run checked for `workers`.
    /// Given the grid point's problem spec, every name `steps`, `tau` and `lr` use must be one the cell will
    /// bind where it is evaluated (`lr: 1/lambda` without `lambda:` is an error here, before any run).
    /// Returns the run with the other settings applied.
    static func validate(_ s: [String: Setting], problem spec: ProblemSpec? = nil, workers: Int, file: String) throws -> RunSpec {
        try read(s, problem: nil, spec: spec, workers: workers, file: file).run
    }

    /// The run of one grid point on `problem`, with `lr` and `tau` evaluated for it, and the
    /// bindings they were evaluated with (`Bindings.values` of the problem and run).
    static func spec(_ s: [String: Setting], problem: Problem, problemSpec: ProblemSpec? = nil,
                     file: String) throws -> (run: RunSpec, bindings: [String: Double]) {
        let (run, bindings) = try read(s, problem: problem, spec: problemSpec, workers: problem.workerCount, file: file)
        return (run, bindings ?? [:])
    }

    /// The run and, with a problem (and the spec it was built from), the bindings its expressions were
    /// evaluated with (nil without one). Without a problem, expressions are evaluated only when they are
    /// constants; their names are checked against the placeholders of `Bindings.values` when the spec is given.
    private static func read(_ s: [String: Setting], problem: Problem?, spec problemSpec: ProblemSpec?, workers: Int,
                             file: String) throws -> (run: RunSpec, bindings: [String: Double]?) {
        let r = SettingParser(settings: s, file: file, section: "run")
        var spec = RunSpec(algorithm: try r.algorithm())
        // The plain settings first: the expressions below may name them (`steps: 100*every`).
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

        // With a problem: the values the expressions are evaluated with. Without one but with its spec:
        // placeholders that only check the names (nil without either).
        var bindings = problem != nil || problemSpec != nil
            ? Bindings.values(problem: problem, spec: problemSpec).merging(SettingNames.plainRunValues(spec)) { $1 } : nil
        /// The value of a setting's expression: with a problem, or without one when it is a constant; nil
        /// otherwise (after checking its names against the placeholders, when there are some).
        func value(_ expression: Expression, _ key: String) throws -> Double? {
            guard problem != nil || expression.isConstant else {
                if let bindings { _ = try r.value(of: expression, key: key, bindings) }
                return nil
            }
            return try r.value(of: expression, key: key, bindings ?? [:])
        }
        if let steps = r.text("steps") {
            if let n = Int(steps) {
                spec.steps = n
            } else if let v = try value(try r.expression(steps, key: "steps"), "steps") {
                guard v.isFinite, v >= 1, v == v.rounded() else { throw r.error("steps", "evaluates to \(v); expected an integer ≥ 1") }
                spec.steps = Int(v)
            }
        }
        spec.batchSize = try r.int("batch") ?? spec.batchSize
        bindings?.merge(["T": Double(spec.steps), "steps": Double(spec.steps), "B": Double(spec.batchSize), "batch": Double(spec.batchSize)]) { $1 }
        if let tau = r.text("tau"), let v = try value(try r.expression(tau, key: "tau"), "tau") {
            guard v.isFinite, v >= 1, v <= Double(ClaimLimits.maxSteps) else {
                throw r.error("tau", "evaluates to \(v); τ must be in 1…\(ClaimLimits.maxSteps)")
            }
            spec.tau = Int(v.rounded(.down))
        }
        // τ is known from here on: the step schedule may depend on it (η_t = 4/(μ(t + ατ + 4))).
        bindings?["tau"] = Double(spec.tau)
        if let lr = r.text("lr") {
            let schedule = try r.stepSchedule(lr, key: "lr")
            let values = try schedule.parameters.compactMap { try value($0, "lr") }
            if values.count == schedule.parameters.count {
                do { spec.stepSize = try schedule.evaluate(values, horizon: spec.steps) } catch { throw r.error("lr", "\(error)") }
            }
        }
        do { try spec.validate(workers: workers) } catch { throw ClaimError(file: file, line: s.values.map(\.line).min(), "run: \(error)") }
        return (spec, problem == nil ? nil : bindings)
    }
}

/// A step-size schedule whose parameters are expressions (`StepSchedule.form(of:)`'s forms, e.g.
/// `1/L`, `inv:4/mu:8*kappa`), evaluated for each cell.
struct StepScheduleTemplate {
    let form: StepSchedule.Form
    let parameters: [Expression]

    func evaluate(_ bindings: [String: Double], horizon: Int) throws -> StepSchedule {
        try evaluate(parameters.map { $0.evaluate(bindings) }, horizon: horizon)
    }

    /// The schedule with the parameters' values.
    func evaluate(_ values: [Double], horizon: Int) throws -> StepSchedule {
        try StepSchedule(form, values, horizon: horizon, parameter: "lr")
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

    /// The value of `expression` (the setting `key`'s) with `bindings`; an error naming the first name
    /// without a value there.
    func value(of expression: Expression, key: String, _ bindings: [String: Double]) throws -> Double {
        if let missing = expression.names.sorted().first(where: { bindings[$0] == nil }) {
            throw error(key, Bindings.unbound(missing, bindings, key: "\(section).\(key)"))
        }
        return expression.evaluate(bindings)
    }

    func stepSchedule(_ text: String, key: String) throws -> StepScheduleTemplate {
        guard let (form, texts) = StepSchedule.form(of: text) else { throw error(key, "expected one of the forms " + StepSchedule.writtenForms) }
        return StepScheduleTemplate(form: form, parameters: try texts.map { try expression($0, key: key) })
    }

    func initialization() throws -> RunSpec.Initialization? {
        try parsed("init", RunSpec.Initialization.init(parsing:))
    }
}
