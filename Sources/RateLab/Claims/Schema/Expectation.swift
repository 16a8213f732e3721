import Foundation
import RateLabVerification

/// A documented finding: the verdict a claim is known to get and why (`expect: fail` with
/// `reason: …`). The claim is then reported XFAIL when it gets that verdict and XPASS, a failure of the
/// gate, when it unexpectedly passes (strict xfail, as in pytest).
public struct Expectation: Sendable, Equatable {
    /// `fail` or `inconclusive`.
    public let verdict: Verdict
    /// Why the claim does not hold, in words (shown in every report).
    public let reason: String

    /// The verdicts a claim may be expected to get: a pass needs no expectation, and ERROR or DIVERGED
    /// are never a documented outcome.
    static let expectable: [Verdict] = [.fail, .inconclusive]

    /// Reads `expect:` and `reason:` of the claim mapping (nil when neither is given).
    init?(_ r: MappingReader) throws {
        guard let name = try r.string("expect") else {
            if try r.string("reason") != nil { throw r.error("reason", "'reason' explains an 'expect:'; give 'expect: fail' or 'expect: inconclusive' with it") }
            return nil
        }
        guard let verdict = Expectation.expectable.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            throw r.error("expect", "expect: '\(name)' must be one of \(Expectation.expectable.map { $0.rawValue.lowercased() }.joined(separator: ", "))")
        }
        guard let reason = try r.string("reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw r.error("expect", "expect: \(name) needs a 'reason:' saying why the claim does not hold")
        }
        self.verdict = verdict
        self.reason = reason
    }
}
