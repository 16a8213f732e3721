import RateLabAlgorithms
import RateLabProblems
import RateLabSimulation
import RateLabTopology

/// The values an expression in a run setting may use, taken from the cell's problem and run.
struct Bindings {
    var values: [String: Double]

    init(problem: Problem, steps: Int, batch: Int) {
        let mu = problem.curvature.mu ?? 0
        values = ["L": problem.smoothness, "mu": mu, "kappa": problem.smoothness / mu,
                  "p": Double(problem.workerCount), "T": Double(steps), "B": Double(batch), "d": Double(problem.dimension)]
    }
}

/// The keys of a claim's `problem:` section and how each sets a `ProblemSpec` field.
enum ProblemKeys {
    static let all = ["name", "data", "lambda", "dimension", "samples-per-worker", "workers", "split", "mu", "L", "kappa",
                      "spacing", "zeta", "curvature-heterogeneity", "noise", "label-flip", "hidden", "seed"]

    static func spec(_ s: [String: Setting], file: String) throws -> ProblemSpec {
        let r = SettingParser(settings: s, file: file, section: "problem")
        var spec = ProblemSpec(name: try r.required("name"))
        spec.dataPath = r.text("data")
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
        spec.noise = try r.double("noise") ?? spec.noise
        spec.labelFlip = try r.double("label-flip") ?? spec.labelFlip
        spec.hidden = try r.int("hidden") ?? spec.hidden
        if let seed = try r.int("seed") { spec.seed = UInt64(seed) }
        return spec
    }
}

/// The keys of a claim's `run:` section and how each sets a `RunSpec` field. `lr` and `tau` may be
/// expressions in L, mu, kappa, p, T, B, d (e.g. `lr: 1/L`, `lr: inv:4/mu:8*kappa`, `tau: ceil(T^(2/3)/p^(1/3))`).
enum RunKeys {
    static let all = ["algorithm", "steps", "batch", "lr", "tau", "tau-growth", "topology", "push-topology", "break-common-root",
                      "compute", "stragglers", "latency", "bandwidth", "loss", "max-delay", "rto", "staleness", "init", "every", "divergence"]

    /// Checks syntax and names of every value without a problem (claim validation before any run).
    static func validate(_ s: [String: Setting], file: String) throws {
        let r = SettingParser(settings: s, file: file, section: "run")
        _ = try r.algorithm()
        _ = try r.int("steps"); _ = try r.int("batch"); _ = try r.int("staleness"); _ = try r.int("every")
        if let lr = r.text("lr") { _ = try r.stepSchedule(lr, key: "lr") }
        if let tau = r.text("tau") { _ = try r.expression(tau, key: "tau") }
        _ = try r.double("tau-growth"); _ = try r.double("latency"); _ = try r.double("bandwidth")
        _ = try r.double("max-delay"); _ = try r.double("rto"); _ = try r.double("divergence"); _ = try r.bool("break-common-root")
        _ = try r.parsed("topology", TopologyKind.init(parsing:)); _ = try r.parsed("push-topology", TopologyKind.init(parsing:))
        _ = try r.parsed("compute", ComputeDistribution.init(parsing:)); _ = try r.parsed("stragglers", StragglerModel.init(parsing:))
        _ = try r.parsed("loss", LossModel.init(parsing:)); _ = try r.initialization()
    }

    static func spec(_ s: [String: Setting], problem: Problem, file: String) throws -> RunSpec {
        let r = SettingParser(settings: s, file: file, section: "run")
        var spec = RunSpec(algorithm: try r.algorithm())
        spec.steps = try r.int("steps") ?? spec.steps
        spec.batchSize = try r.int("batch") ?? spec.batchSize
        let bindings = Bindings(problem: problem, steps: spec.steps, batch: spec.batchSize).values
        if let lr = r.text("lr") { spec.stepSize = try r.stepSchedule(lr, key: "lr").evaluate(bindings, horizon: spec.steps) }
        if let tau = r.text("tau") {
            let v = try r.expression(tau, key: "tau").evaluate(bindings)
            guard v.isFinite, v >= 1 else { throw r.error("tau", "evaluates to \(v); τ must be ≥ 1") }
            spec.tau = Int(v.rounded(.down))
        }
        if let alpha = try r.double("tau-growth") { spec.adaptiveRule = .linear(alpha: alpha) }
        if let t = try r.parsed("topology", TopologyKind.init(parsing:)) { spec.topology = t }
        spec.pushTopology = try r.parsed("push-topology", TopologyKind.init(parsing:))
        spec.breakCommonRoot = try r.bool("break-common-root") ?? false
        if let c = try r.parsed("compute", ComputeDistribution.init(parsing:)) { spec.compute.distribution = c }
        if let st = try r.parsed("stragglers", StragglerModel.init(parsing:)) { spec.compute.stragglers = st }
        if let v = try r.double("latency") { spec.network.latency = v }
        if let v = try r.double("bandwidth") { spec.network.bandwidth = v }
        if let v = try r.parsed("loss", LossModel.init(parsing:)) { spec.network.loss = v }
        if let v = try r.double("max-delay") { spec.network.maxExtraDelay = v }
        if let v = try r.double("rto") { spec.network.retransmissionTimeout = v }
        spec.staleness = try r.int("staleness") ?? spec.staleness
        if let i = try r.initialization() { spec.initialization = i }
        spec.checkpointEvery = try r.int("every") ?? spec.checkpointEvery
        spec.divergenceFactor = try r.double("divergence") ?? spec.divergenceFactor
        do { try spec.validate(workers: problem.workerCount) } catch { throw ClaimError(file: file, line: s.values.map(\.line).min(), "run: \(error)") }
        return spec
    }
}

/// A step-size schedule whose parameters are expressions: `EXPR`, `const:EXPR`, `inv:EXPR:EXPR`, `sqrt:EXPR`.
struct StepScheduleTemplate {
    enum Form { case constant, inverseTime, inverseSqrt }
    let form: Form
    let parameters: [Expression]

    func evaluate(_ bindings: [String: Double], horizon: Int) throws -> StepSchedule {
        let v = parameters.map { $0.evaluate(bindings) }
        guard v.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw SpecError.invalid(parameter: "lr", value: "\(v)", expected: "positive finite values")
        }
        switch form {
        case .constant: return .constant(v[0])
        case .inverseTime: return .inverseTime(a: v[0], b: v[1])
        case .inverseSqrt: return .inverseSqrtHorizon(c: v[0], horizon: horizon)
        }
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

    func int(_ key: String) throws -> Int? {
        guard let t = text(key) else { return nil }
        guard let v = Int(t) else { throw error(key, "expected an integer") }
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
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch (parts[0], parts.count) {
        case (_, 1): return StepScheduleTemplate(form: .constant, parameters: [try expression(parts[0], key: key)])
        case ("const", 2): return StepScheduleTemplate(form: .constant, parameters: [try expression(parts[1], key: key)])
        case ("inv", 3): return StepScheduleTemplate(form: .inverseTime, parameters: try parts[1...].map { try expression($0, key: key) })
        case ("sqrt", 2): return StepScheduleTemplate(form: .inverseSqrt, parameters: [try expression(parts[1], key: key)])
        default: throw error(key, "expected EXPR, const:EXPR, inv:A:B (η_t = A/(t+B)) or sqrt:C (η = C/√T)")
        }
    }

    func initialization() throws -> RunSpec.Initialization? {
        try parsed("init", RunSpec.Initialization.init(parsing:))
    }
}
