import RateLab
import XCTest

/// τ* of one cell (`TauStarEstimate`), the censored regression of log τ* (`CensoredRegression`) and the
/// theories table's joint test (`RivalHypotheses`), on data whose answers are known in closed form.
final class TauStarTests: XCTestCase {
    /// Means 1, 1.2, 2 at τ = 1, 4, 16 (identical seeds): the crossing of 1.5 lies between 4 and 16 at
    /// log τ* = log 4 + (log 1.5 − log 1.2)/(log 2 − log 1.2)·log 4, i.e. τ* = 4·4^0.43683 = 7.3292 (to 1e-12),
    /// and with every seed equal the bootstrap interval is that point.
    func testInterpolatesTheCrossingOnTheLogGrid() throws {
        let errors = [[1.0, 1.0, 1.0], [1.2, 1.2, 1.2], [2.0, 2.0, 2.0]]
        let e = try TauStarEstimate.estimate(taus: [1, 4, 16], errors: errors, factor: 1.5, horizon: 100, seed: 1)
        let s = (log(1.5) - log(1.2)) / (log(2.0) - log(1.2))
        XCTAssertEqual(e.value, 4 * pow(4, s), accuracy: 1e-12)
        XCTAssertEqual(e.value, 7.3292, accuracy: 1e-4)
        XCTAssertFalse(e.censored)
        XCTAssertEqual(e.interval.low, e.value, accuracy: 1e-12)
        XCTAssertEqual(e.interval.high, e.value, accuracy: 1e-12)
        XCTAssertEqual(e.ratios, [1, 1.2, 2])
    }

    /// No τ crosses: τ* is censored at min(top of the grid, T) = T = 64, and its interval ends there.
    func testCensorsAtTheHorizon() throws {
        let e = try TauStarEstimate.estimate(taus: [1, 8, 64], errors: [[1, 2], [1.1, 2.1], [1.2, 2.3]], factor: 1.5, horizon: 64, seed: 1)
        XCTAssertTrue(e.censored)
        XCTAssertEqual(e.value, 64)
        XCTAssertEqual(e.interval.high, 64)
    }

    /// Means are arithmetic and the seeds paired: seed errors (1, 3) at τ = 1 and (1, 5) at τ = 2 give
    /// r = 3/2 = 1.5 exactly (the geometric means would give √5/√3 = 1.29), so factor 1.4 crosses at τ = 2:
    /// log τ* = (log 1.4 / log 1.5)·log 2, τ* = 1.7775.
    func testUsesArithmeticMeans() throws {
        let e = try TauStarEstimate.estimate(taus: [1, 2], errors: [[1, 3], [1, 5]], factor: 1.4, horizon: 10, seed: 1)
        XCTAssertEqual(e.ratios[1], 1.5, accuracy: 1e-15)
        XCTAssertEqual(e.value, pow(2, log(1.4) / log(1.5)), accuracy: 1e-12)
        XCTAssertEqual(e.value, 1.7775, accuracy: 1e-4)
    }

    /// The bootstrap interval contains the point estimate and moves with the seed spread: 32 seeds whose
    /// error at τ = 16 scatters around 2× give an interval of positive width around τ̂*.
    func testBootstrapIntervalCoversTheEstimate() throws {
        var rng = RandomStream(seed: 3, purpose: .data)
        let base = (0..<32).map { _ in 1 + 0.2 * rng.nextUniform() }
        let errors = [base, base.map { $0 * 1.2 }, base.map { $0 * (1.6 + 0.8 * rng.nextUniform()) }]
        let e = try TauStarEstimate.estimate(taus: [1, 4, 16], errors: errors, factor: 1.5, horizon: 1000, seed: 7)
        XCTAssertLessThan(e.interval.low, e.value)
        XCTAssertGreaterThan(e.interval.high, e.value)
        XCTAssertGreaterThan(e.interval.low, 4)
        XCTAssertLessThan(e.interval.high, 16)
    }

    func testRefusesBadInput() {
        XCTAssertThrowsError(try TauStarEstimate.estimate(taus: [1], errors: [[1, 1]], factor: 1.5, horizon: 10, seed: 1))
        XCTAssertThrowsError(try TauStarEstimate.estimate(taus: [1, 2], errors: [[1, 1], [1, 1]], factor: 1, horizon: 10, seed: 1))
        XCTAssertThrowsError(try TauStarEstimate.estimate(taus: [2, 1], errors: [[1, 1], [1, 1]], factor: 1.5, horizon: 10, seed: 1))
    }

