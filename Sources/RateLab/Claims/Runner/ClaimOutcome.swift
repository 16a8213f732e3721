import Foundation
import RateLabVerification

/// A claim after its runs and checks: one row per check result and the overall verdict.
public struct ClaimOutcome: Sendable {
    public let claim: Claim
    public let rows: [CheckRow]
    let data: ClaimData
    /// Wall-clock seconds spent on the claim's runs.
    public let seconds: Double

    /// PASS only if every row passes; otherwise the most severe of ERROR, DIVERGED, FAIL.
    public var verdict: Verdict {
        for v in [Verdict.error, .diverged, .fail] where rows.contains(where: { $0.outcome.verdict == v }) { return v }
        return rows.isEmpty ? .error : .pass
    }
}

extension ClaimRunner {
    /// Runs the claim's grid and evaluates its checks.
    public func check(_ claim: Claim) -> ClaimOutcome {
        let start = Date()
        let data = run(claim)
        let seconds = Date().timeIntervalSince(start)
        let rows = claim.checks.flatMap { spec in spec.definition.evaluate(spec, data) }
        return ClaimOutcome(claim: claim, rows: rows, data: data, seconds: seconds)
    }
}
