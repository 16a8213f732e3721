import RateLab
import TestSupport
import XCTest

final class GeometricFitTests: XCTestCase {
    let iterations = (0..<300).map(Double.init)
    /// ρ^k crosses 1e-8 at k* = ln(1e-8)/ln(0.9) ≈ 174.8: the last iteration above the floor is 174.
    let crossing = log(1e-8) / log(0.9)

    func testExactGeometricIsRecoveredExactly() throws {
        let x = (0..<60).map { 0.5 * Double($0) }  // simulated time, 0.5 s per step
        let y = x.map { 5 * pow(0.81, $0) }
        let fit = try GeometricFit.fit(x: x, y: y)
        // Exact data: only rounding in log and O(n) sums; 1e-12 relative.
        assertClose(fit.rate, 0.81, rtol: 1e-12)
        assertClose(fit.constant, 5, rtol: 1e-12)
        assertClose(fit.ci.low, 0.81, rtol: 1e-12)
        assertClose(fit.ci.high, 0.81, rtol: 1e-12)
        XCTAssertNil(fit.floor, "an exact decay has no flat tail")
        XCTAssertNil(fit.floorOnset)
        XCTAssertEqual(fit.window, FitWindow(indices: 0...59, start: 0, end: 29.5))
        XCTAssertEqual(fit.points, 60)
    }

