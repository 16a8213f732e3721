import Foundation
import RateLabVerification

/// `kind: threshold` — a per-run statistic lies below or above a fixed value in every run (every seed of
/// every matching grid point): the worst run decides, a single violating run is a counterexample (FAIL).
/// Either one condition (`below:` / `above:` with the check's `where:`) or a list `cases:` of
/// `{where: {...}, below: X}` / `{where: {...}, above: X}`, one row each — e.g. "R-FAST reaches
/// ‖x̄ − x*‖² ≤ 1e-20 while D-PSGD stays ≥ 1e-6". The row's interval is [best, worst] over the N runs; as an
/// order statistic, the worst of N runs bounds the q-quantile of the run-to-run distribution with
/// confidence 1 − q^N, so a PASS says that with 95% confidence at least a fraction 0.05^{1/N} of runs satisfy
/// the condition (stated in the detail).
/// `statistic`: final (default), min, mean, tail-mean, time-to-target (with `target`), rounds.
struct ThresholdCheck: ClaimCheck {
    static let kind = "threshold"
    static let keys = ["below", "above", "cases", "statistic", "target"]

    struct Case: Sendable {
        let filter: [String: String]
        let limit: Double
        let below: Bool
    }

    let cases: [Case]
    let statistic: Statistic

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        statistic = try r.statistic()
        func condition(_ m: MappingReader, filter: [String: String]) throws -> Case {
            switch (try m.double("below"), try m.double("above")) {
            case let (b?, nil): return Case(filter: filter, limit: b, below: true)
            case let (nil, a?): return Case(filter: filter, limit: a, below: false)
            default: throw m.error("kind", "\(m.context) needs exactly one of 'below' or 'above'")
            }
        }
        if let node = r.node("cases") {
            guard case let .sequence(seq) = node, !seq.isEmpty else { throw r.error("cases", "'cases' must be a non-empty list") }
            cases = try seq.enumerated().map { k, n in
                let m = try MappingReader(n, file: r.file, context: "\(r.context) case \(k + 1)")
                try m.requireOnly(["where", "below", "above"])
                return try condition(m, filter: try CheckSpec.selector(m, "where", axes: axes) ?? [:])
            }
        } else {
            cases = [try condition(r, filter: [:])]
        }
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        cases.map { c in
            let points = spec.points(data).filter { $0.point.matches(c.filter) }
            let label = spec.label + (c.filter.isEmpty ? "" : " [" + c.filter.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "]")
            guard !points.isEmpty else { return spec.errorRow(nil, "no grid point matches \(c.filter)") }
            if let bad = points.lazy.compactMap(spec.unusableRow).first { return CheckRow(check: label, outcome: bad.outcome) }
            let values = points.flatMap { p in p.runs.compactMap { statistic.value(of: $0.result, spec.metric, spec.x) } }
            guard let worst = c.below ? values.max() : values.min(), let best = c.below ? values.min() : values.max() else {
                return CheckRow(check: label, outcome: spec.errorRow(nil, "no run gives a value of \(statistic)").outcome)
            }
            return CheckRow(check: label, outcome: ThresholdCheck.decide(
                "\(spec.metric.rawValue) (\(statistic))", worst: worst, best: best, runs: values.count, limit: c.limit, below: c.below))
        }
    }

    /// PASS when the worst of the `runs` values satisfies the condition, FAIL when it does not (a
    /// counterexample), DIVERGED when it is NaN.
    static func decide(_ quantity: String, worst: Double, best: Double, runs n: Int, limit: Double, below: Bool) -> CheckOutcome {
        let method = "worst of \(n) run(s): with 95% confidence a fraction ≥ \(short(pow(0.05, 1 / Double(n)))) of runs lie on the worst's side"
        guard !worst.isNaN else {
            return CheckOutcome(verdict: .diverged, measured: worst, interval: nil, bound: limit, margin: nil, method: method,
                                detail: "\(quantity): a run gives NaN DIVERGED")
        }
        let margin = below ? limit - worst : worst - limit
        let verdict: Verdict = margin >= 0 ? .pass : .fail
        let interval = Interval(low: min(worst, best), high: max(worst, best))
        return CheckOutcome(verdict: verdict, measured: worst, interval: interval, bound: limit, margin: margin, method: method,
                            detail: "\(quantity): worst of \(n) run(s) \(short(worst)) \(below ? "≤" : "≥") \(short(limit)) (\(method)) \(verdict.rawValue)")
    }
}
