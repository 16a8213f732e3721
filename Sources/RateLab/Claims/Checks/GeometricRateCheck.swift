import Foundation
import RateLabVerification

/// `kind: geometric-rate` — the metric decays like C·ρ^x (+ a floor). ρ is fitted per grid point
/// (`GeometricFit`: joint decay-and-floor fit, calibrated AR(1) interval) and decided by `Decision`:
/// `at-most: EXPR` (the theorem's rate is an upper bound) or
/// `expected: EXPR` with `tolerance` (relative to expected, default 1e-6: tightness). With ≥ 3 seeds the
/// interval is the t-interval of the per-seed log ρ̂ (mapped by exp); with fewer, the fit's own interval on
/// the seed-averaged trajectory. `skip: K` drops the first K checkpoints; `burn-in: F` a fraction of the
/// decaying part; `floor: true` adds a row that needs a resolved floor (convergence to a neighbourhood).
/// `per-step: true` is for deterministic runs (one seed, or seeds that agree): a contraction theorem holds
/// at every step, not on average, so the decided quantity is the largest per-unit contraction between
/// consecutive checkpoints before the floor, max_j (m_{j+1}/m_j)^{1/(x_{j+1} − x_j)} — an exact number with no
/// sampling error (a fitted rate of a smooth but not exactly geometric curve would only carry the misfit's
/// autocorrelation).
struct GeometricRateCheck: ClaimCheck {
    static let kind = "geometric-rate"
    static let keys = Decision.keys + ["skip", "burn-in", "floor", "per-step"]

