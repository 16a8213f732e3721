/// The verdict of a check on a claim.
public enum Verdict: String, Codable, Sendable {
    /// The measurement satisfies the claim, with its stated margin.
    case pass = "PASS"
    /// The measurement contradicts the claim.
    case fail = "FAIL"
    /// The run blew up (NaN, infinity): reported as such, never as a pass or a crash.
    case diverged = "DIVERGED"
    /// The check could not be carried out (bad input, solver failure).
    case error = "ERROR"
}