    /// Without censoring the Tobit fit is OLS: intercept and slope equal `LinearRegression`'s to 1e-10, and the
    /// slope's variance is σ̂²/Σ(t − t̄)² with the maximum-likelihood σ̂² = SSE/n (to 1e-4 relative: the
    /// information is a central difference with step 1e-4).
    func testCensoredRegressionWithoutCensoringIsOLS() throws {
        let t = (0..<12).map(Double.init)
        let y = t.map { 1 + 0.5 * $0 + ($0.truncatingRemainder(dividingBy: 3) - 1) * 0.3 }
        let fit = try CensoredRegression.fit(design: t.map { [1, $0] }, y: y, censored: Array(repeating: false, count: 12))
        let ols = try LinearRegression.fit(x: t, y: y)
        XCTAssertEqual(fit.coefficients[0], ols.intercept, accuracy: 1e-10)
        XCTAssertEqual(fit.coefficients[1], ols.slope, accuracy: 1e-10)
        let sse = zip(t, y).map { pow($1 - ols.intercept - ols.slope * $0, 2) }.reduce(0, +)
        let sxx = t.map { pow($0 - 5.5, 2) }.reduce(0, +)
        XCTAssertEqual(fit.covariance[1][1], sse / 12 / sxx, accuracy: 1e-4 * sse / 12 / sxx)
    }

    /// A censored value is an interval, not a value: y = 2t − 0.5 + 0.2ε on 40 points t ∈ [0, 1], right-censored
    /// at 0.6 (about 45% censored). Over 200 replicates the Tobit slope's 95% interval covers 2 in at least 180
    /// (90%: binomial 200 × 0.95 has P(< 180) ≈ 0.1%; the Wald interval of a censored fit is asymptotic), while
    /// fitting the censoring points as values biases the slope down (mean below 1.6) and covers 2 in under 10%.
    func testCensoredRegressionCoversTheSlopeUnderCensoring() throws {
        var tobitCovered = 0, naiveCovered = 0, naiveSlopes = 0.0
        let t = (0..<40).map { Double($0) / 39 }
        let design = t.map { [1, $0] }
        for replicate in 0..<200 {
            var rng = RandomStream(seed: UInt64(replicate), purpose: .data)
            let y = t.map { 2 * $0 - 0.5 + 0.2 * rng.nextGaussian() }
            let censored = y.map { $0 >= 0.6 }
            let observed = y.map { min($0, 0.6) }
            let tobit = try CensoredRegression.fit(design: design, y: observed, censored: censored)
            let naive = try CensoredRegression.fit(design: design, y: observed, censored: Array(repeating: false, count: 40))
            if tobit.interval(1).contains(2) { tobitCovered += 1 }
            if naive.interval(1).contains(2) { naiveCovered += 1 }
            naiveSlopes += naive.coefficients[1] / 200
        }
        XCTAssertGreaterThanOrEqual(tobitCovered, 180)
        XCTAssertLessThan(naiveCovered, 20)
        XCTAssertLessThan(naiveSlopes, 1.6)
        print("censored regression coverage: Tobit \(tobitCovered)/200, naive \(naiveCovered)/200 (mean naive slope \(naiveSlopes))")
    }

    /// All censored (or too few exact values): no maximum, refused.
    func testCensoredRegressionRefusesTooFewExactValues() {
        XCTAssertThrowsError(try CensoredRegression.fit(design: [[1, 0], [1, 1], [1, 2]], y: [1, 2, 3], censored: [true, true, false]))
    }

    /// Estimate (0.6, −0.4) with covariance 0.01·I: W(2/3, −1/3) = 0.889 (inside χ²₂ 5.991), W(1/2, −1/2) = 2,
    /// W(1, −1) = 52: the last is ruled out, the first two cannot be separated (INCONCLUSIVE); with covariance
    /// 0.002·I, W(2/3, −1/3) = 4.44 stays inside, W(1/2, −1/2) = 10 is ruled out and (2/3, −1/3) is consistent.
    func testRivalHypothesesSeparateOnlyWhenTheIntervalIsNarrow() throws {
        let rivals: [(name: String, predicted: [Double])] = [("seed", [2.0 / 3, -1.0 / 3]), ("stich", [0.5, -0.5]), ("khaled", [1, -1])]
        let wide = try RivalHypotheses.judge(rivals, estimate: [0.6, -0.4], covariance: [[0.01, 0], [0, 0.01]])
        XCTAssertEqual(wide.map(\.standing), [.inconclusive, .inconclusive, .ruledOut])
        XCTAssertEqual(wide[0].wald, (pow(0.6 - 2.0 / 3, 2) + pow(-0.4 + 1.0 / 3, 2)) / 0.01, accuracy: 1e-12)
        XCTAssertEqual(wide[1].wald, 2, accuracy: 1e-12)
        XCTAssertEqual(wide[2].wald, 52, accuracy: 1e-12)
        let narrow = try RivalHypotheses.judge(rivals, estimate: [0.6, -0.4], covariance: [[0.002, 0], [0, 0.002]])
        XCTAssertEqual(narrow.map(\.standing), [.consistent, .ruledOut, .ruledOut])
        XCTAssertEqual(RivalHypotheses.critical(dimension: 2), 5.991, accuracy: 1e-3)
    }

