import Foundation
import RateLabVerification

/// `kind: compare` — the ratio of a statistic between two kinds of grid point, e.g. simulated time to reach
/// gap 1e-3 of `sgd-allreduce` over `rfast` ≥ 1.5:
///
///     numerator: {run.algorithm: sgd-allreduce}
///     denominator: {run.algorithm: rfast}
///     statistic: time-to-target, target: 1e-3, x: sim_time
///     at-least: 1.5            # and/or at-most: X
///     increasing-in: problem.workers   # optional: the ratio must grow along this axis
///
/// Points are paired on the remaining axes (one row per pair); statistics are geometric means over seeds.
struct CompareCheck: ClaimCheck {
    static let kind = "compare"
    static let keys = ["numerator", "denominator", "statistic", "target", "at-least", "at-most", "increasing-in"]

    let numerator: [String: String]
    let denominator: [String: String]
    let statistic: Statistic
    let atLeast: Double?
    let atMost: Double?
    let increasingIn: String?

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        guard let n = try CheckSpec.selector(r, "numerator", axes: axes), let d = try CheckSpec.selector(r, "denominator", axes: axes) else {
            throw r.error("kind", "compare needs 'numerator' and 'denominator' selectors, e.g. {run.algorithm: rfast}")
        }
        numerator = n
        denominator = d
        statistic = try r.statistic()
        atLeast = try r.double("at-least")
        atMost = try r.double("at-most")
        guard atLeast != nil || atMost != nil else { throw r.error("kind", "compare needs 'at-least' and/or 'at-most'") }
        increasingIn = try CheckSpec.axis(r, "increasing-in", axes: axes)
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        let selectorAxes = Set(numerator.keys).union(denominator.keys)
        func pairKey(_ p: PointResult) -> String {
            p.point.values.filter { !selectorAxes.contains($0.axis) }.map { "\($0.axis)=\($0.value.text)" }.joined(separator: ", ")
        }
        let points = spec.points(data)
        let tops = points.filter { $0.point.matches(numerator) }
        let bottoms = Dictionary(points.filter { $0.point.matches(denominator) }.map { (pairKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        guard !tops.isEmpty else { return [spec.errorRow(nil, "no grid point matches numerator \(numerator)")] }
        var rows = [CheckRow](), trend = [(Double, Double)]()
        for top in tops {
            let key = pairKey(top)
            let label = spec.label + (key.isEmpty ? "" : " [\(key)]")
            guard let bottom = bottoms[key] else { rows.append(spec.errorRow(nil, "no denominator point pairs with [\(key)]")); continue }
            if let bad = spec.unusableRow(top) ?? spec.unusableRow(bottom) { rows.append(CheckRow(check: label, outcome: bad.outcome)); continue }
            guard let a = top.statistic(statistic, spec.metric, spec.x), let b = bottom.statistic(statistic, spec.metric, spec.x) else {
                rows.append(spec.errorRow(nil, "statistic unavailable for [\(key)]")); continue
            }
            let ratio = a / b
            let quantity = "\(statistic) \(spec.metric.rawValue) ratio \(describe(numerator))/\(describe(denominator)) = \(short(a))/\(short(b))"
            var outcome: CheckOutcome
            if let low = atLeast {
                outcome = Checks.lowerBound(quantity, measured: ratio, bound: low)
                if let high = atMost, outcome.verdict == .pass { outcome = Checks.upperBound(quantity, measured: ratio, bound: high) }
            } else {
                outcome = Checks.upperBound(quantity, measured: ratio, bound: atMost!)
            }
            if !a.isFinite || !b.isFinite { outcome.detail += " (a target that is never reached counts as ∞)" }
            rows.append(CheckRow(check: label, outcome: outcome))
            if let axis = increasingIn, let v = Double(top.point.value(axis) ?? "") { trend.append((v, ratio)) }
        }
        if let axis = increasingIn {
            let sorted = trend.sorted { $0.0 < $1.0 }
            let steps = zip(sorted, sorted.dropFirst()).map { $1.1 - $0.1 }
            let smallest = steps.min() ?? .nan
            rows.append(CheckRow(check: spec.label + " increasing in \(axis)", outcome: CheckOutcome(
                verdict: smallest > 0 ? .pass : .fail, measured: smallest, interval: nil, bound: 0, margin: smallest,
                detail: "ratios along \(axis): " + sorted.map { "\(short($0.0)):\(short($0.1))" }.joined(separator: " ")
                    + " — smallest increase \(short(smallest))")))
        }
        return rows
    }

    private func describe(_ selector: [String: String]) -> String { selector.values.sorted().joined(separator: ",") }
}
