import XCTest
@testable import RateLabClaims
import RateLab
import TestSupport

/// The τ-scaling study end to end on small grids: τ in `lr`, the τ = 1 regime rows, τ* with its censoring,
/// the theories table and the report tables.
final class TauScalingClaimTests: XCTestCase {
    private func outcome(_ text: String) throws -> ClaimOutcome {
        try ClaimRunner(threads: 2).check(try ClaimParser.parse(text: text, file: "tau.yaml"))
    }

    /// A quadratic claim over T ∈ {400, 1600, 6400}, p ∈ {2, 4, 8} with 48 seeds; the problem's extra keys and
    /// the τ axis are filled in.
    private static func claim(problem: String, taus: String) -> String {
        """
        title: tau
        source: test
        statement: τ*.
        problem: {name: quadratic, dimension: 4, kappa: 4, zeta: 1, noise: 1, \(problem)}
        run: {algorithm: local-sgd, batch: 1, lr: inv:4/mu:4*kappa, every: 200}
        sweep:
          run.steps: [400, 1600, 6400]
          problem.workers: [2, 4, 8]
          run.tau: \(taus)
        seeds: 48
        checks:
          - {kind: tau-scaling, name: τ*, factor: 1.5}
        """
    }

    /// `lr` sees the cell's τ: inv:4/mu:2*tau+4 with τ = 8 and μ = 1 is η_t = 4/(t + 20).
    func testStepScheduleReadsTau() throws {
        let claim = try ClaimParser.parse(text: TauScalingClaimTests.claim(problem: "", taus: "[1]")
            .replacingOccurrences(of: "lr: inv:4/mu:4*kappa", with: "lr: inv:4/mu:2*tau+4, tau: 8")
            .replacingOccurrences(of: "  run.tau: [1]\n", with: ""), file: "tau.yaml")
        let problem = try ProblemFactory.make(ProblemSpec(name: "quadratic", dimension: 4, workers: 2, kappa: 4, zeta: 1, noise: 1))
        let (run, bindings) = try RunKeys.spec(claim.gridPoints[0].run, problem: problem, file: "tau.yaml")
        XCTAssertEqual(run.tau, 8)
        XCTAssertEqual(bindings["tau"], 8)
        XCTAssertEqual(run.stepSize, .inverseTime(a: 4 / problem.curvature.mu!, b: 2 * 8 + 4))
    }

    /// One Hessian for every worker: local SGD's average is synchronous SGD for every τ (linear updates), so
    /// τ* is censored at T in all nine cells (tau_star.csv says so, with the interval [T, T]), the exponents
    /// cannot be fitted (INCONCLUSIVE, every theory INCONCLUSIVE in theories.csv), τ = 1 is in the
    /// O(1/(pBT)) regime (exponents within −1 ± 0.25) and the theory's τ is below every τ*.
    func testCommonHessianCensorsEveryTauStarAtT() throws {
        let o = try outcome(TauScalingClaimTests.claim(problem: "", taus: "[\"1\", \"8\", \"T\"]"))
        let rows = Dictionary(uniqueKeysWithValues: o.rows.map { ($0.check, $0) })
        XCTAssertEqual(rows["τ* regime τ = 1: error ∝ T^-1"]?.outcome.verdict, .pass, ClaimReports.summary(GateResult(outcomes: [o])))
        XCTAssertEqual(rows["τ* regime τ = 1: error ∝ pB^-1"]?.outcome.verdict, .pass)
        let exponents = try XCTUnwrap(rows["τ* exponents"])
        XCTAssertEqual(exponents.outcome.verdict, .inconclusive)
        XCTAssertTrue(exponents.outcome.detail.contains("9 of 9 τ* censored"), exponents.outcome.detail)
        XCTAssertEqual(rows["τ* theory τ sufficient"]?.outcome.verdict, .pass)
        XCTAssertEqual(exponents.figures.map(\.file), ["tau_star.svg"])
        // 3 series of τ* (one per p) with their bands and the 4 theories' slopes.
        XCTAssertEqual(exponents.figures[0].plot.series.count, 3 + 4)
        let tables = Dictionary(uniqueKeysWithValues: exponents.tables.map { ($0.file, $0.document) })
        let tauStar = try XCTUnwrap(tables["tau_star.csv"])
        XCTAssertEqual(tauStar.columns, ["T", "p", "B", "tau_star", "ci_low", "ci_high", "censored"])
        XCTAssertEqual(tauStar.rows.count, 9)
        for row in tauStar.rows {
            XCTAssertEqual(row[3], row[0])  // τ* = T
            XCTAssertEqual(row[4], row[0])
            XCTAssertEqual(row[6], .text("true"))
        }
        let theories = try XCTUnwrap(tables["theories.csv"])
        XCTAssertEqual(theories.columns, ["theory", "a_pred", "b_pred", "a_hat", "a_low", "a_high", "b_hat", "b_low", "b_high", "verdict"])
        XCTAssertEqual(theories.rows.map { $0[0] }, TauTheories.all.map { .text($0.name) })
        XCTAssertTrue(theories.rows.allSatisfy { $0[9] == .text("INCONCLUSIVE") })
        // r = 1 to rounding at every τ: no excess is resolved, so there is no excess fit and no excess_fit.csv.
        XCTAssertTrue(exponents.outcome.detail.contains("no excess fit"), exponents.outcome.detail)
        XCTAssertNil(tables["excess_fit.csv"])
    }

