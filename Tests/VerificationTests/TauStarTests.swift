import RateLab
import XCTest

/// τ* of one cell (`TauStarEstimate`), the censored regression of log τ* (`CensoredRegression`) and the
/// theories table's joint test (`RivalHypotheses`), on data whose answers are known in closed form.
final class TauStarTests: XCTestCase {
    /// Means 1, 1.2, 2 at τ = 1, 4, 16 (identical seeds): the crossing of 1.5 lies between 4 and 16 at
    /// log τ* = log 4 + (log 1.5 − log 1.2)/(log 2 − log 1.2)·log 4, i.e. τ* = 4·4^0.43683 = 7.3153 (to 1e-12),
    /// and with every seed equal the bootstrap interval is that point.
    func testInterpolatesTheCrossingOnTheLogGrid() throws {
        let errors = [[1.0, 1.0, 1.0], [1.2, 1.2, 1.2], [2.0, 2.0, 2.0]]
        let e = try TauStarEstimate.estimate(taus: [1, 4, 16], errors: errors, factor: 1.5, horizon: 100, seed: 1)
        let s = (log(1.5) - log(1.2)) / (log(2.0) - log(1.2))
        XCTAssertEqual(e.value, 4 * pow(4, s), accuracy: 1e-12)
        XCTAssertEqual(e.value, 7.3153, accuracy: 1e-4)
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
    /// log τ* = (log 1.4 / log 1.5)·log 2, τ* = 1.5296.
    func testUsesArithmeticMeans() throws {
        let e = try TauStarEstimate.estimate(taus: [1, 2], errors: [[1, 3], [1, 5]], factor: 1.4, horizon: 10, seed: 1)
        XCTAssertEqual(e.ratios[1], 1.5, accuracy: 1e-15)
        XCTAssertEqual(e.value, pow(2, log(1.4) / log(1.5)), accuracy: 1e-12)
        XCTAssertEqual(e.value, 1.5296, accuracy: 1e-4)
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

    /// Without censoring the Tobit fit is OLS: y = 1 + 0.5·u − 0.25·v exactly gives those coefficients (to 1e-8;
    /// σ̂ is floored at 1e-6, so the covariance is tiny but finite).
    func testCensoredRegressionWithoutCensoringIsOLS() throws {
        let x = [[1.0, 0, 0], [1, 1, 0], [1, 0, 1], [1, 1, 1], [1, 2, 1]]
        let y = x.map { 1 + 0.5 * $0[1] - 0.25 * $0[2] }
        let fit = try CensoredRegression.fit(design: x, y: y, censored: Array(repeating: false, count: 5))
        XCTAssertEqual(fit.coefficients[0], 1, accuracy: 1e-8)
        XCTAssertEqual(fit.coefficients[1], 0.5, accuracy: 1e-8)
        XCTAssertEqual(fit.coefficients[2], -0.25, accuracy: 1e-8)
    }

    /// A censored value is an interval, not a value: y = 2t + noise on 40 points, with the 12 largest
    /// right-censored at 1.2. Fitting the censoring points as values biases the slope down; the Tobit slope
    /// recovers 2 within its 95% interval, and that interval is wider than a fit of all exact values.
    func testCensoredRegressionRecoversTheSlopeUnderCensoring() throws {
        var rng = RandomStream(seed: 11, purpose: .data)
        let t = (0..<40).map { Double($0) / 39 }
        let y = t.map { 2 * $0 - 0.5 + 0.2 * rng.nextGaussian() }
        let cut = 1.2
        let censored = y.map { $0 >= cut }
        let observed = y.map { min($0, cut) }
        XCTAssertGreaterThanOrEqual(censored.filter { $0 }.count, 8)
        let design = t.map { [1, $0] }
        let tobit = try CensoredRegression.fit(design: design, y: observed, censored: censored)
        let naive = try CensoredRegression.fit(design: design, y: observed, censored: Array(repeating: false, count: 40))
        XCTAssertTrue(tobit.interval(1).contains(2), "Tobit slope \(tobit.coefficients[1]) \(tobit.interval(1))")
        XCTAssertFalse(naive.interval(1).contains(2), "naive slope \(naive.coefficients[1]) \(naive.interval(1))")
        XCTAssertLessThan(abs(tobit.coefficients[1] - 2), abs(naive.coefficients[1] - 2))
    }

    /// All censored (or too few exact values): no maximum, refused.
    func testCensoredRegressionRefusesTooFewExactValues() {
        XCTAssertThrowsError(try CensoredRegression.fit(design: [[1, 0], [1, 1], [1, 2]], y: [1, 2, 3], censored: [true, true, false]))
    }

    /// Estimate (0.6, −0.4) with covariance 0.01·I: W(2/3, −1/3) = 0.889 (inside χ²₂ 5.991), W(1/2, −1/2) = 2,
    /// W(1, −1) = 52: the last is ruled out, the first two cannot be separated (INCONCLUSIVE); with covariance
    /// 0.001·I, W(1/2, −1/2) = 20 is ruled out too and (2/3, −1/3) is consistent.
    func testRivalHypothesesSeparateOnlyWhenTheIntervalIsNarrow() throws {
        let rivals: [(name: String, predicted: [Double])] = [("seed", [2.0 / 3, -1.0 / 3]), ("stich", [0.5, -0.5]), ("khaled", [1, -1])]
        let wide = try RivalHypotheses.judge(rivals, estimate: [0.6, -0.4], covariance: [[0.01, 0], [0, 0.01]])
        XCTAssertEqual(wide.map(\.standing), [.inconclusive, .inconclusive, .ruledOut])
        XCTAssertEqual(wide[0].wald, (pow(0.6 - 2.0 / 3, 2) + pow(-0.4 + 1.0 / 3, 2)) / 0.01, accuracy: 1e-12)
        XCTAssertEqual(wide[1].wald, 2, accuracy: 1e-12)
        XCTAssertEqual(wide[2].wald, 52, accuracy: 1e-12)
        let narrow = try RivalHypotheses.judge(rivals, estimate: [0.6, -0.4], covariance: [[0.001, 0], [0, 0.001]])
        XCTAssertEqual(narrow.map(\.standing), [.consistent, .ruledOut, .ruledOut])
        XCTAssertEqual(RivalHypotheses.critical(dimension: 2), 5.991, accuracy: 1e-3)
    }
}
