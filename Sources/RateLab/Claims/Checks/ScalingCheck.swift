import Foundation
import RateLabVerification

/// `kind: scaling` — a per-run statistic scales like C·v^α with a swept parameter v (`over: problem.workers`):
/// linear speedup (final error vs p, α = −1), a plateau linear in the step size (α = 1), min ‖∇f‖² vs T
/// (α = −1/2). For each group of the other axes, α is the log-log slope of the statistic against v, decided
/// by `Decision` (`expected` ± `tolerance`, absolute, default 0.15; or `at-most` / `at-least`). Interval:
/// with ≥ 3 seeds, the t-interval of the per-seed slopes (seed s at every v: common random numbers); with
/// fewer, the OLS t-interval of the slope through the seed-averaged points (each point an independent run,
/// n − 2 degrees of freedom).
/// `statistic`: final (default), min, mean, tail-mean, time-to-target (with `target`), rounds.
struct ScalingCheck: ClaimCheck {
    static let kind = "scaling"
    static let keys = Decision.keys + ["over", "statistic", "target"]

    let over: String
    let statistic: Statistic
    let decision: Decision

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        guard let axis = try CheckSpec.axis(r, "over", axes: axes) else { throw r.error("kind", "scaling needs 'over' (a sweep axis)") }
        over = axis
        statistic = try r.statistic()
        decision = try Decision(r, defaultTolerance: 0.15, relativeTolerance: false)
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        let points = spec.points(data)
        let groups = Dictionary(grouping: points) { $0.point.label(excluding: [over]) }
        return groups.keys.sorted().map { key -> CheckRow in
            let members = groups[key]!
            if let bad = members.lazy.compactMap(spec.unusableRow).first { return bad }
            let label = spec.label + (key.isEmpty ? "" : " [\(key)]")
            let sorted = members.compactMap { m in Double(m.point.value(over) ?? "").map { (v: $0, point: m) } }.sorted { $0.v < $1.v }
            do {
                let evidence = try slopeEvidence(sorted, spec)
                var outcome = decision.outcome("exponent of \(spec.metric.rawValue) (\(statistic)) vs \(over)", evidence, members[0].bindings)
                outcome.detail += "; values " + sorted.map { "\(short($0.v)):\(short($0.point.statistic(statistic, spec.metric, spec.x) ?? .nan))" }
                    .joined(separator: " ")
                return CheckRow(check: label, outcome: outcome)
            } catch {
                return CheckRow(check: label, outcome: .unmeasured(.error, "\(error)"))
            }
        }
    }

    /// The slope of log statistic against log v with its interval (see the type's comment).
    private func slopeEvidence(_ sorted: [(v: Double, point: PointResult)], _ spec: CheckSpec) throws -> Evidence {
        let logV = sorted.map { log($0.v) }
        let seeds = sorted.map(\.point.runs.count).min() ?? 0
        if seeds >= SeedSpread.minimumSeeds {
            let slopes = try (0..<seeds).map { s -> Double in
                let y = try sorted.map { member -> Double in
                    guard let value = statistic.value(of: member.point.runs[s].result, spec.metric, spec.x), value > 0, value.isFinite else {
                        throw FitError.nonPositive(fit: "scaling", parameter: "\(statistic) at \(over)=\(short(member.v)), seed \(member.point.runs[s].seed)",
                                                   index: s, value: statistic.value(of: member.point.runs[s].result, spec.metric, spec.x) ?? .nan)
                    }
                    return log(value)
                }
                return try LinearRegression.fit(x: logV, y: y).slope
            }
            return Evidence(try SeedSpread.of(slopes))
        }
        let y = try sorted.map { member -> Double in
            guard let value = member.point.statistic(statistic, spec.metric, spec.x), value > 0, value.isFinite else {
                throw FitError.degenerate(fit: "scaling", reason: "no positive finite \(statistic) at \(over)=\(short(member.v))")
            }
            return log(value)
        }
        let fit = try LinearRegression.fit(x: logV, y: y)
        return Evidence(estimate: fit.slope, interval: fit.slopeCI,
                        method: "OLS t-interval over \(sorted.count) grid points (n − 2 = \(sorted.count - 2) df; fewer than 3 seeds)")
    }
}
