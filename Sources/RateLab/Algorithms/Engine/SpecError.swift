/// A run or claim parameter that cannot be used, with what was expected.
public enum SpecError: Error, CustomStringConvertible, Equatable {
    case invalid(parameter: String, value: String, expected: String)
    case unknownName(kind: String, name: String, known: [String])
    case incompatible(String)

    public var description: String {
        switch self {
        case let .invalid(parameter, value, expected):
            return "invalid \(parameter) '\(value)': expected \(expected)"
        case let .unknownName(kind, name, known):
            return "unknown \(kind) '\(name)'; known \(kind)s: \(known.joined(separator: ", "))"
        case let .incompatible(reason):
            return reason
        }
    }
}
