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

    /// The verdict seen through the claim's expectation: what the gate reports (FIGURE for a claim without checks).
    public var status: ClaimStatus {
        claim.isFigureOnly ? .figureOnly : ClaimStatus(verdict: verdict, expectation: claim.expectation)
    }

    /// A row's verdict as the gate sees it: XFAIL for every row that did not pass in a claim that got
    /// its expected verdict (the expectation covers the claim), XPASS for every row of a claim that passed
    /// against its expectation, otherwise the row's verdict.
    func gateVerdict(_ row: CheckRow) -> String {
        switch status {
        case .expectedFailure where row.outcome.verdict != .pass: return "XFAIL"
        case .unexpectedPass: return "XPASS"
        default: return row.outcome.verdict.rawValue
        }
    }
}

/// A claim's verdict against its expectation, as the gate reports it.
public enum ClaimStatus: Equatable, Sendable {
    /// No expectation, or one the verdict does not meet: the verdict as it is (PASS, FAIL, …).
    case verdict(Verdict)
    /// The documented verdict (`expect:`) was got: XFAIL, the gate passes.
    case expectedFailure(reason: String)
    /// A claim expected to fail passed: XPASS, the gate fails (the documented finding is stale).
    case unexpectedPass(reason: String)
    /// A claim without checks (figure data only): FIGURE, nothing to decide, the gate passes.
    case figureOnly

    /// XFAIL when `verdict` is the expected one, XPASS when it is PASS against an expectation,
    /// otherwise the verdict itself (an expected FAIL that errs or diverges is an ERROR or DIVERGED).
    init(verdict: Verdict, expectation: Expectation?) {
        guard let expectation else { self = .verdict(verdict); return }
        if verdict == expectation.verdict {
            self = .expectedFailure(reason: expectation.reason)
        } else if verdict == .pass {
            self = .unexpectedPass(reason: expectation.reason)
        } else {
            self = .verdict(verdict)
        }
    }

    /// PASS, FAIL, INCONCLUSIVE, DIVERGED, ERROR, XFAIL or XPASS.
    public var name: String {
        switch self {
        case let .verdict(v): return v.rawValue
        case .expectedFailure: return "XFAIL"
        case .unexpectedPass: return "XPASS"
        case .figureOnly: return "FIGURE"
        }
    }

    /// True for PASS, XFAIL and FIGURE: the claims `ratelab check` exits 0 with.
    public var passesGate: Bool {
        switch self {
        case .verdict(.pass), .expectedFailure, .figureOnly: return true
        default: return false
        }
    }

    /// The documented reason of an XFAIL or XPASS.
    public var reason: String? {
        switch self {
        case .verdict, .figureOnly: return nil
        case let .expectedFailure(reason), let .unexpectedPass(reason): return reason
        }
    }
}

extension ClaimRunner {
    /// Runs the claim's grid, evaluates its checks, then runs its controls; throws `Interrupted` when stopped.
    public func check(_ claim: Claim) throws -> ClaimOutcome {
        let start = Date()
        let data = try run(claim)
        var outcome = ClaimOutcome(claim: claim, rows: data.rows, data: data, seconds: Date().timeIntervalSince(start))
        outcome.controls = try claim.controls.map { try check($0, beside: data) }
        return outcome
    }
}

extension ClaimData {
    /// The row of every check of `claim` on these runs.
    var rows: [CheckRow] {
        claim.checks.flatMap { spec in
            spec.definition.evaluate(spec, self).map { row -> CheckRow in
                var row = row
                row.metric = spec.metric
                return row
            }
        }
    }
}

extension ClaimRunner {
    /// Runs the claim's grid only (no checks) and writes `<reports>/<claim>/trajectories.csv`,
    /// `aggregate.csv` and its plots; returns a one-line summary.
    public func sweep(_ claim: Claim, reports: String) throws -> String {
        let data = try run(claim)
        let plots = try ClaimReports.writeFigureData(data, rows: [], to: "\(reports)/\(claim.id)")
        let failed = data.points.filter { $0.failure != nil }
        let runs = data.points.map(\.runs.count).reduce(0, +)
        return "\(claim.id): \(runs) runs over \(data.points.count) grid points written to \(reports)/\(claim.id)/trajectories.csv, aggregate.csv and \(plots.joined(separator: ", "))"
            + (failed.isEmpty ? "" : "; \(failed.count) point(s) failed: \(failed[0].failure!)")
    }
}
