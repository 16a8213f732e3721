import Foundation
import RateLabVerification

/// `kind: power-law` — the metric decays like C·x^α along one run (sublinear rates such as t^-1).
/// α is fitted by log-log least squares on the last `tail` fraction of each run (default 0.5: the
/// asymptotic regime) with a calibrated interval (per-seed t-interval with ≥ 3 seeds, else the AR(1)
/// bootstrap-t interval of the seed-averaged trajectory), and decided by `Decision`: `expected` ±
/// `tolerance` (absolute, default 0.1), or `at-most` / `at-least` (a rate at least as fast as x^α is an
/// exponent at most α).
struct PowerLawCheck: ClaimCheck {
    static let kind = "power-law"
    static let keys = Decision.keys + ["tail"]

    let decision: Decision
    let tail: Double

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        decision = try Decision(r, defaultTolerance: 0.1, relativeTolerance: false)
        tail = try r.double("tail") ?? 0.5
        guard tail > 0, tail <= 1 else { throw r.error("tail", "'tail' must be in (0, 1]") }
    }

    /// The points with x > 0 (a log-log fit cannot use x = 0, the first checkpoint of every run).
    private static func positive(_ x: [Double], _ y: [Double]) -> ([Double], [Double]) {
        let keep = x.indices.filter { x[$0] > 0 }
        return (keep.map { x[$0] }, keep.map { y[$0] })
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        spec.points(data).map { point in
            if let row = spec.unusableRow(point) { return row }
            let t = point.trajectory(spec.metric, spec.x)
            let (xs, ys) = PowerLawCheck.positive(t.x, t.y)
            do {
                let fit = try PowerLawFit.fit(x: xs, y: ys, tailFraction: tail, calibrated: !point.usesSeedSpread)
                let evidence = try point.trajectoryEvidence(spec.metric, spec.x, averaged: fit.slope) { x, y in
                    let (px, py) = PowerLawCheck.positive(x, y)
                    return try PowerLawFit.fit(x: px, y: py, tailFraction: tail, calibrated: false).exponent
                }
                let reference = decision.reference(point.bindings)
                var outcome = decision.outcome("exponent of \(spec.metric.rawValue) vs \(spec.x.rawValue)", evidence, point.bindings)
                outcome.detail += "; window \(short(fit.window.start))–\(short(fit.window.end)) (\(fit.points) points)"
                let wx = Array(xs[fit.window.indices])
                return CheckRow(check: spec.rowLabel(point), outcome: outcome, overlays: [
                    .init(name: "fit α̂ = \(short(fit.exponent))", x: wx, y: wx.map { fit.constant * pow($0, fit.exponent) }),
                    .init(name: "\(decision.referenceName) α = \(short(reference))", x: wx,
                          y: wx.map { fit.constant * pow(wx[0], fit.exponent - reference) * pow($0, reference) }),
                ])
            } catch {
                return spec.errorRow(point, "\(error)")
            }
        }
    }
}
