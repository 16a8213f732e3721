import RateLab
import TestSupport
import XCTest

final class ChecksTests: XCTestCase {
    func testUpperBoundJudgesTheUpperEndOfTheInterval() throws {
        let pass = Checks.upperBound("rate", measured: 0.90, interval: Interval(low: 0.89, high: 0.91), bound: 0.95)
        XCTAssertEqual(pass.verdict, .pass)
        assertClose(try XCTUnwrap(pass.margin), 0.04, rtol: 1e-12)  // 0.95 − 0.91, two roundings
        XCTAssertTrue(pass.detail.contains("upper CI 0.91 ≤ bound 0.95"), pass.detail)
        let fail = Checks.upperBound("rate", measured: 0.94, interval: Interval(low: 0.93, high: 0.96), bound: 0.95)
        XCTAssertEqual(fail.verdict, .fail, "the estimate is below the bound but the CI is not")
        assertClose(try XCTUnwrap(fail.margin), -0.01, rtol: 1e-12)
    }

    func testLowerBoundRelativeToleranceAndContains() throws {
        let lower = Checks.lowerBound("speedup", measured: 3, interval: Interval(low: 2.5, high: 3.5), bound: 2)
        XCTAssertEqual(lower.verdict, .pass)
        XCTAssertEqual(lower.margin, 0.5)  // 2.5 − 2 is exact in binary
        let close = Checks.relativeTolerance("slope", measured: -0.98, expected: -1, tolerance: 0.05)
        XCTAssertEqual(close.verdict, .pass)
        assertClose(try XCTUnwrap(close.margin), 0.03, rtol: 1e-12)  // 0.05 − 0.02
        let far = Checks.relativeTolerance("slope", measured: -0.9, expected: -1, tolerance: 0.05)
        XCTAssertEqual(far.verdict, .fail)
        assertClose(try XCTUnwrap(far.margin), -0.05, rtol: 1e-12)
        let inside = Checks.contains("exponent", measured: 0.66, interval: Interval(low: 0.6, high: 0.7), expected: 2.0 / 3)
        XCTAssertEqual(inside.verdict, .pass)
        assertClose(try XCTUnwrap(inside.margin), 0.7 - 2.0 / 3, rtol: 1e-12)
        let outside = Checks.contains("exponent", measured: 0.55, interval: Interval(low: 0.5, high: 0.6), expected: 2.0 / 3)
        XCTAssertEqual(outside.verdict, .fail)
    }

    func testNonFiniteMeasurementIsDivergedAndBadToleranceIsError() {
        XCTAssertEqual(Checks.upperBound("rate", measured: .nan, bound: 1).verdict, .diverged)
        XCTAssertEqual(Checks.lowerBound("rate", measured: 1, interval: Interval(low: -.infinity, high: 2), bound: 0).verdict, .diverged)
        XCTAssertNil(Checks.upperBound("rate", measured: .infinity, bound: 1).margin)
        XCTAssertEqual(Checks.relativeTolerance("slope", measured: 1, expected: 1, tolerance: -0.1).verdict, .error)
    }
}
