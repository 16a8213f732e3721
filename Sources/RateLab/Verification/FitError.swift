/// Bad input to a fit, a summary or the bootstrap. Every case names the routine (`fit`, e.g.
/// "GeometricFit.fit"), the offending parameter and what was expected.
public enum FitError: Error, CustomStringConvertible {
    /// Two inputs that must have equal lengths do not.
    case mismatchedLengths(fit: String, first: String, firstCount: Int, second: String, secondCount: Int)
    /// Fewer usable points than the fit needs; `reason` says which points were usable.
    case tooFewPoints(fit: String, needed: Int, got: Int, reason: String)
    /// A NaN or infinite entry where a finite one is required.
    case nonFinite(fit: String, parameter: String, index: Int, value: Double)
    /// A zero or negative entry where a positive one is required (it is taken to the log).
    case nonPositive(fit: String, parameter: String, index: Int, value: Double)
    /// An entry smaller than its predecessor where the series must be non-decreasing.
    case notNonDecreasing(fit: String, parameter: String, index: Int)
    /// The data cannot determine the fit, e.g. all x equal or collinear parameters.
    case degenerate(fit: String, reason: String)
    /// A scalar option out of its range.
    case invalidParameter(fit: String, parameter: String, value: Double, expected: String)

    public var description: String {
        switch self {
        case let .mismatchedLengths(fit, first, firstCount, second, secondCount):
            return "\(fit): `\(first)` has \(firstCount) entries but `\(second)` has \(secondCount); expected equal lengths"
        case let .tooFewPoints(fit, needed, got, reason):
            return "\(fit): needs at least \(needed) usable points, got \(got) (\(reason))"
        case let .nonFinite(fit, parameter, index, value):
            return "\(fit): `\(parameter)[\(index)]` is \(value); expected a finite number"
        case let .nonPositive(fit, parameter, index, value):
            return "\(fit): `\(parameter)[\(index)]` is \(value); expected a positive number (it is taken to the log)"
        case let .notNonDecreasing(fit, parameter, index):
            return "\(fit): `\(parameter)[\(index)]` is smaller than `\(parameter)[\(index - 1)]`; expected a non-decreasing series"
        case let .degenerate(fit, reason):
            return "\(fit): degenerate data: \(reason)"
        case let .invalidParameter(fit, parameter, value, expected):
            return "\(fit): `\(parameter)` is \(value); expected \(expected)"
        }
    }
}
