import Foundation
import RateLabVerification

/// A claim after its runs and checks: one row per check result and the overall verdict.
public struct ClaimOutcome: Sendable {
    public let claim: Claim
    public let rows: [CheckRow]
    let data: ClaimData
    /// Wall-clock seconds spent on the claim's runs.
    public let seconds: Double
    /// The claim's controls, each after its run.
    public internal(set) var controls: [ControlOutcome] = []

    /// ERROR when a control did not get its predicted verdict (the checks cannot fail); otherwise PASS
    /// only if every row passes, else the most severe row verdict (ERROR > DIVERGED > FAIL > INCONCLUSIVE).
    public var verdict: Verdict {
        guard !rows.isEmpty, controls.allSatisfy(\.held) else { return .error }
        return rows.map(\.outcome.verdict).max { $0.severity < $1.severity } ?? .error
    }
}

extension ClaimRunner {
    /// Runs the claim's grid, evaluates its checks, then runs its controls.
    public func check(_ claim: Claim) -> ClaimOutcome {
        let start = Date()
        let data = run(claim)
        var outcome = ClaimOutcome(claim: claim, rows: data.rows, data: data, seconds: Date().timeIntervalSince(start))
        outcome.controls = claim.controls.map { check($0, beside: data) }
        return outcome
    }
}

extension ClaimData {
    /// The row of every check of `claim` on these runs.
    var rows: [CheckRow] { claim.checks.flatMap { spec in spec.definition.evaluate(spec, self) } }
}

extension ClaimRunner {
    /// Runs the claim's grid only (no checks) and writes `<reports>/<claim>/trajectories.csv`;
    /// returns a one-line summary.
    public func sweep(_ claim: Claim, reports: String) throws -> String {
        let data = run(claim)
        try ClaimReports.writeTrajectories(data, to: "\(reports)/\(claim.id)")
        let failed = data.points.filter { $0.failure != nil }
        let runs = data.points.map(\.runs.count).reduce(0, +)
        return "\(claim.id): \(runs) runs over \(data.points.count) grid points written to \(reports)/\(claim.id)/trajectories.csv"
            + (failed.isEmpty ? "" : "; \(failed.count) point(s) failed: \(failed[0].failure!)")
    }
}
