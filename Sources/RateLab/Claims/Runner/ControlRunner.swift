import Foundation
import RateLabVerification

/// A control after its run: the verdict it got against the verdicts theory predicts.
public struct ControlOutcome: Sendable {
    public let control: Control
    /// The control's own check rows and verdict, as for any claim.
    public let outcome: ClaimOutcome

    /// The verdict the control got.
    public var verdict: Verdict { outcome.verdict }

    /// True when the control got a verdict theory predicts.
    public var held: Bool { control.expected.admits(verdict) }

    /// "this check cannot fail: control <name> got <verdict>, theory predicts <expected>" when the control
    /// did not hold; nil when it did.
    public var mismatch: String? {
        held ? nil : "this check cannot fail: control \(control.name) got \(verdict.rawValue), theory predicts \(control.expected)"
    }

    /// The control's line in the verdict table and fits.csv: named with its prediction, with the verdict it
    /// got and the numbers of the row that decided that verdict (its first row with that verdict).
    var row: CheckRow {
        let decisive = outcome.rows.first { $0.outcome.verdict == verdict } ?? outcome.rows.first
        var result = decisive?.outcome ?? .unmeasured(.error, "the control has no check rows")
        result.verdict = verdict
        result.detail = (mismatch ?? "\(verdict.rawValue) as theory predicts: \(control.why)")
            + (decisive.map { "; \($0.check): \($0.outcome.detail)" } ?? "")
        return CheckRow(check: "control \(control.name) (predicts \(control.expected))", outcome: result)
    }
}

extension ClaimRunner {
    /// Runs `control` beside its claim, whose runs are `data`. A control that changes only check parameters
    /// is evaluated on those runs; any other runs its own grid like a claim (cells in parallel, cached).
    func check(_ control: Control, beside data: ClaimData) throws -> ControlOutcome {
        guard control.sharesRuns else { return ControlOutcome(control: control, outcome: try check(control.claim)) }
        let shared = ClaimData(claim: control.claim, points: data.points)
        return ControlOutcome(control: control, outcome: ClaimOutcome(claim: control.claim, rows: shared.rows, data: shared, seconds: 0))
    }
}

extension ClaimOutcome {
    /// The claim's check rows followed by one row per control: what the verdict table and fits.csv list.
    var reportedRows: [CheckRow] { rows + controls.map(\.row) }
}