    func testExactDecayOntoAFloorIsRecoveredByTheJointFit() throws {
        let y = iterations.map { pow(0.9, $0) + 1e-8 }
        let fit = try GeometricFit.fit(x: iterations, y: y)
        // Exact data of the model log(Cρ^k + F): the Levenberg–Marquardt fit stops at a relative SSE change
        // of 1e-13 from a start ~1% off, which leaves ρ and F within 1e-8 relative.
        assertClose(fit.rate, 0.9, rtol: 1e-8)
        assertClose(try XCTUnwrap(fit.floor), 1e-8, rtol: 1e-8)
        XCTAssertEqual(fit.window.indices, 0...299, "the joint fit uses the decay and the floor")
        // The detected onset lies past the crossing k* ≈ 174.8, where ρ^k is already below F.
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(fit.floorOnset), 175)
        let ci = try XCTUnwrap(fit.floorCI)
        assertClose(ci.low, 1e-8, rtol: 1e-8)
        assertClose(ci.high, 1e-8, rtol: 1e-8)
    }

    func testNoisyFloorCoverageOfRateAndFloor() throws {
        // ρ = 0.9 onto the floor 1e-8 (additive: the shape of a noise floor), log-normal noise σ = 0.2.
        var coveredRate = 0, coveredFloor = 0
        for seed in 0..<100 {
            let y = noisyGeometric(x: iterations, rate: 0.9, floor: 1e-8, additiveFloor: true, sigma: 0.2, seed: UInt64(seed))
            let fit = try GeometricFit.fit(x: iterations, y: y)
            if fit.ci.contains(0.9) { coveredRate += 1 }
            if try XCTUnwrap(fit.floorCI, "seed \(seed)").contains(1e-8) { coveredFloor += 1 }
        }
        let threshold = binomialCoverageThreshold(trials: 100, probability: 0.95, alpha: coverageAlpha)
        XCTAssertGreaterThanOrEqual(coveredRate, threshold, "95% CIs covered ρ = 0.9 in \(coveredRate)/100")
        XCTAssertGreaterThanOrEqual(coveredFloor, threshold, "95% CIs covered F = 1e-8 in \(coveredFloor)/100")
        print("floor: rate coverage \(coveredRate)/100, floor coverage \(coveredFloor)/100 (threshold \(threshold))")
    }

    func testAdditiveFloorIsDetectedAndRateStaysClose() throws {
        // The smooth model m = ρ^k + floor has a curved corner the two-segment fit does not model.
        var worstRateError = 0.0
        for seed in 0..<20 {
            let y = noisyGeometric(x: iterations, rate: 0.9, floor: 1e-8, additiveFloor: true, sigma: 0.2, seed: UInt64(seed))
            let fit = try GeometricFit.fit(x: iterations, y: y)
            XCTAssertNotNil(fit.floor, "seed \(seed)")
            worstRateError = max(worstRateError, abs(fit.rate - 0.9) / 0.9)
        }
        // The joint fit models the corner: the error is the noise's, SE(log ρ̂) ≈ 3e-4 here; 0.2 % relative is
        // > 5 SE (a line fitted into the bend would be off by > 2 %).
        XCTAssertLessThanOrEqual(worstRateError, 0.002)
        print("additive floor: worst relative rate error \(worstRateError)")
    }

    func testNoFloorIsReportedForPureDecayAndCoverageHolds() throws {
        let x = (0..<150).map(Double.init)
        var covered = 0, falseFloors = 0
        for seed in 0..<100 {
            let y = noisyGeometric(x: x, rate: 0.95, sigma: 0.2, seed: UInt64(1000 + seed))
            let fit = try GeometricFit.fit(x: x, y: y)
            if fit.ci.contains(0.95) { covered += 1 }
            if fit.floor != nil { falseFloors += 1 }
        }
        let threshold = binomialCoverageThreshold(trials: 100, probability: 0.95, alpha: coverageAlpha)
        XCTAssertGreaterThanOrEqual(covered, threshold, "95% CIs covered ρ = 0.95 in \(covered)/100")
        // A floor needs a flat slope *and* a slope change, both at level 0.999: spurious floors
        // should be rare despite the search over breakpoints; allow at most 3 of 100.
        XCTAssertLessThanOrEqual(falseFloors, 3)
        print("pure decay: coverage \(covered)/100, spurious floors \(falseFloors)/100")
    }

    func testScalingTheMetricChangesOnlyTheConstant() throws {
        let y = noisyGeometric(x: iterations, rate: 0.9, floor: 1e-8, sigma: 0.2, seed: 7)
        let base = try GeometricFit.fit(x: iterations, y: y)
        let scaled = try GeometricFit.fit(x: iterations, y: y.map { 1e3 * $0 })
        // log(1e3·m) = log 1e3 + log m up to one rounding per point: 1e-12 relative on the slope.
        // The joint fit is iterative (Levenberg–Marquardt stops at a relative SSE change of 1e-13), so the
        // shifted problem converges to the same optimum to ~1e-7 relative in ρ, not to the last bit.
        assertClose(scaled.rate, base.rate, rtol: 1e-7)
        assertClose(scaled.ci.low, base.ci.low, rtol: 1e-6)
        assertClose(scaled.ci.high, base.ci.high, rtol: 1e-6)
        XCTAssertEqual(scaled.window, base.window)
        assertClose(scaled.constant, 1e3 * base.constant, rtol: 1e-5)
        assertClose(try XCTUnwrap(scaled.floor), 1e3 * (try XCTUnwrap(base.floor)), rtol: 1e-5)
    }

    func testInvalidPointsAreDroppedAndBurnInSkipsTheStart() throws {
        let x = (0..<50).map(Double.init)
        var y = x.map { 2 * pow(0.8, $0) }
        for k in 0..<10 { y[k] *= 10 }  // a transient the fit must skip
        y[20] = 0
        y[30] = .nan
        let fit = try GeometricFit.fit(x: x, y: y, burnIn: 0.25)
        // 48 valid points, no floor; burn-in skips ⌊0.25 · 48⌋ = 12 of them (indices 0…11): exact data remains.
        XCTAssertNil(fit.floor)
        XCTAssertEqual(fit.window.indices, 12...49)
        XCTAssertEqual(fit.points, 36)
        assertClose(fit.rate, 0.8, rtol: 1e-12)
        assertClose(fit.constant, 2, rtol: 1e-12)
    }

    func testBadInputThrowsNamedErrors() {
        XCTAssertThrowsError(try GeometricFit.fit(x: [0, 1, 2], y: [1, 0.5])) { error in
            guard case FitError.mismatchedLengths(_, "x", 3, "y", 2) = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".hasPrefix("GeometricFit.fit:"), "\(error)")
        }
        XCTAssertThrowsError(try GeometricFit.fit(x: [0, 2, 1, 3], y: [1, 0.5, 0.25, 0.125])) { error in
            guard case FitError.notNonDecreasing(_, "x", 2) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try GeometricFit.fit(x: [0, .infinity, 2], y: [1, 0.5, 0.25])) { error in
            guard case FitError.nonFinite(_, "x", 1, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try GeometricFit.fit(x: [0, 1, 2, 3], y: [1, 0, -1, .nan])) { error in
            guard case FitError.tooFewPoints(_, 3, 1, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try GeometricFit.fit(x: [0, 1, 2, 3], y: [1, 0.5, 0.25, 0.125], burnIn: 1)) { error in
            guard case FitError.invalidParameter(_, "burnIn", 1, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try GeometricFit.fit(x: [0, 1, 2, 3], y: [1, 0.5, 0.25, 0.125], burnIn: 0.5)) { error in
            guard case FitError.tooFewPoints(_, 3, 2, _) = error else { return XCTFail("\(error)") }
        }
    }
}
