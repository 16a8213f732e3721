import Foundation
import RateLabVerification

/// `kind: threshold` — a per-run statistic lies below or above a fixed value in every run (every seed of
/// every matching grid point): the worst run decides, a single violating run is a counterexample (FAIL).
/// Either one condition (`below:` / `above:` with the check's `where:`) or a list `cases:` of
/// `{where: {...}, below: X}` / `{where: {...}, above: X}`, one row each — e.g. "R-FAST reaches
/// ‖x̄ − x*‖² ≤ 1e-20 while D-PSGD stays ≥ 1e-6". The row's interval is [best, worst] over the N runs; as an
/// order statistic, the worst of N runs bounds the q-quantile of the run-to-run distribution with
/// confidence 1 − q^N, so a PASS says that with 95% confidence at least a fraction 0.05^{1/N} of runs satisfy
/// the condition (stated in the detail). A condition may instead be `expected: EXPR` with `tolerance: REL`
/// (default 1e-9): |statistic − expected| ≤ REL·|expected| in every run, the expression evaluated per point
/// (the run with the largest relative deviation decides, as an exact value), e.g. "GD's final gap is
/// L·R²/(4N+2)".
/// `statistic`: final (default), min, mean, tail-mean, time-to-target (with `target`), rounds.
struct ThresholdCheck: ClaimCheck {
    static let kind = "threshold"
    static let keys = ["below", "above", "expected", "tolerance", "cases", "statistic", "target"]

    struct Case: Sendable {
        enum Condition: Sendable {
            case below(Double)
            case above(Double)
            /// Equal to the expression's value at each point within a relative tolerance.
            case equal(Expression, tolerance: Double)
        }

        let filter: [String: String]
        let condition: Condition
    }

    let cases: [Case]
    let statistic: Statistic

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        statistic = try r.statistic()
        func condition(_ m: MappingReader, filter: [String: String]) throws -> Case {
            switch (try m.double("below"), try m.double("above"), try m.expression("expected")) {
            case let (b?, nil, nil): return Case(filter: filter, condition: .below(b))
            case let (nil, a?, nil): return Case(filter: filter, condition: .above(a))
            case let (nil, nil, e?): return Case(filter: filter, condition: .equal(e, tolerance: try m.double("tolerance") ?? 1e-9))
            default: throw m.error("kind", "\(m.context) needs exactly one of 'below', 'above' or 'expected'")
            }
        }
        if let node = r.node("cases") {
            guard case let .sequence(seq) = node, !seq.isEmpty else { throw r.error("cases", "'cases' must be a non-empty list") }
            cases = try seq.enumerated().map { k, n in
                let m = try MappingReader(n, file: r.file, context: "\(r.context) case \(k + 1)")
                try m.requireOnly(["where", "below", "above", "expected", "tolerance"])
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
            let quantity = "\(spec.metric.rawValue) (\(statistic), worst of \(points.count) point(s) × seeds)"
            switch c.condition {
            case let .below(limit): return CheckRow(check: label, outcome: comparison(quantity, points, limit, below: true, spec))
            case let .above(limit): return CheckRow(check: label, outcome: comparison(quantity, points, limit, below: false, spec))
            case let .equal(expression, tolerance):
                return CheckRow(check: label, outcome: equality(quantity, points, expression, tolerance, spec))
            }
        }
    }

    /// The worst statistic over points and seeds (the largest for `below`, the smallest for `above`) against
    /// `limit`: PASS when it satisfies the condition, FAIL when it does not (a counterexample), DIVERGED on NaN.
    private func comparison(_ quantity: String, _ points: [PointResult], _ limit: Double, below: Bool, _ spec: CheckSpec) -> CheckOutcome {
        let values = points.flatMap { p in p.runs.compactMap { statistic.value(of: $0.result, spec.metric, spec.x) } }
        guard let worst = below ? values.max() : values.min(), let best = below ? values.min() : values.max() else {
            return .unmeasured(.error, "no run gives a value of \(statistic)")
        }
        let n = values.count
        let method = "worst of \(n) run(s): with 95% confidence a fraction ≥ \(short(pow(0.05, 1 / Double(n)))) of runs lie on the worst's side"
        guard !worst.isNaN else {
            return CheckOutcome(verdict: .diverged, measured: worst, interval: nil, bound: limit, margin: nil, method: method,
                                detail: "\(quantity): a run gives NaN DIVERGED")
        }
        let margin = below ? limit - worst : worst - limit
        let verdict: Verdict = margin >= 0 ? .pass : .fail
        return CheckOutcome(verdict: verdict, measured: worst, interval: Interval(low: min(worst, best), high: max(worst, best)),
                            bound: limit, margin: margin, method: method,
                            detail: "\(quantity): worst \(short(worst)) \(below ? "≤" : "≥") bound \(short(limit)) (\(method)) \(verdict.rawValue)")
    }

    /// The relative-tolerance outcome at the (point, seed) whose statistic deviates most, relatively, from
    /// `expression` evaluated with that point's bindings.
    private func equality(
        _ quantity: String, _ points: [PointResult], _ expression: Expression, _ tolerance: Double, _ spec: CheckSpec
    ) -> CheckOutcome {
        var worst: (deviation: Double, measured: Double, expected: Double, point: String)?
        for point in points {
            let expected = expression.evaluate(point.bindings)
            for run in point.runs {
                let measured = statistic.value(of: run.result, spec.metric, spec.x) ?? .nan
                let deviation = abs(measured - expected) / abs(expected)
                if let w = worst, w.deviation.isNaN || deviation <= w.deviation { continue }
                worst = (deviation, measured, expected, point.point.label)
            }
        }
        guard let worst else { return .unmeasured(.error, "no run gives a value of \(statistic)") }
        var outcome = Checks.equals(quantity, .exact(worst.measured, why: "the run with the largest relative deviation"),
                                    expected: worst.expected, tolerance: tolerance * abs(worst.expected))
        outcome.detail += "; largest relative deviation \(short(worst.deviation))" + (worst.point.isEmpty ? "" : " at \(worst.point)")
        return outcome
    }
}
