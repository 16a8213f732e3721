import RateLab
import TestSupport
import XCTest

final class MultiPowerLawFitTests: XCTestCase {
    /// The (T, p) grid of a τ-scaling sweep: T ∈ {500, …, 8000}, p ∈ {2, …, 32}.
    let grid: [[Double]] = [500.0, 1000, 2000, 4000, 8000].flatMap { t in [2.0, 4, 8, 16, 32].map { [t, $0] } }

    func law(_ row: [Double]) -> Double { 3 * pow(row[0], 2.0 / 3) * pow(row[1], -1.0 / 3) }

    func testExactDataGiveExactExponents() throws {
        let fit = try MultiPowerLawFit.fit(parameters: grid, y: grid.map(law))
        // Exact data: rounding in log/pow and the SVD only; 1e-12 absolute on O(1) exponents.
        assertClose(fit.coefficients[0], 2.0 / 3, rtol: 1e-12)
        assertClose(fit.coefficients[1], -1.0 / 3, rtol: 1e-12)
        assertClose(fit.intercept, log(3), rtol: 1e-12)
    }

    func testNoisyTauLawIsRecoveredAndTheJointTestSeparatesHypotheses() throws {
        var coveredA = 0, coveredB = 0, jointConsistent = 0, rejectedAlternative = 0
        for seed in 0..<100 {
            var noise = RandomStream(seed: UInt64(seed), stream: 2, purpose: .noise)
            let y = grid.map { law($0) * exp(0.1 * noise.nextGaussian()) }
            let fit = try MultiPowerLawFit.fit(parameters: grid, y: y)
            if fit.cis[0].contains(2.0 / 3) { coveredA += 1 }
            if fit.cis[1].contains(-1.0 / 3) { coveredB += 1 }
            if try fit.jointlyConsistent(with: [2.0 / 3, -1.0 / 3]).consistent { jointConsistent += 1 }
            if try !fit.jointlyConsistent(with: [0.5, 0]).consistent { rejectedAlternative += 1 }
        }
        let threshold = binomialCoverageThreshold(trials: 100, probability: 0.95, alpha: coverageAlpha)
        XCTAssertGreaterThanOrEqual(coveredA, threshold)
        XCTAssertGreaterThanOrEqual(coveredB, threshold)
        XCTAssertGreaterThanOrEqual(jointConsistent, threshold, "the joint 95% ellipsoid contains the truth")
        // (1/2, 0) is ~17 standard errors from the truth in b (SE ≈ 0.1/√(25 · var log p) ≈ 0.02): always rejected.
        XCTAssertEqual(rejectedAlternative, 100)
        print("tau law: coverage a \(coveredA), b \(coveredB), joint \(jointConsistent) /100 (threshold \(threshold)); (1/2, 0) rejected \(rejectedAlternative)/100")
    }

    func testOneParameterAgreesWithStraightLineRegression() throws {
        // Independent reference: gsl_fit_linear's closed-form OLS on (log x, log y).
        var noise = RandomStream(seed: 11, purpose: .noise)
        let x = (1...12).map { Double($0) * 10 }
        let y = x.map { 2 * pow($0, -0.7) * exp(0.2 * noise.nextGaussian()) }
        let multi = try MultiPowerLawFit.fit(parameters: x.map { [$0] }, y: y)
        let line = try LinearRegression.fit(x: x.map { log($0) }, y: y.map { log($0) })
        // Two algorithms (SVD vs normal-equation sums) on 12 well-conditioned points: 1e-10 relative.
        assertClose(multi.coefficients[0], line.slope, rtol: 1e-10)
        assertClose(multi.intercept, line.intercept, rtol: 1e-10)
        assertClose(multi.covariance[0][0], line.slopeStandardError * line.slopeStandardError, rtol: 1e-10)
        assertClose(multi.interceptStandardError, line.interceptStandardError, rtol: 1e-10)
        assertClose(multi.cis[0].low, line.slopeCI.low, rtol: 1e-10)
        assertClose(multi.residualStandardDeviation, line.residualStandardDeviation, rtol: 1e-10)
        // With k = 1 the joint statistic is the squared t statistic and F_{0.95}(1, ν) = t²_{0.975, ν}.
        let test = try multi.jointlyConsistent(with: [-0.7])
        let t = (line.slope + 0.7) / line.slopeStandardError
        assertClose(test.statistic, t * t, rtol: 1e-9)
        let tCritical = (line.slopeCI.high - line.slope) / line.slopeStandardError
        assertClose(test.critical, tCritical * tCritical, rtol: 1e-9)  // two GSL quantile inversions: 1e-9
    }

    func testBadInputThrowsNamedErrors() {
        let collinear = [1.0, 2, 3, 4, 5].map { [$0, $0 * $0] }  // log p₂ = 2 log p₁
        XCTAssertThrowsError(try MultiPowerLawFit.fit(parameters: collinear, y: [1, 2, 3, 4, 5])) { error in
            guard case FitError.degenerate = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try MultiPowerLawFit.fit(parameters: [[1, 2], [2, 3], [3]], y: [1, 2, 3])) { error in
            guard case FitError.mismatchedLengths(_, "parameters[2]", 1, "parameters[0]", 2) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try MultiPowerLawFit.fit(parameters: [[1, 2], [2, 3], [3, 5]], y: [1, 2, 3])) { error in
            guard case FitError.tooFewPoints(_, 4, 3, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try MultiPowerLawFit.fit(parameters: [[1], [2], [-3]], y: [1, 2, 3])) { error in
            guard case FitError.nonPositive(_, "parameters[2]", 0, -3) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try MultiPowerLawFit.fit(parameters: grid, y: grid.map(law)).jointlyConsistent(with: [1])) { error in
            guard case FitError.mismatchedLengths(_, "with", 1, "coefficients", 2) = error else { return XCTFail("\(error)") }
        }
    }
}
