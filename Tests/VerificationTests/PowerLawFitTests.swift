import RateLab
import TestSupport
import XCTest

final class PowerLawFitTests: XCTestCase {
    /// 40 log-spaced times from 1 to 10⁴.
    let times = (0..<40).map { pow(10, 4 * Double($0) / 39) }

    func testExactPowerLawIsRecoveredExactly() throws {
        let y = times.map { 7 * pow($0, -1.5) }
        let fit = try PowerLawFit.fit(x: times, y: y)
        // Exact data: rounding in pow/log and O(n) sums only; 1e-12 relative.
        assertClose(fit.exponent, -1.5, rtol: 1e-12)
        assertClose(fit.constant, 7, rtol: 1e-12)
        assertClose(fit.ci.low, -1.5, rtol: 1e-12)
        assertClose(fit.ci.high, -1.5, rtol: 1e-12)
        XCTAssertEqual(fit.points, 40)
    }

    func testNoisyInverseAndInverseSquareRootAreCoveredByTheirIntervals() throws {
        for exponent in [-1.0, -0.5] {
            var covered = 0
            for seed in 0..<100 {
                var noise = RandomStream(seed: UInt64(seed), stream: 1, purpose: .noise)
                let y = times.map { 3 * pow($0, exponent) * exp(0.3 * noise.nextGaussian()) }
                if try PowerLawFit.fit(x: times, y: y).ci.contains(exponent) { covered += 1 }
            }
            let threshold = binomialCoverageThreshold(trials: 100, probability: 0.95, alpha: coverageAlpha)
            XCTAssertGreaterThanOrEqual(covered, threshold, "t^\(exponent): 95% CIs covered in \(covered)/100")
            print("power law t^\(exponent): coverage \(covered)/100 (threshold \(threshold))")
        }
    }

    func testTailFractionFitsTheLastPointsOnly() throws {
        // y = t⁻¹ (1 + 100/t): a transient that decays away; the tail sees the asymptotic exponent.
        let y = times.map { (1 + 100 / $0) / $0 }
        let tail = try PowerLawFit.fit(x: times, y: y, tailFraction: 0.25)
        XCTAssertEqual(tail.points, 10)
        XCTAssertEqual(tail.window.indices, 30...39)
        // Invariant: the same as fitting the last 10 points alone (same arithmetic: exactly equal up to 1e-12).
        let direct = try PowerLawFit.fit(x: Array(times[30...]), y: Array(y[30...]))
        assertClose(tail.exponent, direct.exponent, rtol: 1e-12)
        // Local log-log slope on [10³, 10⁴] lies in (−1.1, −1); over the whole range it is far steeper.
        XCTAssertEqual(tail.exponent, -1.04, accuracy: 0.05)
        XCTAssertLessThan(try PowerLawFit.fit(x: times, y: y).exponent, -1.3)
    }

    func testBadInputThrowsNamedErrors() {
        XCTAssertThrowsError(try PowerLawFit.fit(x: [0, 1, 2], y: [1, 1, 1])) { error in
            guard case FitError.nonPositive(_, "x", 0, 0) = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".hasPrefix("PowerLawFit.fit: `x[0]` is 0.0; expected a positive number"), "\(error)")
        }
        XCTAssertThrowsError(try PowerLawFit.fit(x: [1, 2, 3], y: [1, 1, 1], tailFraction: 0)) { error in
            guard case FitError.invalidParameter(_, "tailFraction", 0, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try PowerLawFit.fit(x: [1, 2, 3, 4], y: [1, 0.5, 0.3, 0.25], tailFraction: 0.5)) { error in
            guard case FitError.tooFewPoints(_, 3, 2, _) = error else { return XCTFail("\(error)") }
        }
    }
}
