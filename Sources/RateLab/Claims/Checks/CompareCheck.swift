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
/// Points are paired on the remaining axes (one row per pair). The ratio's interval is the t-interval of the
/// paired per-seed log ratios (seed s on both sides: common random numbers), mapped by exp; the bound is
/// decided one-sided from the whole interval (PASS, FAIL or INCONCLUSIVE). With `best-over`, each side is the
/// setting of that axis with the smallest geometric mean over seeds; diverged settings are skipped.
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

    /// The side's members for one pairing key: the point itself, or with `best-over` the point whose
    /// statistic (geometric mean over seeds) is smallest among usable settings of that axis, and a note
    /// saying which setting it was.
    private func side(_ members: [PointResult], _ spec: CheckSpec) -> (point: PointResult, note: String)? {
        guard let axis = bestOver else { return members.first.map { ($0, "") } }
        let candidates = members.filter { spec.unusableRow($0) == nil }.compactMap { p -> (PointResult, Double)? in
            p.statistic(statistic, spec.metric, spec.x).map { (p, $0) }
        }
        return candidates.min { $0.1 < $1.1 }.map { ($0.0, " at \(axis)=\($0.0.point.value(axis) ?? "?")") }
    }

    /// Per-seed log ratios log a_s − log b_s over the seeds both sides ran (seed s on both sides: common
    /// random numbers), nil when some value is not finite and positive (a target never reached).
    private func logRatios(_ top: PointResult, _ bottom: PointResult, _ spec: CheckSpec) -> [Double]? {
        let bySeed = Dictionary(bottom.runs.map { ($0.seed, $0.result) }, uniquingKeysWith: { a, _ in a })
        var ratios = [Double]()
        for run in top.runs {
            guard let other = bySeed[run.seed], let a = statistic.value(of: run.result, spec.metric, spec.x),
                  let b = statistic.value(of: other, spec.metric, spec.x), a > 0, b > 0, a.isFinite, b.isFinite else { return nil }
            ratios.append(log(a) - log(b))
        }
        return ratios
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        var ignored = Set(numerator.keys).union(denominator.keys)
        if let axis = bestOver { ignored.insert(axis) }
        func pairKey(_ p: PointResult) -> String { p.point.label(excluding: ignored) }
        let points = spec.points(data)
        let tops = Dictionary(grouping: points.filter { $0.point.matches(numerator) }, by: pairKey)
        let bottoms = Dictionary(grouping: points.filter { $0.point.matches(denominator) }, by: pairKey)
        guard !tops.isEmpty else { return [spec.errorRow(nil, "no grid point matches numerator \(numerator)")] }
        var rows = [CheckRow](), trend = [(axis: Double, logRatios: [Double])]()
        for key in tops.keys.sorted() {
            let label = spec.label + (key.isEmpty ? "" : " [\(key)]")
            guard let bottom = bottoms[key] else { rows.append(spec.errorRow(nil, "no denominator point pairs with [\(key)]")); continue }
            if bestOver == nil, let bad = spec.unusableRow(tops[key]![0]) ?? spec.unusableRow(bottom[0]) { rows.append(CheckRow(check: label, outcome: bad.outcome)); continue }
            guard let (a, noteA) = side(tops[key]!, spec), let (b, noteB) = side(bottom, spec),
                  let meanA = a.statistic(statistic, spec.metric, spec.x), let meanB = b.statistic(statistic, spec.metric, spec.x) else {
                rows.append(CheckRow(check: label, outcome: .unmeasured(.diverged, "no usable setting on one side (every run diverged or failed)"))); continue
            }
            let quantity = "\(statistic) \(spec.metric.rawValue) ratio \(describe(numerator))\(noteA) / \(describe(denominator))\(noteB) = \(short(meanA))/\(short(meanB))"
            rows.append(CheckRow(check: label, outcome: decide(quantity, a, b, ratio: meanA / meanB, spec)))
            if let axis = increasingIn, let v = Double(a.point.value(axis) ?? ""), let r = logRatios(a, b, spec) { trend.append((v, r)) }
        }
        if let axis = increasingIn { rows.append(trendRow(spec, axis, trend.sorted { $0.axis < $1.axis })) }
        return rows
    }

    /// The ratio's verdict: from the t-interval of the paired per-seed log ratios (mapped by exp); a target
    /// never reached (∞) on a side is decided as censored; too few seeds is INCONCLUSIVE.
    private func decide(_ quantity: String, _ a: PointResult, _ b: PointResult, ratio: Double, _ spec: CheckSpec) -> CheckOutcome {
        guard let ratios = logRatios(a, b, spec) else {
            if !ratio.isFinite {
                return Checks.infinite(quantity, measured: ratio, atLeast: atLeast, atMost: atMost, note: "a side never reached the target (∞)")
            }
            return CheckOutcome(verdict: .inconclusive, measured: ratio, interval: nil, bound: atLeast ?? atMost, margin: nil,
                                method: "censored seeds", detail: "\(quantity): some seeds never reached the target, so the per-seed ratios are censored INCONCLUSIVE")
        }
        let evidence: Evidence
        do {
            guard let e = try PointResult.seedEvidence(ratios) else {
                return CheckOutcome(verdict: .inconclusive, measured: ratio, interval: nil, bound: atLeast ?? atMost, margin: nil,
                                    method: "\(ratios.count) seed(s)", detail: "\(quantity): \(ratios.count) seed(s) cannot give an interval; at least \(SeedSpread.minimumSeeds) are needed INCONCLUSIVE")
            }
            evidence = e.mapped(by: exp)
        } catch {
            return .unmeasured(.error, "\(quantity): \(error)")
        }
        var outcome = atLeast.map { Checks.atLeast(quantity, evidence, bound: $0) }
        if let high = atMost, (outcome?.verdict ?? .pass) == .pass { outcome = Checks.atMost(quantity, evidence, bound: high) }
        return outcome!
    }

    /// "The ratio grows along `axis`": per seed, the OLS slope of the log ratio against the axis value; the
    /// t-interval of those slopes must lie above 0.
    private func trendRow(_ spec: CheckSpec, _ axis: String, _ trend: [(axis: Double, logRatios: [Double])]) -> CheckRow {
        let label = spec.label + " increasing in \(axis)"
        let seeds = trend.map(\.logRatios.count).min() ?? 0
        guard trend.count >= 3, seeds >= 1 else {
            return CheckRow(check: label, outcome: .unmeasured(.error, "a trend along \(axis) needs 3 values with finite per-seed ratios, got \(trend.count)"))
        }
        do {
            let xs = trend.map(\.axis)
            let slopes = try (0..<seeds).map { s in try LinearRegression.fit(x: xs, y: trend.map { $0.logRatios[s] }).slope }
            guard let evidence = try PointResult.seedEvidence(slopes) else {
                return CheckRow(check: label, outcome: CheckOutcome(verdict: .inconclusive, measured: slopes[0], interval: nil, bound: 0, margin: nil,
                                                                   method: "\(seeds) seed(s)", detail: "slope of log ratio vs \(axis): too few seeds for an interval INCONCLUSIVE"))
            }
            var outcome = Checks.atLeast("slope of log ratio vs \(axis)", evidence, bound: 0)
            outcome.detail += "; ratios along \(axis): " + trend.map { t in
                "\(short(t.axis)):\(short(exp(t.logRatios.reduce(0, +) / Double(t.logRatios.count))))"
            }.joined(separator: " ")
            return CheckRow(check: label, outcome: outcome)
        } catch {
            return CheckRow(check: label, outcome: .unmeasured(.error, "\(error)"))
        }
    }

    private func describe(_ selector: [String: String]) -> String { selector.values.sorted().joined(separator: ",") }
}
