/// An error in a simulation setting: a compute, straggler, loss or network specification that is malformed
/// or outside its allowed range.
public enum SimulationError: Error, CustomStringConvertible, Equatable {
    /// `parameter` was given `value`; `expected` says what is allowed (with an example).
    case invalidSetting(parameter: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .invalidSetting(parameter, value, expected):
            return "invalid \(parameter) '\(value)': expected \(expected)"
        }
    }
}
