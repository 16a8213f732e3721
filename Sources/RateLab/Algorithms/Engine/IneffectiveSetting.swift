import RateLabProblems

/// A setting that is valid on its own but has no effect in its configuration, e.g. gradient noise with
/// exact gradients: ignoring it silently would measure something else than what was asked, so
/// `ratelab run` and the claim parser refuse it (exit 2) before anything runs.
public struct IneffectiveSetting: Error, Equatable, CustomStringConvertible {
    /// The key as a claim writes it (`noise`, `tau`); the command line spells it `--noise`, `--tau`.
    public let key: String
    /// Why it has no effect and what to do instead.
    public let reason: String

    public var description: String { reason }
}

extension AlgorithmKind {
    /// The methods that average every τ steps and so read `tau` (τ₀ for the adaptive ones).
    public var averagesPeriodically: Bool { MethodCatalog.entry(named: rawValue)?.averagesPeriodically ?? false }
}

extension RunSpec {
    /// The first setting of this run on `problem` that has no effect, nil when every one counts.
    /// `given` holds the keys set explicitly (a default value is never ineffective); `noise` counts
    /// when it is not 0.
    public func ineffectiveSetting(problem: ProblemSpec, given: Set<String>) -> IneffectiveSetting? {
        if problem.oracleNoise > 0 && batchSize == 0 {
            return IneffectiveSetting(key: "noise", reason: "oracle noise σ = \(problem.oracleNoise) has no effect with exact gradients "
                                      + "(batch 0); set a batch ≥ 1 for stochastic gradients, or leave noise out")
        }
        if given.contains("tau") && !algorithm.averagesPeriodically {
            let periodic = AlgorithmKind.allCases.filter(\.averagesPeriodically).map(\.rawValue).joined(separator: ", ")
            return IneffectiveSetting(key: "tau", reason: "τ has no effect on \(algorithm.rawValue), which does not average "
                                      + "periodically (only \(periodic) do); leave tau out")
        }
        if given.contains("ada-loss") && algorithm != .adaLocalSGD {
            return IneffectiveSetting(key: "ada-loss", reason: "ada-loss selects the loss of ada-local-sgd's cube-root rule; "
                                      + "\(algorithm.rawValue) does not read it; leave ada-loss out")
        }
        return nil
    }
}
