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

    /// The written forms of a schedule, whatever its parameters are written in (numbers on the
    /// command line, expressions in claim files).
    public enum Form: Sendable {
        /// `η` or `const:η` (also `constant:η`).
        case constant
        /// `inv:a:b`.
        case inverseTime
        /// `sqrt:c`.
        case inverseSqrtHorizon
    }

    /// The forms as a user writes them (for error messages).
    public static let writtenForms = "0.05, const:0.05, inv:A:B (η_t = A/(t+B)) or sqrt:C (η = C/√T)"

    /// Splits `text` at ':' into its form and the texts of its parameters, in the order of the
    /// form's case; nil if `text` has none of the forms.
    public static func form(of text: String) -> (form: Form, parameters: [String])? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch (parts[0], parts.count) {
        case (_, 1): return (.constant, parts)
        case ("const", 2), ("constant", 2): return (.constant, [parts[1]])
        case ("inv", 3): return (.inverseTime, Array(parts[1...]))
        case ("sqrt", 2): return (.inverseSqrtHorizon, [parts[1]])
        default: return nil
        }
    }

    /// The schedule of `form` with parameter values `values` (as `form(of:)` orders them; each
    /// finite and > 0) for a run of T = `horizon` steps. `parameter` names the setting in errors.
    public init(_ form: Form, _ values: [Double], horizon: Int, parameter: String) throws {
        precondition(values.count == (form == .inverseTime ? 2 : 1), "StepSchedule: \(values.count) parameters for \(form)")
        guard values.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw SpecError.invalid(parameter: parameter, value: values.map { "\($0)" }.joined(separator: ":"),
                                    expected: "positive finite parameters")
        }
        switch form {
        case .constant: self = .constant(values[0])
        case .inverseTime: self = .inverseTime(a: values[0], b: values[1])
        case .inverseSqrtHorizon: self = .inverseSqrtHorizon(c: values[0], horizon: horizon)
        }
    }

    /// Parses `--lr`: `0.05` or `const:0.05`, `inv:a:b` (η_t = a/(t+b)) or `sqrt:c` (η = c/√T with
    /// T = `horizon`), every parameter a positive number.
    public init(parsing text: String, horizon: Int) throws {
        let invalid = SpecError.invalid(parameter: "--lr", value: text, expected: "positive numbers in one of the forms " + Self.writtenForms)
        guard let (form, texts) = Self.form(of: text) else { throw invalid }
        let values = try texts.map { t -> Double in
            guard let v = Double(t) else { throw invalid }
            return v
        }
        do { try self.init(form, values, horizon: horizon, parameter: "--lr") } catch { throw invalid }
    }

    public var description: String {
        switch self {
        case let .constant(eta): return "const:\(eta)"
        case let .inverseTime(a, b): return "inv:\(a):\(b)"
        case let .inverseSqrtHorizon(c, _): return "sqrt:\(c)"
        }
    }
}
