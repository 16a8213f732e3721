/// An impossible or inconsistent problem specification. Each case names the parameter and says
/// what was expected.
public enum ProblemError: Error, CustomStringConvertible, Equatable {
    /// A problem name that is not in the catalog.
    case unknownProblem(name: String, known: [String])
    /// A parameter outside its allowed range: `parameter` = `value`, expected `expected`.
    case invalidParameter(parameter: String, value: String, expected: String)
    /// A parameter that the named problem does not use.
    case inapplicableParameter(parameter: String, problem: String, reason: String)
    /// A data file the problem needs but was not given.
    case missingData(problem: String, expected: String)
    /// A LAPACK routine failed while the problem was built from `source` (e.g. the eigenvalues of its Gram matrix).
    case numericFailure(source: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownProblem(name, known):
            return "unknown problem '\(name)', expected one of: \(known.joined(separator: ", "))"
        case let .invalidParameter(parameter, value, expected):
            return "parameter \(parameter) = \(value) is invalid, expected \(expected)"
        case let .inapplicableParameter(parameter, problem, reason):
            return "parameter \(parameter) does not apply to problem '\(problem)': \(reason)"
        case let .missingData(problem, expected):
            return "problem '\(problem)' needs a data file: \(expected)"
        case let .numericFailure(source, reason):
            return "\(source): the problem cannot be built: \(reason) (rescale the data)"
        }
    }
}
