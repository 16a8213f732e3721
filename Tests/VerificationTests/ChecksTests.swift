import RateLab
import XCTest

/// The decision rules: one-sided bounds and equivalence decided from the whole interval, INCONCLUSIVE
/// when it straddles, DIVERGED on a non-finite estimate.
final class ChecksTests: XCTestCase {
    func evidence(_ estimate: Double, _ low: Double, _ high: Double) -> Evidence {
        Evidence(estimate: estimate, interval: Interval(low: low, high: high), method: "test")
    }

    func testAtMostIsDecidedFromTheWholeInterval() {
        let pass = Checks.atMost("rate", evidence(0.90, 0.89, 0.91), bound: 0.95)
        XCTAssertEqual(pass.verdict, .pass)
        XCTAssertEqual(try XCTUnwrap(pass.margin), 0.04, accuracy: 1e-15)  // 0.95 − 0.91
        let fail = Checks.atMost("rate", evidence(0.97, 0.96, 0.98), bound: 0.95)
        XCTAssertEqual(fail.verdict, .fail)
        XCTAssertEqual(try XCTUnwrap(fail.margin), -0.01, accuracy: 1e-15)  // lower end 0.96 is 0.01 above
        // The estimate is below the bound but the interval reaches above it: the data cannot decide.
        let straddle = Checks.atMost("rate", evidence(0.94, 0.93, 0.96), bound: 0.95)
        XCTAssertEqual(straddle.verdict, .inconclusive)
        XCTAssertTrue(straddle.detail.contains("straddles"), straddle.detail)
    }

    func testAtLeastMirrorsAtMost() {
        XCTAssertEqual(Checks.atLeast("speedup", evidence(3, 2.5, 3.5), bound: 2).verdict, .pass)
        XCTAssertEqual(Checks.atLeast("speedup", evidence(1, 0.5, 1.5), bound: 2).verdict, .fail)
        XCTAssertEqual(Checks.atLeast("speedup", evidence(2.1, 1.5, 2.5), bound: 2).verdict, .inconclusive)
    }

    func testEqualsIsAnEquivalenceTest() {
        // Band −1 ± 0.1 = [−1.1, −0.9].
        XCTAssertEqual(Checks.equals("slope", evidence(-0.98, -1.05, -0.95), expected: -1, tolerance: 0.1).verdict, .pass)
        XCTAssertEqual(Checks.equals("slope", evidence(-0.7, -0.8, -0.6), expected: -1, tolerance: 0.1).verdict, .fail)
        // Inside the band at the estimate, but the interval leaves it: INCONCLUSIVE, not PASS.
        let wide = Checks.equals("slope", evidence(-0.95, -1.3, -0.6), expected: -1, tolerance: 0.1)
        XCTAssertEqual(wide.verdict, .inconclusive)
        XCTAssertEqual(Checks.equals("slope", evidence(1, 1, 1), expected: 1, tolerance: -0.1).verdict, .error)
    }

    func testResolutionTurnsAWideIntervalInconclusive() {
        let e = evidence(0.5, 0.1, 0.9)
        XCTAssertEqual(Checks.atMost("x", e, bound: 1).verdict, .pass)
        XCTAssertEqual(Checks.atMost("x", e, bound: 1, resolution: 0.5).verdict, .inconclusive)
        // A FAIL stays a FAIL whatever the resolution: the whole interval is on the wrong side.
        XCTAssertEqual(Checks.atMost("x", e, bound: 0.05, resolution: 0.5).verdict, .fail)
    }

    func testNonFiniteEstimatesDivergeAndUnboundedIntervalsAreInconclusive() {
        XCTAssertEqual(Checks.atMost("rate", evidence(.nan, .nan, .nan), bound: 1).verdict, .diverged)
        XCTAssertNil(Checks.atMost("rate", evidence(.infinity, 1, 2), bound: 1).margin)
        XCTAssertEqual(Checks.atLeast("rate", evidence(1, -.infinity, 2), bound: 0).verdict, .inconclusive)
    }

    func testCensoredValuesAreDecidedAsInfinite() {
        XCTAssertEqual(Checks.infinite("ratio", measured: .infinity, atLeast: 1.5, atMost: nil, note: "never").verdict, .pass)
        XCTAssertEqual(Checks.infinite("ratio", measured: .infinity, atLeast: nil, atMost: 2, note: "never").verdict, .fail)
        XCTAssertEqual(Checks.infinite("ratio", measured: .nan, atLeast: 1, atMost: nil, note: "never").verdict, .inconclusive)
    }

    func testExactEvidenceHasADegenerateInterval() {
        let e = Evidence.exact(4000, why: "arithmetic")
        XCTAssertEqual(e.interval, Interval(low: 4000, high: 4000))
        XCTAssertEqual(Checks.atMost("Σ τ", e, bound: 4000).verdict, .pass)
        XCTAssertEqual(Checks.format(-0.0), "0")
    }
}
