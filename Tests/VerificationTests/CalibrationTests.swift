import RateLab
import TestSupport
import XCTest

/// The fast version of `ratelab calibrate`: coverage of the single-trajectory intervals at φ ≤ 0.9 and of
/// the across-seed intervals, 100 synthetic series per cell.
final class CalibrationTests: XCTestCase {
    /// With 100 series a cell whose true coverage is 90% gives fewer than this many covering intervals
    /// with probability ≤ 0.5 %: a count below it shows coverage below 90% (the false alarm for a
    /// well-calibrated 95% interval is far smaller still).
    let threshold = binomialCoverageThreshold(trials: 100, probability: 0.90, alpha: coverageAlpha)

    func assertCovered(_ cells: [Calibration.Cell], file: StaticString = #filePath, line: UInt = #line) {
        for c in cells {
            XCTAssertGreaterThanOrEqual(c.covered, threshold,
                                        "\(c.kind) \(c.noise) n=\(c.n): \(c.covered)/\(c.replications) covered", file: file, line: line)
            print("calibration \(c.kind) \(c.noise) n=\(c.n): \(c.covered)/\(c.replications), mean width \(c.meanWidth)")
        }
    }

    func testSingleTrajectoryFitsHoldTheirLevelUpToPhi09() {
        let cells = Calibration.table(replications: 100, seed: 11, threads: 2, kinds: [.geometric, .geometricFloor, .powerLaw],
                                      noises: [.independent, .ar05, .ar09, .multiplicative], lengths: [100])
        XCTAssertEqual(cells.count, 12)
        assertCovered(cells)
    }

    func testAcrossSeedIntervalsHoldTheirLevel() {
        let cells = Calibration.table(replications: 100, seed: 12, threads: 2, kinds: [.compareRatio, .scaling, .worstSeed],
                                      noises: [.independent, .multiplicative], lengths: [100])
        assertCovered(cells)
    }

    func testCalibrationTableIsAPureFunctionOfItsSeed() {
        let a = Calibration.table(replications: 20, seed: 3, threads: 1, kinds: [.geometric], noises: [.ar05], lengths: [30])
        let b = Calibration.table(replications: 20, seed: 3, threads: 2, kinds: [.geometric], noises: [.ar05], lengths: [30])
        XCTAssertEqual(a.map(\.covered), b.map(\.covered))
        XCTAssertEqual(a.map(\.meanWidth), b.map(\.meanWidth))
    }

    func testClopperPearsonMatchesKnownValues() {
        // 95/100: Clopper–Pearson [0.8872, 0.9836] (standard tables); 0/10: [0, 0.3085].
        let ci = Calibration.clopperPearson(95, 100)
        assertClose(ci.low, 0.887164, rtol: 1e-4)
        assertClose(ci.high, 0.983596, rtol: 1e-4)
        assertClose(Calibration.clopperPearson(0, 10).high, 0.308497, rtol: 1e-4)
    }
}
