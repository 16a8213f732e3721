import Foundation
import RateLabVerification

/// `kind: power-law` — the metric decays like C·x^α along one run (sublinear rates such as t^-1).
/// Fits α̂ with a 95% CI by log-log least squares on the last `tail` fraction of the seed-averaged
/// trajectory (default 0.5: the asymptotic regime) of every grid point; PASS iff |α̂ − expected| ≤ tolerance
/// (absolute, default 0.1).
struct PowerLawCheck: ClaimCheck {
    static let kind = "power-law"
    static let keys = ["expected", "tolerance", "tail"]

    let expected: Double
    let tolerance: Double
    let tail: Double

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        guard let e = try r.double("expected") else { throw r.error("kind", "power-law needs 'expected' (the exponent)") }
        expected = e
        tolerance = try r.double("tolerance") ?? 0.1
        tail = try r.double("tail") ?? 0.5
        guard tail > 0, tail <= 1 else { throw r.error("tail", "'tail' must be in (0, 1]") }
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        spec.points(data).map { point in
            if let row = spec.unusableRow(point) { return row }
            let t = point.trajectory(spec.metric, spec.x)
            let keep = t.x.indices.filter { t.x[$0] > 0 }
            let xs = keep.map { t.x[$0] }, ys = keep.map { t.y[$0] }
            do {
                let fit = try PowerLawFit.fit(x: xs, y: ys, tailFraction: tail)
                var outcome = Checks.absoluteTolerance("exponent of \(spec.metric.rawValue) vs \(spec.x.rawValue)", measured: fit.exponent,
                                                       interval: fit.ci, expected: expected, tolerance: tolerance)
                outcome.detail += "; window \(short(fit.window.start))–\(short(fit.window.end)) (\(fit.points) points)"
                let wx = Array(xs[fit.window.indices])
                return CheckRow(check: spec.rowLabel(point), outcome: outcome, overlays: [
                    .init(name: "fit α̂ = \(short(fit.exponent))", x: wx, y: wx.map { fit.constant * pow($0, fit.exponent) }),
                    .init(name: "theory α = \(short(expected))", x: wx,
                          y: wx.map { fit.constant * pow(wx[0], fit.exponent - expected) * pow($0, expected) }),
                ])
            } catch {
                return spec.errorRow(point, "\(error)")
            }
        }
    }
}
