import Foundation
import RateLabVerification

/// `kind: threshold` — a per-run statistic lies below or above a fixed value at every matching grid point
/// (and for every seed: the worst seed decides). Either one condition (`below:` / `above:` with the check's
/// `where:`) or a list `cases:` of `{where: {...}, below: X}` / `{where: {...}, above: X}`, one row each — e.g.
/// "R-FAST reaches ‖x̄ − x*‖² ≤ 1e-20 while D-PSGD stays ≥ 1e-6".
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
            guard let worst = c.below ? values.max() : values.min() else {
                return CheckRow(check: label, outcome: spec.errorRow(nil, "no run gives a value of \(statistic)").outcome)
            }
            let quantity = "\(spec.metric.rawValue) (\(statistic), worst of \(points.count) point(s) × seeds)"
            return CheckRow(check: label, outcome: Checks.unboundedComparison(
                quantity, measured: worst, atLeast: c.below ? nil : c.limit, atMost: c.below ? c.limit : nil,
                note: "a target never reached (∞)"))
        }
    }
}
