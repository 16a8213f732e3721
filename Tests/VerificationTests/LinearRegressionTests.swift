import RateLab
import TestSupport
import XCTest

final class LinearRegressionTests: XCTestCase {
    /// t_{0.975, 3} from statistical tables (independent of GSL), 16 significant digits.
    let t975dof3 = 3.182446305284263

    func testExactLineIsRecoveredExactly() throws {
        let x = (0..<20).map { Double($0) * 0.5 }
        let y = x.map { 2 - 0.5 * $0 }
        let fit = try LinearRegression.fit(x: x, y: y)
        // Exact data: the only error is rounding in O(n) sums of O(10) values, far below 1e-12.
        assertClose(fit.intercept, 2, rtol: 1e-12)
        assertClose(fit.slope, -0.5, rtol: 1e-12)
        XCTAssertLessThan(fit.slopeStandardError, 1e-12)
        XCTAssertLessThan(fit.residualStandardDeviation, 1e-12)
        assertClose(fit.rSquared, 1, rtol: 1e-12)
        XCTAssertEqual(fit.n, 20)
    }

    func testMatchesClosedFormOLS() throws {
        let x: [Double] = [1, 2, 3, 4, 5]
        let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1]
        let fit = try LinearRegression.fit(x: x, y: y)
        // Textbook formulas, evaluated here independently of GSL.
        let n = 5.0, xm = 3.0, ym = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - xm) * ($1 - xm) }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - xm) * ($1.1 - ym) }
        let b = sxy / sxx, a = ym - b * xm
        let sse = zip(x, y).reduce(0) { $0 + pow($1.1 - a - b * $1.0, 2) }
        let s2 = sse / (n - 2)
        let sst = y.reduce(0) { $0 + ($1 - ym) * ($1 - ym) }
        // Both are O(n) double sums on well-scaled data: agreement to 1e-12 relative.
        assertClose(fit.slope, b, rtol: 1e-12)
        assertClose(fit.intercept, a, rtol: 1e-12)
        assertClose(fit.sumOfSquaredResiduals, sse, rtol: 1e-10)  // SSE is a difference of O(1) terms: 1e-10
        assertClose(fit.slopeStandardError, (s2 / sxx).squareRoot(), rtol: 1e-10)
        assertClose(fit.interceptStandardError, (s2 * (1 / n + xm * xm / sxx)).squareRoot(), rtol: 1e-10)
        assertClose(fit.covariance, -xm * s2 / sxx, rtol: 1e-10)
        assertClose(fit.rSquared, 1 - sse / sst, rtol: 1e-12)
        // CI half-width = t_{0.975,3} · SE with the tabulated quantile (16 digits): 1e-10 relative.
        assertClose(fit.slopeCI.high - fit.slope, t975dof3 * fit.slopeStandardError, rtol: 1e-10)
        assertClose(fit.slope - fit.slopeCI.low, t975dof3 * fit.slopeStandardError, rtol: 1e-10)
        assertClose(fit.interceptCI.width, 2 * t975dof3 * fit.interceptStandardError, rtol: 1e-10)
        assertClose(fit.predict(2.5), a + 2.5 * b, rtol: 1e-12)
    }

    func testHigherLevelGivesWiderInterval() throws {
        let x: [Double] = [1, 2, 3, 4, 5]
        let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1]
        let narrow = try LinearRegression.fit(x: x, y: y, level: 0.9)
        let wide = try LinearRegression.fit(x: x, y: y, level: 0.99)
        // t_{0.995,3} / t_{0.95,3} = 5.840909309733 / 2.353363434801 (tables), to 1e-9 relative.
        assertClose(wide.slopeCI.width / narrow.slopeCI.width, 5.840909309733350 / 2.353363434801198, rtol: 1e-9)
    }

    func testBadInputThrowsNamedErrors() {
        XCTAssertThrowsError(try LinearRegression.fit(x: [1, 2, 3], y: [1, 2])) { error in
            guard case FitError.mismatchedLengths = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("`x` has 3 entries but `y` has 2"), "\(error)")
        }
        XCTAssertThrowsError(try LinearRegression.fit(x: [1, 2], y: [1, 2])) { error in
            guard case FitError.tooFewPoints(_, 3, 2, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try LinearRegression.fit(x: [2, 2, 2], y: [1, 2, 3])) { error in
            guard case FitError.degenerate = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try LinearRegression.fit(x: [1, 2, 3], y: [1, .nan, 3])) { error in
            guard case FitError.nonFinite(_, "y", 1, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".hasPrefix("LinearRegression.fit: `y[1]` is nan"), "\(error)")
        }
        XCTAssertThrowsError(try LinearRegression.fit(x: [1, 2, 3], y: [1, 2, 3], level: 1)) { error in
            guard case FitError.invalidParameter(_, "level", 1, _) = error else { return XCTFail("\(error)") }
        }
    }

    func testCoverageThresholdHelper() {
        // Binomial(10, 1/2): P(X ≤ 1) = 11/1024 ≈ 0.0107 ≤ 0.05 < P(X ≤ 2) = 56/1024, so the threshold is 2.
        XCTAssertEqual(binomialCoverageThreshold(trials: 10, probability: 0.5, alpha: 0.05), 2)
    }
}
