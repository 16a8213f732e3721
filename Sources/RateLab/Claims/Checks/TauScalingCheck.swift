import Foundation
import RateLabReports
import RateLabVerification

/// `kind: tau-scaling` — how far the averaging period can grow before local SGD loses the speedup of
/// synchronous SGD. The grid's points are grouped into cells by the bindings T (steps), p (workers) and
/// B (batch); within a cell the points differ in τ (the `tau` binding, so τ may be swept alone or zipped
/// with T through an expression), and τ = 1 must be among them. Points with the same (T, p, B, τ) are the same
/// runs (τ = min(1024, T) and τ = T at T = 1000), except along `best-over: AXIS` (e.g. `run.lr`): then each
/// (T, p, B, τ), τ = 1 included, takes the setting of that axis with the smallest mean error (a step tuned per
/// cell and per τ, for synchronous SGD alike; diverged or failed settings are skipped). Rows:
///
///   1. `regime` — before any fit, τ = 1 must be in the O(1/(pBT)) regime: the mean error of τ = 1 fitted
///      as C·T^α (pB)^β (OLS with 95% CIs) must have α and β within −1 ± `regime-tolerance` (default 0.25),
///      decided from the whole intervals (`Checks.equals`, one row per exponent);
///   2. `exponents` — per cell, τ* with its bootstrap interval over seeds (`TauStarEstimate`: arithmetic
///      means, common random numbers, `factor` default 1.5, censored at min(top of the grid, T)); then
///      log τ* = c + a log T + b log p by censored (Tobit) regression (`CensoredRegression`: a censored τ*
///      is the interval [cap, ∞), never a value) and the joint Wald test of (a, b) against every theory
///      of `TauTheories` and `expected` (default the seed's (2/3, −1/3)) by `RivalHypotheses`.
///      Unless the regime rows passed, INCONCLUSIVE (τ* against an error outside the theorem's regime
///      decides nothing). Else PASS when `expected` is consistent and singled out (every rival with other
///      exponents ruled out) and both CIs are no wider than `resolution` (default 0.5); FAIL when it is
///      ruled out; otherwise, or when too few τ* are uncensored to fit, INCONCLUSIVE. Beside the Tobit fit,
///      the continuous excess fit (`ExcessFit`: r − 1 = C (τ − 1)^α T^β p^γ over every τ of every cell) gives
///      its own τ* per cell and (a, b); the theories are judged on the excess fit when its power law describes
///      the data (χ² ≤ χ²_dof(0.99)) and its (a, b) ellipse is smaller (det Σ), or when the Tobit fit is
///      impossible; else on the Tobit fit;
///   3. `theory τ sufficient` — τ_theory = `theory` (an expression in T, p, B; default T^(2/3)/p^(1/3))
///      keeps the speedup in every cell: PASS when τ_theory ≤ the lower end of every τ* interval, FAIL when
///      it exceeds the upper end somewhere, else INCONCLUSIVE; measured = min τ̂*/τ_theory (≫ 1: loose).
/// The exponents row carries `tau_star.csv` (T,p,B,tau_star,ci_low,ci_high,censored), `theories.csv`
/// (theory,a_pred,b_pred,a_hat,a_low,a_high,b_hat,b_low,b_high,verdict) and `tau_star.svg` (`TauStarFigure`)
/// for the claim's report folder, and with an excess fit `excess_fit.csv` (parameter,estimate,ci_low,ci_high)
/// and `tau_star_fit.csv` (its τ* per cell, the columns of tau_star.csv).
///
/// `refine: N` makes the τ grid adaptive (`refinedPoints`): N rounds of log-scale bisection of each cell's τ*
/// bracket, run by `ClaimRunner.run` before the check is evaluated; each (T, p, B) cell is a refinement group
/// (`refinementGroup`), refined from its own runs, so a sharded run gives a cell and its rounds to one process.
struct TauScalingCheck: ClaimCheck {
    static let kind = "tau-scaling"
    static let keys = ["factor", "statistic", "target", "expected", "theory", "resolution", "regime-tolerance", "best-over", "refine"]

