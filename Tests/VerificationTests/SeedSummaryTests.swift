import RateLab
import TestSupport
import XCTest

final class SeedSummaryTests: XCTestCase {
    func testDecadesHaveClosedFormSummary() throws {
        let summary = try SeedSummary.summarize([1000, 1, 100, 10], level: 0.95, quantiles: [0.1, 0.5, 0.9])
        // log v = (0, 1, 2, 3)·ln 10: mean 1.5 ln 10, sd ln 10 · √(5/3); t_{0.975,3} = 3.182446305284263 (tables).
        let ln10 = log(10.0), sd = ln10 * (5.0 / 3).squareRoot(), half = 3.182446305284263 * sd / 2
        // Closed forms evaluated with a handful of roundings: 1e-12 relative.
        assertClose(summary.geometricMean, pow(10, 1.5), rtol: 1e-12)
        assertClose(summary.logStandardDeviation, sd, rtol: 1e-12)
        assertClose(summary.logMeanCI.low, exp(1.5 * ln10 - half), rtol: 1e-10)  // via a GSL quantile inversion: 1e-10
        assertClose(summary.logMeanCI.high, exp(1.5 * ln10 + half), rtol: 1e-10)
        // Interpolated log quantiles: position 3q between decades, so the q-quantile is 10^{3q}.
        let q = try XCTUnwrap(summary.quantiles)
        assertClose(try XCTUnwrap(q[0.1]), pow(10, 0.3), rtol: 1e-12)
        assertClose(try XCTUnwrap(q[0.5]), pow(10, 1.5), rtol: 1e-12)
        assertClose(try XCTUnwrap(q[0.9]), pow(10, 2.7), rtol: 1e-12)
        XCTAssertEqual(summary.n, 4)
    }

    func testNoQuantilesRequestedGivesNil() throws {
        XCTAssertNil(try SeedSummary.summarize([1, 2, 3], quantiles: []).quantiles)
    }

    func testBadInputThrowsNamedErrors() {
        XCTAssertThrowsError(try SeedSummary.summarize([1, 0, 2])) { error in
            guard case FitError.nonPositive(_, "values", 1, 0) = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".hasPrefix("SeedSummary.summarize: `values[1]` is 0.0"), "\(error)")
        }
        XCTAssertThrowsError(try SeedSummary.summarize([1])) { error in
            guard case FitError.tooFewPoints(_, 2, 1, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SeedSummary.summarize([1, 2], quantiles: [1.5])) { error in
            guard case FitError.invalidParameter(_, "quantiles", 1.5, _) = error else { return XCTFail("\(error)") }
        }
    }
}