    /// Hessians spread on the scale of L (0.9·λ_j): τ matters, every τ* is finite and below T, with a bootstrap
    /// interval around it, and the Tobit fit gives finite exponents with the theories judged.
    func testHeterogeneousHessiansGiveFiniteTauStar() throws {
        let o = try outcome(TauScalingClaimTests.claim(problem: "hessian-spread: 0.9", taus: "[\"1\", \"2\", \"4\", \"8\", \"16\", \"32\", \"64\", \"T\"]"))
        let exponents = try XCTUnwrap(o.rows.first { $0.check == "τ* exponents" })
        let tauStar = try XCTUnwrap(exponents.tables.first { $0.file == "tau_star.csv" }?.document)
        for row in tauStar.rows {
            guard case let .number(T) = row[0], case let .number(value) = row[3], case let .number(low) = row[4], case let .number(high) = row[5] else {
                return XCTFail("unexpected row \(row)")
            }
            XCTAssertEqual(row[6], .text("false"))
            XCTAssertGreaterThan(value, 1)
            XCTAssertLessThan(value, T / 4)
            XCTAssertLessThanOrEqual(low, value)
            XCTAssertGreaterThanOrEqual(high, value)
        }
        XCTAssertTrue(exponents.outcome.measured.isFinite, exponents.outcome.detail)
        // The continuous excess fit beside it: C, α, β, γ, a, b with intervals around the estimates, the excess
        // growing with τ (α > 0), and its τ* per cell in tau_star_fit.csv. Its χ² decides whether it may judge the
        // theories; here (p = 4 has a larger excess than p = 2 and 8: not a power law in p) it may not, and the
        // row names the Tobit fit.
        let excess = try XCTUnwrap(exponents.tables.first { $0.file == "excess_fit.csv" }?.document)
        XCTAssertEqual(excess.rows.prefix(6).map { $0[0] }, ["C", "alpha", "beta", "gamma", "a", "b"].map { .text($0) })
        for row in excess.rows.prefix(6) {
            guard case let .number(value) = row[1], case let .number(low) = row[2], case let .number(high) = row[3] else {
                return XCTFail("unexpected row \(row)")
            }
            XCTAssertLessThan(low, value)
            XCTAssertGreaterThan(high, value)
        }
        guard case let .number(alpha) = excess.rows[1][1] else { return XCTFail("no α") }
        XCTAssertGreaterThan(alpha, 1)
        XCTAssertEqual(try XCTUnwrap(exponents.tables.first { $0.file == "tau_star_fit.csv" }?.document).rows.count, 9)
        // tau_star.svg: per p the τ* series and, dashed, the excess fit's τ*; then the 4 theories' slopes.
        XCTAssertEqual(exponents.figures[0].plot.series.count, 3 + 3 + 4)
        // One color per p: its τ* line, its band and its excess-fit line; the theories' lines in other colors.
        let plot = exponents.figures[0].plot
        for band in plot.bands {
            let key = band.name.replacingOccurrences(of: "95% bootstrap ", with: "")
            let colors = Set(plot.series.filter { $0.name == "τ* \(key)" || $0.name == "excess fit τ* \(key)" }.map(\.color))
            XCTAssertEqual(colors, [band.color], key)
        }
        XCTAssertEqual(Set(plot.series.map(\.color)).count, 3 + 4)
        XCTAssertTrue(exponents.outcome.detail.contains("χ²/dof"), exponents.outcome.detail)
        XCTAssertEqual(exponents.outcome.method?.hasPrefix("Tobit") == true, exponents.outcome.detail.contains("not used for the verdict"))
        let theories = try XCTUnwrap(exponents.tables.first { $0.file == "theories.csv" }?.document)
        XCTAssertTrue(theories.rows.allSatisfy { [.text("consistent"), .text("ruled out"), .text("INCONCLUSIVE")].contains($0[9]) })
    }

