/// An error from the linear-algebra layer: a LAPACK routine that returned `info ≠ 0`,
/// or operands whose shapes do not fit together.
public enum LinalgError: Error, CustomStringConvertible, Equatable {
    /// `routine` returned `info`; `meaning` says what that value means for this routine.
    case lapack(routine: String, info: Int, meaning: String)
    /// Operand shapes that do not match, e.g. "gemv: A is 3×4 but x has 5 entries".
    case dimensionMismatch(String)

    public var description: String {
        switch self {
        case let .lapack(routine, info, meaning):
            return "LAPACK \(routine) failed (info = \(info)): \(meaning)"
        case let .dimensionMismatch(what):
            return "dimension mismatch: \(what)"
        }
    }

    /// Turns a LAPACK `info` into an error. `info < 0` means argument `-info` was illegal;
    /// `info > 0` has a routine-specific meaning given by `positive`.
    static func check(_ routine: String, _ info: Int32, positive: (Int) -> String) throws {
        if info == 0 { return }
        let i = Int(info)
        let meaning = i < 0 ? "argument \(-i) had an illegal value" : positive(i)
        throw LinalgError.lapack(routine: routine, info: i, meaning: meaning)
    }
}
