import RateLabAlgorithms
import RateLabProblems

/// The names under which a cell's `problem:` and `run:` settings appear in expressions (`lr`, `tau`,
/// `steps` and the checks' `expected`, `at-most`, …).
///
/// Naming rule: a numeric key is named as written with every '-' replaced by '_' (`-` is minus in an
/// expression): `samples-per-worker` → `samples_per_worker`, `hessian-spread` → `hessian_spread`,
/// `noise`, `zeta`, `every`, `batch`. Its value is the one the cell uses: the written value after the
/// sweep and the control's overrides, else the key's default; a key without a default that is not given
/// (`lambda`, `samples-per-worker`, `total-samples`, `nonlinearity`, `radius`, `horizon`, `tau-growth`) has no value, and naming it is an
/// error. The symbols `L, mu, kappa, p, T, B, d, tau` (and `N, R` of huber-worst-case) stay: `L`, `mu`,
/// `kappa` are the built problem's constants (equal to the keys where those are given), `p` = `workers`,
/// `T` = `steps`, `B` = `batch`, `d` = `dimension`.
enum SettingNames {
    /// The numeric keys of `problem:`.
    static let problemKeys = ["lambda", "dimension", "samples-per-worker", "total-samples", "workers", "mu", "L", "kappa", "zeta",
                              "curvature-heterogeneity", "hessian-spread", "noise", "label-flip", "nonlinearity", "hidden", "radius",
                              "horizon", "seed"]
    /// The numeric keys of `run:`.
    static let runKeys = ["steps", "batch", "tau", "tau-growth", "latency", "bandwidth", "max-delay", "rto", "staleness", "every", "divergence"]

    /// The expression name of a key: '-' → '_'.
    static func name(of key: String) -> String { key.replacingOccurrences(of: "-", with: "_") }

    /// Every key name with its meaning (`problem.KEY` / `run.KEY`), for `Expression.variables`.
    static let variables: [(name: String, meaning: String)] =
        problemKeys.map { (name(of: $0), "problem.\($0)") } + runKeys.map { (name(of: $0), "run.\($0)") }

    /// The section and key an expression name stands for (`label_flip` → `problem.label-flip`), if any.
    static func setting(named name: String) -> String? {
        variables.first { $0.name == name }?.meaning
    }

    /// The problem keys' values in a cell built from `spec` (`L`, `mu`, `kappa` come from the problem
    /// itself, see `Bindings`); nil fields without a default are left out. Without the built `problem`
    /// (checking a claim before anything runs) the values it would give are NaN placeholders, and
    /// `radius`, `horizon` count as bound (a problem's named constants are known only once it is built).
    static func problemValues(_ spec: ProblemSpec, _ problem: Problem?) -> [String: Double] {
        var v: [String: Double] = [
            "dimension": problem.map { Double($0.dimension) } ?? .nan, "workers": Double(spec.workers), "zeta": spec.zeta,
            "curvature_heterogeneity": spec.curvatureHeterogeneity, "hessian_spread": spec.hessianSpread, "noise": spec.noise,
            "label_flip": spec.labelFlip, "hidden": Double(spec.hidden), "seed": Double(spec.seed),
        ]
        v["lambda"] = spec.lambda
        v["samples_per_worker"] = spec.samplesPerWorker.map(Double.init)
        v["total_samples"] = spec.totalSamples.map(Double.init)
        v["nonlinearity"] = spec.nonlinearity
        v["radius"] = spec.radius ?? (problem == nil ? .nan : problem!.namedConstants["R"])
        v["horizon"] = spec.horizon.map(Double.init) ?? (problem == nil ? .nan : problem!.namedConstants["N"])
        return v
    }

    /// The run keys' values that are plain numbers (read before `steps`, `batch`, `tau` and `lr`, so that
    /// those may use them).
    static func plainRunValues(_ run: RunSpec) -> [String: Double] {
        var v: [String: Double] = [
            "latency": run.network.latency, "bandwidth": run.network.bandwidth, "max_delay": run.network.maxExtraDelay,
            "rto": run.network.retransmissionTimeout, "staleness": Double(run.staleness), "every": Double(run.checkpointEvery),
            "divergence": run.divergenceFactor,
        ]
        if case let .linear(alpha) = run.adaptiveRule { v["tau_growth"] = alpha }
        return v
    }
}
