/// Input checks shared by the fits; each throws the `FitError` that names `fit` and the parameter.
enum Validation {
    /// A confidence level must lie strictly between 0 and 1.
    static func level(_ level: Double, fit: String) throws {
        guard level > 0, level < 1 else {
            throw FitError.invalidParameter(fit: fit, parameter: "level", value: level, expected: "a confidence level in (0, 1)")
        }
    }

    static func sameLength(_ a: [Double], _ aName: String, _ b: [Double], _ bName: String, fit: String) throws {
        guard a.count == b.count else {
            throw FitError.mismatchedLengths(fit: fit, first: aName, firstCount: a.count, second: bName, secondCount: b.count)
        }
    }

    static func finite(_ values: [Double], _ name: String, fit: String) throws {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw FitError.nonFinite(fit: fit, parameter: name, index: i, value: values[i])
        }
    }

    /// Finite and > 0 (the values are taken to the log).
    static func positive(_ values: [Double], _ name: String, fit: String) throws {
        try finite(values, name, fit: fit)
        if let i = values.firstIndex(where: { $0 <= 0 }) {
            throw FitError.nonPositive(fit: fit, parameter: name, index: i, value: values[i])
        }
    }

    static func nonDecreasing(_ values: [Double], _ name: String, fit: String) throws {
        if let i = values.indices.dropFirst().first(where: { values[$0] < values[$0 - 1] }) {
            throw FitError.notNonDecreasing(fit: fit, parameter: name, index: i)
        }
    }
}
