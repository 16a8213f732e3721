import Foundation
import RateLabVerification

/// A claim after its runs and checks: one row per check result and the overall verdict.
public struct ClaimOutcome: Sendable {
    public let claim: Claim
    public let rows: [CheckRow]
    let data: ClaimData
    /// Wall-clock seconds spent on the claim's runs.
    public let seconds: Double

    /// PASS only if every row passes; otherwise the most severe row verdict
    /// (ERROR > DIVERGED > FAIL > INCONCLUSIVE).
    public var verdict: Verdict {
        guard !rows.isEmpty else { return .error }
        return rows.map(\.outcome.verdict).max { $0.severity < $1.severity } ?? .error
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