    let factor: Double
    let statistic: Statistic
    let expected: [Double]
    let theory: Expression
    /// The widest 95% CI of an exponent that can support a PASS.
    let resolution: Double
    /// Half-width of the band around −1 the τ = 1 exponents must lie in.
    let regimeTolerance: Double
    /// The axis each (T, p, B, τ) is minimised over, if any.
    let bestOver: String?
    /// Rounds of log-scale bisection of each cell's τ* bracket (`refine`, 0…6; 0: the grid as written).
    let refinementRounds: Int

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        factor = try r.double("factor") ?? 1.5
        guard factor > 1 else { throw r.error("factor", "expected a factor > 1") }
        statistic = try r.statistic()
        if let list = try r.list("expected") {
            expected = try list.map { s in
                guard let v = try? Expression(parsing: s.text).evaluate([:]), v.isFinite else { throw r.error("expected", "expected a list of two numbers like [2/3, -1/3]") }
                return v
            }
            guard expected.count == 2 else { throw r.error("expected", "expected two exponents (for T and p)") }
        } else {
            expected = TauTheories.seed.exponents
        }
        theory = try r.expression("theory") ?? Expression(parsing: "T^(2/3)/p^(1/3)")
        resolution = try r.double("resolution") ?? 0.5
        regimeTolerance = try r.double("regime-tolerance") ?? 0.25
        bestOver = try CheckSpec.axis(r, "best-over", axes: axes)
        let rounds = try r.double("refine") ?? 0
        guard rounds.rounded() == rounds, (0...6).contains(rounds) else { throw r.error("refine", "expected a whole number 0…6 of rounds of bisection of τ*'s bracket") }
        refinementRounds = Int(rounds)
    }

    /// One (T, p, B) cell: its τ grid (ascending, τ ≤ T), the per-seed errors at each τ and the grid points
    /// that ran each τ (every setting of `best-over`).
    private struct Cell {
        let T: Double, p: Double, B: Double
        var taus = [Double]()
        var errors = [[Double]]()
        var sources = [[GridPoint]]()
        var bindings: [String: Double]
    }

    /// The cells of the points the check reads, by (T, p, B), in order of (T, p, B); or the row that says why
    /// there are none (an unusable point, a seed without a value).
    private func cells(_ spec: CheckSpec, _ data: ClaimData) -> Result<[Cell], CheckRowError> {
        let points = spec.points(data)
        if bestOver == nil, let bad = points.lazy.compactMap(spec.unusableRow).first { return .failure(CheckRowError(row: bad)) }
        var cells = [String: Cell]()
        for point in points where spec.unusableRow(point) == nil {
            let b = point.bindings
            guard let key = cellKey(b), let T = b["T"], let p = b["p"], let B = b["B"], let tau = b["tau"] else { continue }
            let values = point.runs.compactMap { statistic.value(of: $0.result, spec.metric, spec.x) }
            guard values.count == point.runs.count else { return .failure(CheckRowError(row: spec.errorRow(point, "some seed has no value of \(statistic)"))) }
            var cell = cells[key] ?? Cell(T: T, p: p, B: B, bindings: b)
            if let k = cell.taus.firstIndex(of: tau) {
                if bestOver != nil, mean(values) < mean(cell.errors[k]) { cell.errors[k] = values }
                cell.sources[k].append(point.point)
                cells[key] = cell
                continue
            }
            let at = cell.taus.firstIndex { $0 > tau } ?? cell.taus.count
            cell.taus.insert(tau, at: at)
            cell.errors.insert(values, at: at)
            cell.sources.insert([point.point], at: at)
            cells[key] = cell
        }
        return .success(cells.values.sorted { ($0.T, $0.p, $0.B) < ($1.T, $1.p, $1.B) })
    }

    /// The (T, p, B) cell of a point with bindings `b`: "T=…, p=…, B=…", nil without T, p, B, τ or with τ > T.
    private func cellKey(_ b: [String: Double]) -> String? {
        guard let T = b["T"], let p = b["p"], let B = b["B"], let tau = b["tau"], tau <= T else { return nil }
        return "T=\(short(T)), p=\(short(p)), B=\(short(B))"
    }

    /// A row returned in place of the cells.
    private struct CheckRowError: Error { let row: CheckRow }

    /// With `refine`, a point's (T, p, B) cell (`cellKey` of its bindings) when the check reads it: what one τ*
    /// and one round of `refinedPoints` are computed from.
    func refinementGroup(_ spec: CheckSpec, _ point: GridPoint, bindings: [String: Double]) -> String? {
        guard refinementRounds > 0, point.matches(spec.filter) else { return nil }
        return cellKey(bindings)
    }

    /// One round of the adaptive τ grid: in every cell whose mean-ratio curve crosses `factor` between grid
    /// values τ_lo < τ_hi (`TauStarEstimate.bracket` on the current grid, all seeds), the bisection on a log
    /// scale τ = round(√(τ_lo·τ_hi)), run at every point that ran τ_hi (every `best-over` setting) with only τ
    /// changed; in cell order (T, p, B). Cells that are censored, or whose bracket has no integer strictly inside,
    /// add nothing. Each cell is refined from its own points only (`refinementGroup`), so a cell with an unusable
    /// point (without `best-over`) or a seed without a value adds nothing while the others refine, and a sharded
    /// run can refine each cell in the process that ran it.
    func refinedPoints(_ spec: CheckSpec, _ data: ClaimData) -> [GridPoint] {
        var groups = [String: [PointResult]]()
        for point in spec.points(data) {
            if let key = cellKey(point.bindings) { groups[key, default: []].append(point) }
        }
        let cells = groups.values.compactMap { points in try? self.cells(spec, ClaimData(claim: data.claim, points: points)).get().first }
        return cells.sorted { ($0.T, $0.p, $0.B) < ($1.T, $1.p, $1.B) }.flatMap { cell -> [GridPoint] in
            guard cell.taus.first == 1, cell.taus.count >= 2 else { return [] }
            let means = cell.errors.map(mean)
            let ratios = means.map { $0 / means[0] }
            guard let j = TauStarEstimate.bracket(ratios: ratios, factor: factor) else { return [] }
            let tau = (cell.taus[j - 1] * cell.taus[j]).squareRoot().rounded()
            guard tau > cell.taus[j - 1], tau < cell.taus[j] else { return [] }
            return cell.sources[j].map { $0.replacing("run", "tau", with: short(tau)) }
        }
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        let ordered: [Cell]
        switch cells(spec, data) {
        case let .success(c): ordered = c
        case let .failure(e): return [e.row]
        }
        guard !ordered.isEmpty else { return [spec.errorRow(nil, "no grid point gives T, p, B and τ ≤ T")] }
        if let cell = ordered.first(where: { $0.taus.first != 1 }) {
            return [spec.errorRow(nil, "the cell T=\(short(cell.T)), p=\(short(cell.p)) has no τ = 1 (synchronous SGD), the reference of τ*")]
        }
        let estimates: [TauStarEstimate]
        do {
            estimates = try ordered.enumerated().map { k, cell in
                try TauStarEstimate.estimate(taus: cell.taus, errors: cell.errors, factor: factor, horizon: cell.T, seed: UInt64(k + 1))
            }
        } catch {
            return [spec.errorRow(nil, "τ*: \(error)")]
        }
        let regime = regimeRows(spec, ordered)
        let excess = excessFit(ordered)
        var exponents = exponentsRow(spec, ordered, estimates, excess, regimeHolds: regime.allSatisfy { $0.outcome.verdict == .pass })
        exponents.tables = [tauStarTable(ordered, estimates.map { ($0.value, $0.interval, $0.censored) })] + exponents.tables
        if case .success(let fit) = excess {
            exponents.tables += [excessTable(fit), tauStarTable(ordered, fit.tauStars, file: "tau_star_fit.csv")]
        }
        let fitted = (try? excess.get()).map { fit in zip(ordered, fit.tauStars).map { (T: $0.T, p: $0.p, B: $0.B, value: $1.value) } } ?? []
        exponents.figures = [TauStarFigure.make(zip(ordered, estimates).map { .init(T: $0.T, p: $0.p, B: $0.B, estimate: $1) },
                                                fitted: fitted, title: "\(data.claim.id): τ* against T")]
        return regime + [exponents, sufficiencyRow(spec, ordered, estimates)]
    }

    private func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    /// The τ = 1 regime rows: the exponents of the mean error of τ = 1 in T and in pB, each −1 ± tolerance.
    private func regimeRows(_ spec: CheckSpec, _ cells: [Cell]) -> [CheckRow] {
        let means = cells.map { mean($0.errors[0]) }
        let label = spec.label + " regime τ = 1"
        do {
            let fit = try MultiPowerLawFit.fit(parameters: cells.map { [$0.T, $0.p * $0.B] }, y: means)
            return zip(["T", "pB"], fit.coefficients.indices).map { name, j in
                let evidence = Evidence(estimate: fit.coefficients[j], interval: fit.cis[j],
                                        method: "OLS of log mean error at τ = 1 on log T, log pB over \(cells.count) cells")
                var outcome = Checks.equals("exponent of the τ = 1 error in \(name)", evidence, expected: -1, tolerance: regimeTolerance)
                outcome.detail += "; pBT·E[error] at τ = 1: " + zip(cells, means).map { "\(short($0.T * $0.p * $0.B * $1))" }.joined(separator: " ")
                return CheckRow(check: "\(label): error ∝ \(name)^-1", outcome: outcome)
            }
        } catch {
            return [spec.errorRow(nil, "\(label): the fit of the τ = 1 errors over T and pB failed: \(error) (the grid needs two or more values of each)")]
        }
    }

    /// The continuous excess fit over every cell (`ExcessFit`, seed-bootstrap intervals), or why there is none:
    /// it has no B term, so every cell must share one B.
    private func excessFit(_ cells: [Cell]) -> Result<ExcessFit, Error> {
        guard Set(cells.map(\.B)).count == 1 else {
            return .failure(FitError.degenerate(fit: "ExcessFit", reason: "the cells have several batch sizes B; the excess fit models T and p only"))
        }
        return Result(catching: { try ExcessFit.fit(cells.map { ExcessFit.Cell(T: $0.T, p: $0.p, taus: $0.taus, errors: $0.errors) }, factor: factor, seed: 1) })
    }

    /// (a, b) of τ* ∝ T^a p^b from one estimator, with their covariance and 95% intervals.
    private struct Exponents {
        let name: String
        let estimate: [Double], covariance: [[Double]], cis: [Interval]
        var generalizedVariance: Double { covariance[0][0] * covariance[1][1] - covariance[0][1] * covariance[1][0] }
        /// "a = … [low, high], b = … [low, high]".
        var summary: String { "a = \(short(estimate[0], cis[0])), b = \(short(estimate[1], cis[1]))" }
    }

    /// The exponents row: the Tobit fit of the interpolated log τ* and the continuous excess fit, and the joint
    /// test of every theory on the better powered of the two: the excess fit when its power law describes the
    /// data (χ² ≤ χ²_dof(0.99)) and its (a, b) ellipse is smaller (det Σ), or when the Tobit fit is impossible
    /// (too many censored τ*); else the Tobit fit. The excess fit uses every τ of every cell, where the Tobit fit
    /// sees one τ* per cell, so on data that follow the power law it is the sharper one.
    private func exponentsRow(_ spec: CheckSpec, _ cells: [Cell], _ estimates: [TauStarEstimate], _ excess: Result<ExcessFit, Error>,
                              regimeHolds: Bool) -> CheckRow {
        let label = spec.label + " exponents"
        let censored = estimates.filter(\.censored).count
        let summary = zip(cells, estimates).map { c, e in
            "T=\(short(c.T)) p=\(short(c.p)): τ*=\(e.censored ? "≥" : "")\(short(e.value, e.interval))"
        }.joined(separator: "; ")
        let rivals = TauTheories.all.map { ($0.name, $0.exponents) } + [("expected", expected)]
        let tobit: Result<Exponents, Error> = Result(catching: {
            let fit = try CensoredRegression.fit(design: cells.map { [1, log($0.T), log($0.p)] }, y: estimates.map { log($0.value) },
                                                 censored: estimates.map(\.censored))
            return Exponents(name: "Tobit regression of log τ* (\(censored) of \(estimates.count) censored)",
                             estimate: [fit.coefficients[1], fit.coefficients[2]],
                             covariance: [[fit.covariance[1][1], fit.covariance[1][2]], [fit.covariance[2][1], fit.covariance[2][2]]],
                             cis: [fit.interval(1), fit.interval(2)])
        })
        var excessNote: String
        var adequateExcess: Exponents?
        switch excess {
        case .success(let fit):
            let limit = fit.chiSquareLimit
            func text(_ p: ExcessFit.Parameter) -> String { short(p.estimate, p.interval) }
            excessNote = "excess fit r − 1 = C (τ − 1)^α T^β p^γ: C = \(short(exp(fit.logC.estimate))), α = \(text(fit.alpha)), "
                + "β = \(text(fit.beta)), γ = \(text(fit.gamma)), a = \(text(fit.a)), b = \(text(fit.b)), "
                + "χ²/dof = \(short(fit.chiSquare))/\(fit.degreesOfFreedom) (\(fit.chiSquare <= limit ? "≤" : ">") \(short(limit)) at 99%), \(fit.resolved) of \(fit.points) points resolved"
            if fit.chiSquare <= limit, fit.alpha.estimate > 0 {
                adequateExcess = Exponents(name: "continuous excess fit (seed bootstrap, \(fit.points) points)", estimate: [fit.a.estimate, fit.b.estimate],
                                           covariance: fit.exponentCovariance, cis: [fit.a.interval, fit.b.interval])
            } else {
                excessNote += fit.alpha.estimate > 0 ? " — the power law does not describe the excess: not used for the verdict" : " — the excess does not grow with τ: not used"
            }
        case .failure(let error):
            excessNote = "no excess fit: \(error)"
        }
        // The estimator the verdict uses, and what the detail says of the other one.
        let chosen: Exponents, other: String
        switch (tobit, adequateExcess) {
        case (.success(let t), let e?):
            let excessIsSharper = e.generalizedVariance < t.generalizedVariance
            chosen = excessIsSharper ? e : t
            other = excessIsSharper ? "Tobit fit of the interpolated τ*: \(t.summary)" : excessNote
        case (.failure(let error), let e?): (chosen, other) = (e, "no Tobit fit: \(error)")
        case (.success(let t), nil): (chosen, other) = (t, excessNote)
        case (.failure(let error), nil):
            var row = CheckRow(check: label, outcome: CheckOutcome(
                verdict: .inconclusive, measured: .nan, interval: nil, bound: expected[0], margin: nil, method: "censored (Tobit) regression of log τ*; continuous excess fit",
                detail: "\(censored) of \(estimates.count) τ* censored: no exponent can be fitted (\(error)); every τ* is a lower bound; \(excessNote). \(summary)"))
            row.tables = [theoriesTable(rivals.dropLast().map { ($0.0, $0.1, "INCONCLUSIVE") }, estimate: nil)]
            return row
        }
        let (estimate, cis) = (chosen.estimate, chosen.cis)
        do {
            let judged = try RivalHypotheses.judge(rivals, estimate: estimate, covariance: chosen.covariance)
            let mine = judged.last!
            let resolved = cis.allSatisfy { $0.high - $0.low <= resolution }
            let verdict: Verdict = !regimeHolds ? .inconclusive : mine.standing == .ruledOut ? .fail
                : (mine.standing == .consistent && resolved) ? .pass : .inconclusive
            let why = !regimeHolds ? " — τ = 1 is not shown to be in the O(1/(pBT)) regime, so τ* is not decidable"
                : mine.standing == .inconclusive ? " — the joint interval also contains a rival with other exponents"
                : !resolved && verdict != .fail ? " — an exponent's CI is wider than the resolution \(short(resolution))" : ""
            let critical = RivalHypotheses.critical(dimension: 2)
            var row = CheckRow(check: label, outcome: CheckOutcome(
                verdict: verdict, measured: estimate[0], interval: cis[0], bound: expected[0], margin: critical - mine.wald,
                method: "\(chosen.name), joint Wald χ²₂",
                detail: "\(chosen.summary) (\(chosen.name)); "
                    + "vs (\(short(expected[0])), \(short(expected[1]))): W = \(short(mine.wald)) \(mine.wald <= critical ? "≤" : ">") \(short(critical))\(why); theories: "
                    + judged.dropLast().map { "\($0.name) \($0.standing.rawValue) (W = \(short($0.wald)))" }.joined(separator: ", ") + ". \(other). \(summary)"))
            row.tables = [theoriesTable(judged.dropLast().map { ($0.name, $0.predicted, $0.standing.rawValue) }, estimate: (estimate, cis))]
            return row
        } catch {
            return spec.errorRow(nil, "\(label): the joint test failed: \(error). \(summary)")
        }
    }

    /// τ_theory ≤ τ* in every cell, decided from the bootstrap intervals.
    private func sufficiencyRow(_ spec: CheckSpec, _ cells: [Cell], _ estimates: [TauStarEstimate]) -> CheckRow {
        let theoryTaus = cells.map { theory.evaluate($0.bindings) }
        let ratios = zip(estimates, theoryTaus).map { $0.value / $1 }
        let tightest = ratios.min() ?? .nan
        let below = zip(estimates, theoryTaus).allSatisfy { $1 <= $0.interval.low }
        let above = zip(estimates, theoryTaus).contains { $1 > $0.interval.high }
        let verdict: Verdict = above ? .fail : below ? .pass : .inconclusive
        return CheckRow(check: spec.label + " theory τ sufficient", outcome: CheckOutcome(
            verdict: verdict, measured: tightest, interval: nil, bound: 1, margin: tightest - 1,
            method: "τ_theory against the bootstrap interval of τ* per cell",
            detail: "min τ̂*/τ_theory = \(short(tightest)) (τ_theory: \(theoryTaus.map(short).joined(separator: " "))): "
                + (above ? "the theory's τ exceeds the upper end of τ* in some cell" : below ? "the theory's τ is below every τ* interval" : "the theory's τ lies inside some τ* interval")))
    }

    /// A per-cell τ* table: T,p,B,tau_star,ci_low,ci_high,censored.
    private func tauStarTable(_ cells: [Cell], _ estimates: [(value: Double, interval: Interval, censored: Bool)], file: String = "tau_star.csv") -> CheckRow.Table {
        var doc = CSVDocument(columns: ["T", "p", "B", "tau_star", "ci_low", "ci_high", "censored"])
        for (c, e) in zip(cells, estimates) {
            try! doc.append([.number(c.T), .number(c.p), .number(c.B), .number(e.value), .number(e.interval.low), .number(e.interval.high),
                             .text(e.censored ? "true" : "false")])
        }
        return CheckRow.Table(file: file, document: doc)
    }

    /// `excess_fit.csv`: C, α, β, γ (t intervals from the bootstrap covariance), a, b (delta-method intervals), χ², dof
    /// and points.
    private func excessTable(_ fit: ExcessFit) -> CheckRow.Table {
        var doc = CSVDocument(columns: ["parameter", "estimate", "ci_low", "ci_high"])
        let c = ExcessFit.Parameter(estimate: exp(fit.logC.estimate), interval: fit.logC.interval.mapped(by: exp))
        for (name, p) in [("C", c), ("alpha", fit.alpha), ("beta", fit.beta), ("gamma", fit.gamma), ("a", fit.a), ("b", fit.b)] {
            try! doc.append([.text(name), .number(p.estimate), .number(p.interval.low), .number(p.interval.high)])
        }
        for (name, v) in [("chi_square", fit.chiSquare), ("degrees_of_freedom", Double(fit.degreesOfFreedom)), ("resolved_points", Double(fit.resolved)), ("points", Double(fit.points))] {
            try! doc.append([.text(name), .number(v), .missing, .missing])
        }
        return CheckRow.Table(file: "excess_fit.csv", document: doc)
    }

    private func theoriesTable(_ rows: [(name: String, predicted: [Double], verdict: String)], estimate: (value: [Double], cis: [Interval])?) -> CheckRow.Table {
        var doc = CSVDocument(columns: ["theory", "a_pred", "b_pred", "a_hat", "a_low", "a_high", "b_hat", "b_low", "b_high", "verdict"])
        for row in rows {
            let measured: [CSVValue] = estimate.map { e in
                (0..<2).flatMap { [CSVValue.number(e.value[$0]), .number(e.cis[$0].low), .number(e.cis[$0].high)] }
            } ?? Array(repeating: .missing, count: 6)
            try! doc.append([.text(row.name), .number(row.predicted[0]), .number(row.predicted[1])] + measured + [.text(row.verdict)])
        }
        return CheckRow.Table(file: "theories.csv", document: doc)
    }
}
