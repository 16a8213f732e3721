/// Checks shared by the problem constructors: ranges of numeric parameters and refusal of
/// parameters a problem does not use (so a typo in a claim file cannot be silently ignored).
extension ProblemSpec {
    /// λ, or `fallback` when unset; refuses λ < 0 and non-finite λ.
    func resolvedLambda(default fallback: Double) throws -> Double {
        let value = lambda ?? fallback
        try requireNonNegative("lambda", value)
        return value
    }

    /// Refuses sizes beyond `ProblemLimits` before a problem allocates anything: workers, dimension,
    /// rows per worker and hidden units, and the synthetic matrix p × rows × d they make.
    public func validateSizes() throws {
        let counts: [(String, Int?, Int)] = [
            ("workers", workers, ProblemLimits.maxWorkers), ("dimension", dimension, ProblemLimits.maxDimension),
            ("samples-per-worker", samplesPerWorker, ProblemLimits.maxCount), ("total-samples", totalSamples, ProblemLimits.maxCount),
            ("hidden", hidden, ProblemLimits.maxCount),
        ]
        for case let (parameter, value?, limit) in counts where !(1...limit).contains(value) {
            throw ProblemError.invalidParameter(parameter: parameter, value: "\(value)", expected: "an integer in 1…\(limit)")
        }
        if let n = totalSamples, samplesPerWorker != nil {
            throw ProblemError.invalidParameter(parameter: "total-samples", value: "\(n)",
                                                expected: "total-samples or samples-per-worker, not both (n = total-samples, or p × samples-per-worker)")
        }
        if let n = totalSamples, ProblemLimits.exceedsCells(n, dimension ?? 1) {
            throw ProblemError.invalidParameter(
                parameter: "total-samples × dimension", value: "\(n) × \(dimension ?? 1)", expected: "at most \(ProblemLimits.maxCells) cells")
        }
        if ProblemLimits.exceedsCells(workers, samplesPerWorker ?? 1, dimension ?? 1) {
            throw ProblemError.invalidParameter(
                parameter: "workers × samples-per-worker × dimension", value: "\(workers) × \(samplesPerWorker ?? 1) × \(dimension ?? 1)",
                expected: "at most \(ProblemLimits.maxCells) cells")
        }
    }

    /// The number of synthetic rows n: `totalSamples`, or workers × `samplesPerWorker` (default
    /// `perWorker`); refuses values < 1.
    func rowCount(defaultSamplesPerWorker perWorker: Int) throws -> Int {
        if let n = totalSamples { return try positiveCount("totalSamples", n, default: n) }
        return try positiveCount("workers", workers, default: 1) * positiveCount("samplesPerWorker", samplesPerWorker, default: perWorker)
    }

    /// `value`, or `fallback` when nil; refuses values < 1.
    func positiveCount(_ parameter: String, _ value: Int?, default fallback: Int) throws -> Int {
        let v = value ?? fallback
        guard v >= 1 else {
            throw ProblemError.invalidParameter(parameter: parameter, value: "\(v)", expected: "an integer ≥ 1")
        }
        return v
    }

    /// Refuses a non-finite or negative `value` of `parameter`.
    func requireNonNegative(_ parameter: String, _ value: Double) throws {
        guard value.isFinite, value >= 0 else {
            throw ProblemError.invalidParameter(parameter: parameter, value: "\(value)", expected: "a finite number ≥ 0")
        }
    }

    /// Refuses every parameter in `names` that differs from its default, with `reason`. Every name
    /// must be a key below (a precondition), so a misspelled name cannot silently disable a check.
    func refuse(_ names: [String], reason: String) throws {
        let defaults = ProblemSpec(name: name)
        let changed: [String: Bool] = [
            "dataPath": dataPath != nil, "lambda": lambda != nil, "dimension": dimension != nil,
            "samplesPerWorker": samplesPerWorker != nil, "totalSamples": totalSamples != nil, "split": split != defaults.split,
            "mu": mu != nil, "L": L != nil, "kappa": kappa != nil, "spacing": spacing != defaults.spacing,
            "zeta": zeta != defaults.zeta, "curvatureHeterogeneity": curvatureHeterogeneity != defaults.curvatureHeterogeneity,
            "hessianSpread": hessianSpread != defaults.hessianSpread,
            "noise": noise != defaults.noise, "labelFlip": labelFlip != defaults.labelFlip,
            "hidden": hidden != defaults.hidden, "radius": radius != nil, "horizon": horizon != nil,
            "nonlinearity": nonlinearity != nil,
        ]
        for parameter in names {
            precondition(changed[parameter] != nil, "refuse: unknown parameter '\(parameter)'")
        }
        for parameter in names where changed[parameter] == true {
            throw ProblemError.inapplicableParameter(parameter: parameter, problem: name, reason: reason)
        }
    }

    /// The parameters only the quadratic problem uses.
    static let quadraticOnly = ["mu", "L", "kappa", "spacing", "zeta", "curvatureHeterogeneity", "hessianSpread"]

    /// The parameters only the worst-case constructions (huber-worst-case) use.
    static let worstCaseOnly = ["radius", "horizon"]

    /// The parameters only logcosh-regression uses.
    static let logCoshOnly = ["nonlinearity"]
}
