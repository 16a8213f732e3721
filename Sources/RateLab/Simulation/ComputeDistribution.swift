import Foundation
import RateLabLinalg
import RateLabTopology

/// Time for one minibatch gradient on a worker, in simulated seconds.
///
/// Written as `const:<s>` (or `constant:<s>`), `exp:<mean>` (or `exponential:<mean>`) or
/// `lognormal:<mean>:<sigma>`; `description` gives the canonical form.
public enum ComputeDistribution: Equatable, Sendable, ParsableSpecification {
    /// Always the same time, in seconds (> 0).
    case constant(Double)
    /// Exponential with the given mean in seconds (> 0): density (1/m) e^(−t/m).
    case exponential(mean: Double)
    /// Log-normal e^(μ + σZ), Z ~ N(0, 1), parameterised by its mean m (seconds, > 0) and σ ≥ 0 of the
    /// logarithm: μ = ln m − σ²/2 so that E[time] = m; variance (e^(σ²) − 1) m².
    case logNormal(mean: Double, sigma: Double)

    /// The expected time per gradient, seconds.
    public var mean: Double {
        switch self {
        case let .constant(t): return t
        case let .exponential(m): return m
        case let .logNormal(m, _): return m
        }
    }

    /// The variance of the time per gradient, s²: 0, m², (e^(σ²) − 1) m².
    public var variance: Double {
        switch self {
        case .constant: return 0
        case let .exponential(m): return m * m
        case let .logNormal(m, sigma): return expm1(sigma * sigma) * m * m
        }
    }

    /// One draw, in seconds. Consumes 0 (constant), 1 (exponential) or 1–2 (log-normal, Box–Muller) numbers of `rng`.
    public func sample(rng: inout RandomStream) -> Double {
        switch self {
        case let .constant(t):
            return t
        case let .exponential(m):
            return rng.nextExponential(mean: m)
        case let .logNormal(m, sigma):
            return exp(log(m) - sigma * sigma / 2 + sigma * rng.nextGaussian())
        }
    }

    public var description: String {
        switch self {
        case let .constant(t): return "const:\(t)"
        case let .exponential(m): return "exp:\(m)"
        case let .logNormal(m, sigma): return "lognormal:\(m):\(sigma)"
        }
    }

    /// Parses `const:1`, `constant:1`, `exp:1`, `exponential:1` or `lognormal:1:0.5`. Means must be in
    /// (0, `SimulationLimits.maxSeconds`], σ in [0, `SimulationLimits.maxSigma`]; anything else throws
    /// `SimulationError.invalidSetting` naming the expected forms.
    public init(parsing text: String) throws {
        let fields = Self.specificationFields(text)
        let numbers = fields.dropFirst().map { Double($0) }
        let valid = numbers.allSatisfy { $0?.isFinite == true }
        let values = numbers.compactMap { $0 }
        let name = ["constant": "const", "exponential": "exp"][fields[0]] ?? fields[0]
        let mean = { (t: Double) in t > 0 && t <= SimulationLimits.maxSeconds }
        switch (name, values.count) {
        case ("const", 1) where valid && mean(values[0]):
            self = .constant(values[0])
        case ("exp", 1) where valid && mean(values[0]):
            self = .exponential(mean: values[0])
        case ("lognormal", 2) where valid && mean(values[0]) && (0...SimulationLimits.maxSigma).contains(values[1]):
            self = .logNormal(mean: values[0], sigma: values[1])
        default:
            throw SimulationError.invalidSetting(
                parameter: "--compute", value: text,
                expected: "const:<seconds>, exp:<mean seconds> or lognormal:<mean seconds>:<sigma>, "
                    + "with every time in (0, \(SimulationLimits.maxSeconds)] s and sigma in [0, \(SimulationLimits.maxSigma)] (e.g. exp:1 or lognormal:1:0.5)")
        }
    }
}
