/// Step size η_t as a function of the iteration t = 0, 1, 2, …
public enum StepSchedule: Codable, Hashable, Sendable, CustomStringConvertible {
    /// η_t = η.
    case constant(Double)
    /// η_t = a / (t + b) — the diminishing step of SGD theory (e.g. a = 4/μ, b = a·L).
    case inverseTime(a: Double, b: Double)
    /// η_t = c / √T for a run of T steps (constant within the run; the nonconvex SGD choice).
    case inverseSqrtHorizon(c: Double, horizon: Int)

    /// η_t.
    @inline(__always)
    public func rate(at t: Int) -> Double {
        switch self {
        case let .constant(eta): return eta
        case let .inverseTime(a, b): return a / (Double(t) + b)
        case let .inverseSqrtHorizon(c, horizon): return c / Double(max(1, horizon)).squareRoot()
        }
    }

    /// Parses `0.05` or `const:0.05`, `inv:a:b` (η_t = a/(t+b)) and `sqrt:c` (η = c/√T with T = `horizon`).
    public init(parsing text: String, horizon: Int) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func number(_ s: String) throws -> Double {
            guard let v = Double(s), v.isFinite, v > 0 else {
                throw SpecError.invalid(parameter: "--lr", value: text, expected: "positive numbers, e.g. 0.05, const:0.05, inv:4:100 or sqrt:0.5")
            }
            return v
        }
        switch (parts.first ?? "", parts.count) {
        case (_, 1): self = .constant(try number(parts[0]))
        case ("const", 2), ("constant", 2): self = .constant(try number(parts[1]))
        case ("inv", 3): self = .inverseTime(a: try number(parts[1]), b: try number(parts[2]))
        case ("sqrt", 2): self = .inverseSqrtHorizon(c: try number(parts[1]), horizon: horizon)
        default:
            throw SpecError.invalid(parameter: "--lr", value: text, expected: "0.05, const:0.05, inv:A:B or sqrt:C")
        }
    }

    public var description: String {
        switch self {
        case let .constant(eta): return "const:\(eta)"
        case let .inverseTime(a, b): return "inv:\(a):\(b)"
        case let .inverseSqrtHorizon(c, _): return "sqrt:\(c)"
        }
    }
}