    let decision: Decision
    let skip: Int
    let burnIn: Double
    let requireFloor: Bool
    let perStep: Bool

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        decision = try Decision(r, defaultTolerance: 1e-6, relativeTolerance: true)
        skip = Int(try r.double("skip") ?? 0)
        burnIn = try r.double("burn-in") ?? 0
        requireFloor = try r.bool("floor") ?? false
        perStep = try r.bool("per-step") ?? false
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        spec.points(data).flatMap { point -> [CheckRow] in
            if let row = spec.unusableRow(point) { return [row] }
            let t = point.trajectory(spec.metric, spec.x)
            let xs = Array(t.x.dropFirst(skip)), ys = Array(t.y.dropFirst(skip))
            let fit: GeometricFit, evidence: Evidence
            do {
                // The averaged fit's own interval is read when it decides (fewer than 3 seeds) or for the floor row.
                fit = try GeometricFit.fit(x: xs, y: ys, burnIn: burnIn,
                                           calibrated: !perStep && (!point.usesSeedSpread || requireFloor))
                evidence = perStep ? try largestStep(point, xs, ys, before: fit.floorOnset, spec)
                    : try point.trajectoryEvidence(spec.metric, spec.x, skip: skip, averaged: fit.logRate) {
                        try GeometricFit.fit(x: $0, y: $1, burnIn: burnIn, calibrated: false).logRate.estimate
                    }.mapped(by: exp)
            } catch { return [spec.errorRow(point, "\(error)")] }
            let quantity = perStep ? "largest per-\(spec.x.rawValue) contraction of \(spec.metric.rawValue)"
                : "ρ̂ of \(spec.metric.rawValue) per \(spec.x.rawValue)"
            var outcome = decision.outcome(quantity, evidence, point.bindings)
            outcome.detail += "; window \(spec.x.rawValue) \(short(fit.window.start))–\(short(fit.window.end)) (\(fit.points) points)"
                + (fit.floor.map { ", floor \(short($0))" } ?? ", no floor")
            var rows = [CheckRow(check: spec.rowLabel(point), outcome: outcome,
                                 overlays: overlays(fit, decision.reference(point.bindings), xs, ys))]
            if requireFloor { rows.append(floorRow(spec, point, fit)) }
            return rows
        }
    }

    /// The exact largest contraction between consecutive checkpoints with a positive metric before `floorOnset`.
    private func largestStep(_ point: PointResult, _ xs: [Double], _ ys: [Double], before floorOnset: Double?,
                             _ spec: CheckSpec) throws -> Evidence {
        var finals = Set<UInt64>()
        for run in point.runs {
            let last: Double = run.result.checkpoints.last.map { spec.metric.value($0) } ?? .nan
            finals.insert(last.bitPattern)
        }
        guard finals.count == 1 else {
            throw CheckError.notDeterministic(seeds: point.runs.count)
        }
        let cut = (ys.first ?? 0) * PerStep.relativeCut
        let kept = xs.indices.filter { ys[$0] > cut && ys[$0].isFinite && xs[$0] < (floorOnset ?? .infinity) }
        var steps = [Double]()
        for (a, b) in zip(kept, kept.dropFirst()) where xs[b] > xs[a] {
            let ratio: Double = ys[b] / ys[a], span: Double = xs[b] - xs[a]
            steps.append(pow(ratio, 1 / span))
        }
        guard let worst = steps.max() else { throw CheckError.notDeterministic(seeds: 0) }
        return .exact(worst, why: "the largest of \(steps.count) per-\(spec.x.rawValue) contractions of a deterministic run, values above \(short(PerStep.relativeCut)) of the first")
    }

    /// PASS with the floor's interval when a floor is resolved; INCONCLUSIVE when the run ends still decaying
    /// (a longer run may reach it: the data do not contradict convergence to a neighbourhood).
    private func floorRow(_ spec: CheckSpec, _ point: PointResult, _ fit: GeometricFit) -> CheckRow {
        guard let floor = fit.floor, let ci = fit.floorCI else {
            return CheckRow(check: spec.rowLabel(point, "floor"), outcome: CheckOutcome(
                verdict: .inconclusive, measured: .nan, interval: nil, bound: nil, margin: nil, method: "two-segment floor detection",
                detail: "no floor resolved: the metric still decays at the end of the run INCONCLUSIVE"))
        }
        return CheckRow(check: spec.rowLabel(point, "floor"), outcome: CheckOutcome(
            verdict: .pass, measured: floor, interval: ci, bound: nil, margin: nil, method: SerialEstimate.method,
            detail: "converges to a neighbourhood: floor \(short(floor, ci)) from \(spec.x.rawValue) \(short(fit.floorOnset ?? .nan)) PASS"))
    }

    /// The fitted curve C·ρ̂^x (+ F) over the window and the reference rate from the window's first point.
    private func overlays(_ fit: GeometricFit, _ reference: Double, _ xs: [Double], _ ys: [Double]) -> [CheckRow.Overlay] {
        let w = fit.window.indices
        let wx = Array(xs[w])
        let fitted = wx.map { fit.constant * pow(fit.rate, $0) + (fit.floor ?? 0) }
        let x0 = xs[w.lowerBound], y0 = ys[w.lowerBound]
        let theory = wx.map { y0 * pow(reference, $0 - x0) }
        return [.init(name: "fit ρ̂ = \(short(fit.rate))", x: wx, y: fitted),
                .init(name: "\(decision.referenceName) ρ = \(short(reference))", x: wx, y: theory)]
    }
}

/// Constants of `per-step`.
enum PerStep {
    /// Only values above this fraction of the first enter: below it the metric's rounding (x* is certified to
    /// ~1e-15 relative, so ‖x − x*‖² and f − f* carry absolute errors near 1e-30 and 1e-16 of their scale)
    /// starts to move step ratios by more than 1e-12.
    static let relativeCut = 1e-6
}

/// Why `per-step` cannot be evaluated.
enum CheckError: Error, CustomStringConvertible {
    case notDeterministic(seeds: Int)

    var description: String {
        switch self {
        case let .notDeterministic(seeds):
            return seeds == 0 ? "per-step: fewer than two checkpoints with a positive metric before the floor"
                : "per-step needs a deterministic run, but the \(seeds) seeds end at different values; drop per-step to fit a rate with an interval"
        }
    }
}
