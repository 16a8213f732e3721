/// What `ratelab check` concludes from a run of claims: their outcomes, the baseline drifts and whether
/// the run was interrupted. The exit status and the closing line are both derived here, so they agree.
public struct GateResult {
    public let outcomes: [ClaimOutcome]
    /// Rows that moved from the baseline (empty without `--baseline`).
    public let drifts: [Drift]
    /// The claims not run because the run was interrupted (SIGINT/SIGTERM); empty after a full run.
    public let notRun: [String]

    public init(outcomes: [ClaimOutcome], drifts: [Drift] = [], notRun: [String] = []) {
        self.outcomes = outcomes
        self.drifts = drifts
        self.notRun = notRun
    }

    /// Exit status of an interrupted run (128 + SIGINT, as a shell reports Ctrl-C).
    public static let interruptedStatus: Int32 = 130

    /// True when the run stopped before every claim was checked.
    public var isPartial: Bool { !notRun.isEmpty }

    /// 130 interrupted; 0 when every claim is PASS or XFAIL and nothing drifted; 1 otherwise.
    public var exitStatus: Int32 {
        if isPartial { return GateResult.interruptedStatus }
        return outcomes.allSatisfy(\.status.passesGate) && drifts.isEmpty ? 0 : 1
    }

    /// Claims per status name, e.g. ["PASS": 12, "XFAIL": 2].
    var claimCounts: [String: Int] { Dictionary(grouping: outcomes, by: \.status.name).mapValues(\.count) }

    /// Rows per verdict as the gate sees it (`ClaimOutcome.gateVerdict`: XFAIL and XPASS included).
    var checkCounts: [String: Int] {
        Dictionary(grouping: outcomes.flatMap { o in o.rows.map(o.gateVerdict) }, by: { $0 }).mapValues(\.count)
    }

    /// The last line of the summary, e.g. "gate: FAIL (exit 1): 1 claim FAIL, 1 XPASS, 2 baseline drifts".
    public var closingLine: String {
        let status = exitStatus
        if isPartial {
            return "gate: INTERRUPTED (exit \(status)): partial report, \(outcomes.count) claim(s) checked, \(notRun.count) not run; "
                + "run again with the same --cache to resume"
        }
        guard status != 0 else {
            let xfail = claimCounts["XFAIL"] ?? 0, figures = claimCounts["FIGURE"] ?? 0
            return "gate: PASS (exit 0): \(outcomes.count) claim(s), every one PASS\(xfail > 0 ? " or XFAIL (\(xfail))" : "")"
                + "\(figures > 0 ? " or FIGURE (\(figures), no checks)" : ""), no baseline drift"
        }
        var reasons = GateResult.order.compactMap { name in
            (claimCounts[name] ?? 0) > 0 && !["PASS", "XFAIL", "FIGURE"].contains(name) ? "\(claimCounts[name]!) claim(s) \(name)" : nil
        }
        if !drifts.isEmpty { reasons.append("\(drifts.count) baseline drift(s)") }
        return "gate: FAIL (exit \(status)): " + reasons.joined(separator: ", ")
    }

    /// The order statuses are counted in.
    static let order = ["PASS", "XFAIL", "XPASS", "FAIL", "INCONCLUSIVE", "DIVERGED", "ERROR", "FIGURE"]
}