    /// `best-over: run.lr` takes, per (T, p, B, τ), the step with the smallest mean error and skips diverged
    /// settings: adding a step that diverges (10 > 2/L) to the grid changes no τ* (metamorphic: the same
    /// tau_star.csv).
    func testBestOverIgnoresAUselessStep() throws {
        let base = TauScalingClaimTests.claim(problem: "hessian-spread: 0.9", taus: "[\"1\", \"4\", \"16\", \"T\"]")
        let plain = try outcome(base)
        let tuned = try outcome(base
            .replacingOccurrences(of: "lr: inv:4/mu:4*kappa, ", with: "")
            .replacingOccurrences(of: "  run.tau:", with: "  run.lr: [\"inv:4/mu:4*kappa\", \"10\"]\n  run.tau:")
            .replacingOccurrences(of: "factor: 1.5}", with: "factor: 1.5, best-over: run.lr}"))
        func table(_ o: ClaimOutcome) throws -> [[CSVValue]] {
            try XCTUnwrap(o.rows.first { $0.check == "τ* exponents" }?.tables.first { $0.file == "tau_star.csv" }?.document.rows)
        }
        XCTAssertEqual(try table(tuned), try table(plain))
        XCTAssertEqual(try table(plain).count, 9)
    }

    /// A cell without τ = 1 has no reference: ERROR naming the cell.
    func testMissingReferencePeriodIsAnError() throws {
        let o = try outcome(TauScalingClaimTests.claim(problem: "", taus: "[\"2\", \"T\"]"))
        XCTAssertEqual(o.verdict, .error)
        XCTAssertTrue(o.rows[0].outcome.detail.contains("has no τ = 1"), o.rows[0].outcome.detail)
    }

