import Foundation
import RateLabVerification

/// `kind: scaling` — a per-run statistic scales like C·v^α with a swept parameter v (`over: problem.workers`):
/// linear speedup (final error vs p, α = −1), a plateau linear in the step size (α = 1), min ‖∇f‖² vs T
/// (α = −1/2). For each group of the other axes, the statistic (geometric mean over seeds) is fitted in
/// log-log against v; PASS iff |α̂ − expected| ≤ tolerance (absolute, default 0.15).
/// `statistic`: final (default), min, mean, tail-mean, time-to-target (with `target`), rounds.
struct ScalingCheck: ClaimCheck {
    static let kind = "scaling"
    static let keys = ["over", "statistic", "target", "expected", "tolerance"]

    let over: String
    let statistic: Statistic
    let expected: Double
    let tolerance: Double

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        guard let axis = try CheckSpec.axis(r, "over", axes: axes) else { throw r.error("kind", "scaling needs 'over' (a sweep axis)") }
        over = axis
        statistic = try r.statistic()
        guard let e = try r.double("expected") else { throw r.error("kind", "scaling needs 'expected' (the exponent)") }
        expected = e
        tolerance = try r.double("tolerance") ?? 0.15
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        let points = spec.points(data)
        let groups = Dictionary(grouping: points) { $0.point.label(excluding: [over]) }
        return groups.keys.sorted().map { key -> CheckRow in
            let members = groups[key]!
            if let bad = members.lazy.compactMap(spec.unusableRow).first { return bad }
            let label = spec.label + (key.isEmpty ? "" : " [\(key)]")
            var xs = [Double](), ys = [Double]()
            for m in members {
                guard let v = Double(m.point.value(over) ?? ""), let s = m.statistic(statistic, spec.metric, spec.x) else { continue }
                xs.append(v)
                ys.append(s)
            }
            let order = xs.indices.sorted { xs[$0] < xs[$1] }
            xs = order.map { xs[$0] }
            ys = order.map { ys[$0] }
            do {
                let fit = try PowerLawFit.fit(x: xs, y: ys)
                var outcome = Checks.absoluteTolerance("exponent of \(spec.metric.rawValue) (\(statistic)) vs \(over)", measured: fit.exponent,
                                                       interval: fit.ci, expected: expected, tolerance: tolerance)
                outcome.detail += "; values " + zip(xs, ys).map { "\(short($0)):\(short($1))" }.joined(separator: " ")
                return CheckRow(check: label, outcome: outcome)
            } catch {
                return CheckRow(check: label, outcome: .unmeasured(.error, "\(error)"))
            }
        }
    }
}
