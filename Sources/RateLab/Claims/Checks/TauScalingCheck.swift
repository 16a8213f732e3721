import Foundation
import RateLabVerification

/// `kind: tau-scaling` — how far the averaging period can grow before local SGD loses the speedup of
/// synchronous SGD, over a grid of (T, p). For each (T, p): τ* = the largest τ of the grid such that every
/// τ' ≤ τ keeps the statistic within `factor` (default 1.5) of τ = min grid value. Then
///   row 1 (`exponents`): log τ* = a log T + b log p + c fitted with joint 95% intervals (GSL multifit);
///     FAIL iff `expected` (default [2/3, −1/3]) lies outside the joint confidence ellipsoid; PASS only when it
///     lies inside, at most half the τ* are censored and each exponent's CI is no wider than `resolution`
///     (default 0.5); otherwise INCONCLUSIVE;
///   row 2 (`theory τ sufficient`): τ_theory = `theory` (an expression in T, p; default T^(2/3)/p^(1/3)) keeps
///     the speedup, i.e. τ_theory ≤ τ* everywhere; measured = min τ*/τ_theory (tightness: ≈ 1 tight, ≫ 1 loose).
/// A τ* at the top of the grid is censored (the true value is larger); the detail says how many.
struct TauScalingCheck: ClaimCheck {
    static let kind = "tau-scaling"
    static let keys = ["tau", "steps", "workers", "factor", "statistic", "target", "expected", "theory", "resolution"]

    let tauAxis: String, stepsAxis: String, workersAxis: String
    let factor: Double
    let statistic: Statistic
    let expected: [Double]
    let theory: Expression
    /// The widest CI of an exponent that can support a PASS.
    let resolution: Double

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        func axis(_ key: String, _ fallback: String) throws -> String {
            let name = try CheckSpec.axis(r, key, axes: axes) ?? fallback
            guard axes.contains(where: { $0.name == name }) else { throw r.error("kind", "tau-scaling needs a sweep over \(name)") }
            return name
        }
        tauAxis = try axis("tau", "run.tau")
        stepsAxis = try axis("steps", "run.steps")
        workersAxis = try axis("workers", "problem.workers")
        factor = try r.double("factor") ?? 1.5
        statistic = try r.statistic()
        if let list = try r.list("expected") {
            expected = try list.map { s in
                guard let v = try? Expression(parsing: s.text).evaluate([:]), v.isFinite else { throw r.error("expected", "expected a list of two numbers like [2/3, -1/3]") }
                return v
            }
            guard expected.count == 2 else { throw r.error("expected", "expected two exponents (for T and p)") }
        } else {
            expected = [2.0 / 3, -1.0 / 3]
        }
        theory = try r.expression("theory") ?? Expression(parsing: "T^(2/3)/p^(1/3)")
        resolution = try r.double("resolution") ?? 0.5
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        let points = spec.points(data)
        if let bad = points.lazy.compactMap(spec.unusableRow).first { return [bad] }
        struct Cell { let T: Double; let p: Double; var errors: [(tau: Double, value: Double)] }
        var cells = [String: Cell]()
        for point in points {
            guard let T = Double(point.point.value(stepsAxis) ?? ""), let p = Double(point.point.value(workersAxis) ?? ""),
                  let tau = Double(point.point.value(tauAxis) ?? ""), let v = point.statistic(statistic, spec.metric, spec.x) else { continue }
            cells["\(T),\(p)", default: Cell(T: T, p: p, errors: [])].errors.append((tau, v))
        }
        var rowsT = [Double](), rowsP = [Double](), tauStar = [Double](), censored = 0, ratios = [Double]()
        var lines = [String]()
        for key in cells.keys.sorted() {
            let cell = cells[key]!
            let errors = cell.errors.sorted { $0.tau < $1.tau }
            let base = errors[0].value
            var best = errors[0].tau
            for e in errors { if e.value <= factor * base { best = e.tau } else { break } }
            if best == errors.last!.tau { censored += 1 }
            let tTheory = theory.evaluate(["T": cell.T, "p": cell.p])
            rowsT.append(cell.T); rowsP.append(cell.p); tauStar.append(best); ratios.append(best / tTheory)
            lines.append("T=\(short(cell.T)) p=\(short(cell.p)): τ*=\(short(best)) τ_theory=\(short(tTheory))")
        }
        guard !tauStar.isEmpty else { return [spec.errorRow(nil, "no grid point gives T, p, τ and a value of \(statistic), so there is no τ* to fit")] }
        let table = lines.joined(separator: "; ") + (censored > 0 ? "; \(censored) of \(tauStar.count) τ* at the top of the grid (censored)" : "")
        var rows = [CheckRow]()
        if censored == tauStar.count {
            rows.append(CheckRow(check: spec.label + " exponents", outcome: CheckOutcome(
                verdict: .inconclusive, measured: .nan, interval: nil, bound: expected[0], margin: nil, method: "censored",
                detail: "every τ* is at the top of the τ grid, so the largest τ that keeps the speedup lies beyond it and no exponent can be fitted; widen the grid. \(table)")))
        } else { do {
            let fit = try MultiPowerLawFit.fit(parameters: zip(rowsT, rowsP).map { [$0, $1] }, y: tauStar)
            let joint = try fit.jointlyConsistent(with: expected)
            // Censored τ* are lower bounds fitted as if exact, and a wide ellipsoid contains any hypothesis:
            // neither can support a PASS.
            let resolved = 2 * censored <= tauStar.count && fit.cis.allSatisfy { $0.width <= resolution }
            let verdict: Verdict = !joint.consistent ? .fail : resolved ? .pass : .inconclusive
            rows.append(CheckRow(check: spec.label + " exponents", outcome: CheckOutcome(
                verdict: verdict, measured: fit.coefficients[0], interval: fit.cis[0], bound: expected[0],
                margin: joint.critical - joint.statistic, method: "OLS of log τ* with joint F-ellipsoid; \(censored) of \(tauStar.count) τ* censored",
                detail: "a = \(short(fit.coefficients[0])) [\(short(fit.cis[0].low)), \(short(fit.cis[0].high))], b = \(short(fit.coefficients[1])) [\(short(fit.cis[1].low)), \(short(fit.cis[1].high))] vs (\(short(expected[0])), \(short(expected[1]))): joint F = \(short(joint.statistic)) \(joint.consistent ? "≤" : ">") \(short(joint.critical))\(verdict == .inconclusive ? " — not rejected, but the τ* are mostly censored or the intervals wider than the resolution \(short(resolution))" : ""); \(table)")))
        } catch {
            rows.append(spec.errorRow(nil, "fit of log τ* failed: \(error); \(table)"))
        } }
        let tightest = ratios.min() ?? .nan
        let median = ratios.sorted()[ratios.count / 2]
        rows.append(CheckRow(check: spec.label + " theory τ sufficient", outcome: CheckOutcome(
            verdict: tightest >= 1 ? .pass : .fail, measured: tightest, interval: nil, bound: 1, margin: tightest - 1,
            method: "τ* on the τ grid, no interval across seeds",
            detail: "min τ*/τ_theory = \(short(tightest)) (median \(short(median))): \(tightest >= 1 ? "the theory's τ keeps the speedup everywhere" : "the theory's τ is too large somewhere")")))
        return rows
    }
}