    /// Noise-free excess r − 1 = 2·(τ − 1)^1.5·T^−1·p^0.5 (every seed equal up to a 1e-3 spread that leaves the
    /// means exact; the largest excess, 2.8 at τ = 64, stays inside the window 10·(factor − 1)): the fit returns
    /// (log C, α, β, γ) = (log 2, 1.5, −1, 0.5) to 1e-6, a = 2/3, b = −1/3, and
    /// τ*(T = 1000, p = 2) = 1 + (0.5·1000/(2·√2))^{2/3} = 32.498 in closed form.
    func testExcessFitRecoversAnExactPowerLaw() throws {
        var cells = [ExcessFit.Cell]()
        for T in [1000.0, 4000] {
            for p in [2.0, 8] {
                let taus = [1.0, 2, 4, 8, 16, 32, 64]
                let spread = [1.0, 1.001, 0.999]
                cells.append(ExcessFit.Cell(T: T, p: p, taus: taus, errors: taus.map { tau in
                    let m = tau == 1 ? 1 : 1 + 2 * pow(tau - 1, 1.5) / T * p.squareRoot()
                    return spread.map { m * $0 }
                }))
            }
        }
        let fit = try ExcessFit.fit(cells, factor: 1.5, resamples: 50, seed: 1)
        XCTAssertEqual(fit.logC.estimate, log(2), accuracy: 1e-6)
        XCTAssertEqual(fit.alpha.estimate, 1.5, accuracy: 1e-6)
        XCTAssertEqual(fit.beta.estimate, -1, accuracy: 1e-6)
        XCTAssertEqual(fit.gamma.estimate, 0.5, accuracy: 1e-6)
        XCTAssertEqual(fit.a.estimate, 2.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(fit.b.estimate, -1.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(fit.tauStars[0].value, 1 + pow(0.5 * 1000 / (2 * 2.0.squareRoot()), 2.0 / 3), accuracy: 1e-4)
        XCTAssertEqual(fit.tauStars[0].value, 32.498, accuracy: 1e-3)
        XCTAssertFalse(fit.tauStars[0].censored)
        XCTAssertEqual(fit.chiSquare, 0, accuracy: 1e-6)
    }

    /// Too little excess above noise (a flat r = 1 with seed noise) cannot be fitted: refused, not a number.
    func testExcessFitRefusesUnresolvedExcess() {
        var rng = RandomStream(seed: 5, purpose: .noise)
        let cells = [1000.0, 4000].flatMap { T in [2.0, 8].map { p in
            ExcessFit.Cell(T: T, p: p, taus: [1, 4, 16], errors: (0..<3).map { _ in (0..<16).map { _ in 1 + 0.1 * rng.nextUniform() } })
        } }
        XCTAssertThrowsError(try ExcessFit.fit(cells, factor: 1.5, resamples: 50, seed: 1))
    }

    /// Coverage of the excess fit's intervals, 200 synthetic studies (`Calibration.excessCells`: 3 × 3 cells,
    /// 32 seeds with common random numbers, lognormal seed noise σ = 0.4 shared plus 0.2 per τ) with the truth
    /// (log C, α, β, γ) = (0, 1.5, −1, 0.5), so a = 2/3, b = −1/3 and τ*(1000, 2) = 1 + (0.5·1000/√2)^{2/3} = 51.0.
    /// Each interval must cover in the binomial band of 95%: a count below the lower threshold or above the upper
    /// one has probability ≤ 0.5% each under exact 95% coverage (Binomial(200, 0.95)).
    func testExcessFitIntervalsCoverTheirTruth() throws {
        let replications = 200
        let truth = Calibration.excessTruth
        let truths = [truth[1], truth[2], truth[3], -truth[2] / truth[1], -truth[3] / truth[1], 1 + pow(0.5 / exp(truth[0]) * 1000 / pow(2, truth[3]), 1 / truth[1])]
        let covered = ParallelCells.map(replications, threads: 2) { k -> [Bool] in
            var stream = RandomStream(seed: UInt64(1000 + k), purpose: .noise)
            guard let fit = try? ExcessFit.fit(Calibration.excessCells(.independent, seeds: 32, &stream), factor: 1.5, resamples: 400, seed: UInt64(k)) else {
                return Array(repeating: false, count: truths.count)
            }
            let intervals = [fit.alpha.interval, fit.beta.interval, fit.gamma.interval, fit.a.interval, fit.b.interval, fit.tauStars[0].interval]
            return zip(intervals, truths).map { $0.contains($1) }
        }
        let low = binomialCoverageThreshold(trials: replications, probability: 0.95, alpha: coverageAlpha)
        let high = replications - binomialCoverageThreshold(trials: replications, probability: 0.05, alpha: coverageAlpha)
        for (j, name) in ["α", "β", "γ", "a", "b", "τ*(1000, 2)"].enumerated() {
            let count = covered.filter { $0[j] }.count
            print("excess fit coverage \(name): \(count)/\(replications) (band \(low)…\(high))")
            XCTAssertGreaterThanOrEqual(count, low, name)
            XCTAssertLessThanOrEqual(count, high, name)
        }
    }
}
