/// The verdict of a check on a claim.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    /// The whole interval of the measurement lies on the claim's side of its bound (or inside its
    /// equivalence band): the measurement supports the claim at the stated level.
    case pass = "PASS"
    /// The whole interval lies on the wrong side (or outside the band): the measurement contradicts the claim.
    case fail = "FAIL"
    /// The interval straddles the bound (or the band's edge), or is wider than the check's `resolution`:
    /// the data cannot decide. Never counted as a pass.
    case inconclusive = "INCONCLUSIVE"
    /// The run blew up (NaN, infinity): reported as such, never as a pass or a crash.
    case diverged = "DIVERGED"
    /// The check could not be carried out (bad input, solver failure).
    case error = "ERROR"

    /// Severity order used to summarise several rows: ERROR > DIVERGED > FAIL > INCONCLUSIVE > PASS.
    public var severity: Int {
        switch self {
        case .pass: return 0
        case .inconclusive: return 1
        case .fail: return 2
        case .diverged: return 3
        case .error: return 4
        }
    }
}