    /// The adaptive τ grid (`refine: 2`): each round runs, in every cell whose mean ratio crosses 1.5 between grid
    /// values τ_lo < τ_hi, τ = round(√(τ_lo·τ_hi)) with all 48 seeds. On the heterogeneous quadratic with the grid
    /// {1, 4, 16, 64, T} every τ* is finite, so round 1 adds one τ per cell strictly inside its bracket and round 2
    /// at most one more; the crossing then lies in a bracket no wider than before (a log-width ratio ≤ 1/2 + the
    /// rounding). The same claim on 1 and 2 threads gives the same tau_star.csv; rerun with its cell cache and
    /// `requireCached` it runs nothing (a missing cell would throw NotCached). Sharded: ShardTests.
    func testAdaptiveGridBisectsTheBracketDeterministically() throws {
        let text = TauScalingClaimTests.claim(problem: "hessian-spread: 0.9", taus: "[\"1\", \"4\", \"16\", \"64\", \"T\"]")
            .replacingOccurrences(of: "factor: 1.5}", with: "factor: 1.5, refine: 2}")
        let claim = try ClaimParser.parse(text: text, file: "tau.yaml")
        let dir = NSTemporaryDirectory() + "ratelab-refine-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let two = try ClaimRunner(threads: 2, cacheDirectory: dir).check(claim)
        let grid = claim.gridPoints.count
        XCTAssertEqual(grid, 45)
        let added = two.data.points.dropFirst(grid)
        XCTAssertGreaterThanOrEqual(added.count, 9)
        XCTAssertLessThanOrEqual(added.count, 18)
        // Every added τ is a whole number strictly between two of the written grid values and not one of them.
        for point in added {
            let tau = try XCTUnwrap(point.bindings["tau"]), T = try XCTUnwrap(point.bindings["T"])
            XCTAssertEqual(tau, tau.rounded())
            XCTAssertFalse([1, 4, 16, 64, T].contains(tau), "\(tau)")
            XCTAssertGreaterThan(tau, 1)
            XCTAssertLessThan(tau, T)
        }
        func table(_ o: ClaimOutcome) throws -> [[CSVValue]] {
            try XCTUnwrap(o.rows.first { $0.check == "τ* exponents" }?.tables.first { $0.file == "tau_star.csv" }?.document.rows)
        }
        // Each τ* now sits in a bracket [τ_lo, τ_hi] of the refined grid with τ_hi/τ_lo ≤ 2 (the written grid's
        // brackets are 4× wide; two log bisections give √2, rounding to whole steps at most 2 for τ < 8).
        for row in try table(two) {
            guard case let .number(T) = row[0], case let .number(p) = row[1], case let .number(value) = row[3] else { return XCTFail("\(row)") }
            let taus = two.data.points.filter { $0.bindings["T"] == T && $0.bindings["p"] == p }.compactMap { $0.bindings["tau"] }
            let low = try XCTUnwrap(taus.filter { $0 <= value }.max()), high = try XCTUnwrap(taus.filter { $0 >= value }.min())
            XCTAssertLessThanOrEqual(high / low, 2, "T=\(T) p=\(p): τ* = \(value) in [\(low), \(high)]")
        }
        let one = try ClaimRunner(threads: 1).check(claim)
        XCTAssertEqual(try table(one), try table(two))
        var cachedOnly = ClaimRunner(threads: 2, cacheDirectory: dir)
        cachedOnly.requireCached = true
        XCTAssertEqual(try table(cachedOnly.check(claim)), try table(two))
    }

    /// Each cell is refined from its own runs: a grid point that cannot be set up (τ = 800 − T is −800 at
    /// T = 1600) makes the claim ERROR, but without best-over it no longer stops the bisection of the other
    /// cells (before, one unusable point anywhere stopped every cell's refinement); a sharded run relies on this.
    func testRefinementIsPerCell() throws {
        let text = ClaimFixtures.adaptiveTau
            .replacingOccurrences(of: "run.lr: [\"inv:4/mu:4*kappa\", \"inv:2/mu:4*kappa\"]", with: "run.lr: [\"inv:4/mu:4*kappa\"]")
            .replacingOccurrences(of: "\"T\"]", with: "\"T\", \"800-T\"]")
            .replacingOccurrences(of: "best-over: run.lr, ", with: "")
        let claim = try ClaimParser.parse(text: text, file: "tau.yaml")
        let o = try ClaimRunner(threads: 2).check(claim)
        XCTAssertEqual(o.verdict, .error)
        XCTAssertTrue(o.rows[0].outcome.detail.contains("evaluates to -800"), o.rows[0].outcome.detail)
        let grid = claim.gridPoints.count
        XCTAssertEqual(grid, 24)
        let added = o.data.points.dropFirst(grid)
        XCTAssertFalse(added.isEmpty, "the cells without the failed point refine")
        for point in added {
            let tau = try XCTUnwrap(point.bindings["tau"]), T = try XCTUnwrap(point.bindings["T"])
            XCTAssertFalse([1, 4, 16, 64, T].contains(tau), "\(tau)")
        }
    }
}
