import Foundation
import RateLabVerification

/// `kind: geometric-rate` — the metric decays like C·ρ^x. Fits ρ̂ with a 95% CI on the transient
/// window before the noise floor (GeometricFit) of the seed-averaged trajectory of every grid point, then
///   `expected: EXPR` + `tolerance` (relative, default 1e-6): |ρ̂ − expected| ≤ tolerance·expected (tightness), or
///   `bound: EXPR`: upper CI of ρ̂ ≤ bound (the theorem's rate is an upper bound).
/// `skip: K` drops the first K checkpoints; `burn-in: F` a fraction of the sloped part; `floor: true` also
/// requires a detected floor (convergence to a neighbourhood). Expressions see L, mu, kappa, p, T, B, d.
struct GeometricRateCheck: ClaimCheck {
    static let kind = "geometric-rate"
    static let keys = ["expected", "bound", "tolerance", "skip", "burn-in", "floor"]

    let expected: Expression?
    let bound: Expression?
    let tolerance: Double
    let skip: Int
    let burnIn: Double
    let requireFloor: Bool

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        expected = try r.expression("expected")
        bound = try r.expression("bound")
        guard (expected == nil) != (bound == nil) else { throw r.error("kind", "geometric-rate needs exactly one of 'expected' or 'bound'") }
        tolerance = try r.double("tolerance") ?? 1e-6
        skip = Int(try r.double("skip") ?? 0)
        burnIn = try r.double("burn-in") ?? 0
        requireFloor = try r.bool("floor") ?? false
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        spec.points(data).flatMap { point -> [CheckRow] in
            if let row = spec.unusableRow(point) { return [row] }
            let t = point.trajectory(spec.metric, spec.x)
            let xs = Array(t.x.dropFirst(skip)), ys = Array(t.y.dropFirst(skip))
            let fit: GeometricFit
            do { fit = try GeometricFit.fit(x: xs, y: ys, burnIn: burnIn) } catch { return [spec.errorRow(point, "\(error)")] }
            let quantity = "ρ̂ of \(spec.metric.rawValue) per \(spec.x.rawValue)"
            var outcome: CheckOutcome
            var reference: Double
            if let e = expected {
                reference = e.evaluate(point.bindings)
                outcome = Checks.relativeTolerance(quantity, measured: fit.rate, interval: fit.ci, expected: reference, tolerance: tolerance)
            } else {
                reference = bound!.evaluate(point.bindings)
                outcome = Checks.upperBound(quantity, measured: fit.rate, interval: fit.ci, bound: reference)
            }
            outcome.detail += "; window \(spec.x.rawValue) \(short(fit.window.start))–\(short(fit.window.end)) (\(fit.points) points)"
                + (fit.floor.map { ", floor \(short($0))" } ?? ", no floor")
            var rows = [CheckRow(check: spec.rowLabel(point), outcome: outcome, overlays: overlays(fit, reference, xs, ys))]
            if requireFloor {
                let detected = fit.floor != nil
                rows.append(CheckRow(check: spec.rowLabel(point, "floor"), outcome: CheckOutcome(
                    verdict: detected ? .pass : .fail, measured: fit.floor ?? .nan, interval: nil, bound: nil, margin: nil,
                    detail: detected ? "converges to a neighbourhood: floor \(short(fit.floor!)) from \(spec.x.rawValue) \(short(fit.floorOnset ?? .nan))"
                                     : "no floor detected: the metric still decays at the end of the run")))
            }
            return rows
        }
    }

    /// The fitted line C·ρ̂^x over the window and the reference rate from the window's first point.
    private func overlays(_ fit: GeometricFit, _ reference: Double, _ xs: [Double], _ ys: [Double]) -> [CheckRow.Overlay] {
        let w = fit.window.indices
        let wx = Array(xs[w])
        let fitted = wx.map { fit.constant * pow(fit.rate, $0) }
        let x0 = xs[w.lowerBound], y0 = ys[w.lowerBound]
        let theory = wx.map { y0 * pow(reference, $0 - x0) }
        return [.init(name: "fit ρ̂ = \(short(fit.rate))", x: wx, y: fitted),
                .init(name: "\(expected == nil ? "bound" : "theory") ρ = \(short(reference))", x: wx, y: theory)]
    }
}
