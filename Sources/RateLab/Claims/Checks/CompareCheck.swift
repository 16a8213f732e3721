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
///     best-over: run.lr                # optional: each side at its best (smallest) value over this axis
///
/// Points are paired on the remaining axes (one row per pair); statistics are geometric means over seeds.
/// With `best-over`, diverged settings of that axis are skipped (they are simply not the best).
struct CompareCheck: ClaimCheck {
    static let kind = "compare"
    static let keys = ["numerator", "denominator", "statistic", "target", "at-least", "at-most", "increasing-in", "best-over"]

    let numerator: [String: String]
    let denominator: [String: String]
    let statistic: Statistic
    let atLeast: Double?
    let atMost: Double?
    let increasingIn: String?
    let bestOver: String?

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
        bestOver = try CheckSpec.axis(r, "best-over", axes: axes)
    }

    /// The side's statistic for one pairing key: the point's value, or with `best-over` the smallest
    /// value over that axis among usable points (and which value it was).
    private func side(_ members: [PointResult], _ spec: CheckSpec) -> (value: Double, note: String)? {
        guard let axis = bestOver else {
            return members.first.flatMap { p in p.statistic(statistic, spec.metric, spec.x).map { ($0, "") } }
        }
        let candidates = members.filter { spec.unusableRow($0) == nil }.compactMap { p -> (Double, String)? in
            p.statistic(statistic, spec.metric, spec.x).map { ($0, " at \(axis)=\(p.point.value(axis) ?? "?")") }
        }
        return candidates.min { $0.0 < $1.0 }
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        var ignored = Set(numerator.keys).union(denominator.keys)
        if let axis = bestOver { ignored.insert(axis) }
        func pairKey(_ p: PointResult) -> String { p.point.label(excluding: ignored) }
        let points = spec.points(data)
        let tops = Dictionary(grouping: points.filter { $0.point.matches(numerator) }, by: pairKey)
        let bottoms = Dictionary(grouping: points.filter { $0.point.matches(denominator) }, by: pairKey)
        guard !tops.isEmpty else { return [spec.errorRow(nil, "no grid point matches numerator \(numerator)")] }
        var rows = [CheckRow](), trend = [(Double, Double)]()
        for key in tops.keys.sorted() {
            let top = tops[key]!
            let label = spec.label + (key.isEmpty ? "" : " [\(key)]")
            guard let bottom = bottoms[key] else { rows.append(spec.errorRow(nil, "no denominator point pairs with [\(key)]")); continue }
            if bestOver == nil, let bad = spec.unusableRow(top[0]) ?? spec.unusableRow(bottom[0]) { rows.append(CheckRow(check: label, outcome: bad.outcome)); continue }
            guard let (a, noteA) = side(top, spec), let (b, noteB) = side(bottom, spec) else {
                rows.append(CheckRow(check: label, outcome: .unmeasured(.diverged, "no usable setting on one side (every run diverged or failed)"))); continue
            }
            let ratio = a / b
            let quantity = "\(statistic) \(spec.metric.rawValue) ratio \(describe(numerator))\(noteA) / \(describe(denominator))\(noteB) = \(short(a))/\(short(b))"
            // A target never reached is ∞: the ratio is still decidable unless both sides are ∞.
            let outcome = Checks.unboundedComparison(
                quantity, measured: ratio, atLeast: atLeast, atMost: atMost,
                note: "\(a.isFinite ? "" : "numerator ")\(b.isFinite ? "" : "denominator ")never reached the target (∞)")
            rows.append(CheckRow(check: label, outcome: outcome))
            if let axis = increasingIn, let v = Double(top[0].point.value(axis) ?? "") { trend.append((v, ratio)) }
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
