import RateLab
import TestSupport
import XCTest

final class BootstrapTests: XCTestCase {
    func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    func testPercentileIntervalCoversTheTrueMean() throws {
        // 200 samples of n = 40 from N(2, 1); 95% percentile interval of the mean from 1000 resamples.
        var covered = 0
        for replication in 0..<200 {
            var data = RandomStream(seed: UInt64(replication), purpose: .data)
            let sample = (0..<40).map { _ in 2 + data.nextGaussian() }
            let interval = try Bootstrap.interval(sample, statistic: mean, level: 0.95, resamples: 1000, seed: UInt64(replication))
            if interval.contains(2) { covered += 1 }
        }
        // The percentile interval of a mean is first-order accurate (coverage 95% − O(1/n)); the
        // threshold uses the nominal 95% with false-alarm probability 0.5 %.
        let threshold = binomialCoverageThreshold(trials: 200, probability: 0.95, alpha: coverageAlpha)
        XCTAssertGreaterThanOrEqual(covered, threshold, "bootstrap covered the mean in \(covered)/200")
        print("bootstrap coverage \(covered)/200 (threshold \(threshold))")
    }

    func testAgreesWithTheNormalTheoryIntervalForALargeSample() throws {
        var data = RandomStream(seed: 5, purpose: .data)
        let sample = (0..<400).map { _ in 10 + 3 * data.nextGaussian() }
        let interval = try Bootstrap.interval(sample, statistic: mean, level: 0.95, resamples: 4000, seed: 5)
        let m = mean(sample)
        let sd = (sample.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 399).squareRoot()
        // Reference: m ± 1.959964 s/√n. With 4000 resamples each end has Monte Carlo error ≈ 3 % of the
        // half-width, and the bootstrap's plug-in variance differs by O(1/n): 10 % of the half-width.
        let half = 1.959964 * sd / 20
        XCTAssertEqual(interval.low, m - half, accuracy: 0.1 * half)
        XCTAssertEqual(interval.high, m + half, accuracy: 0.1 * half)
    }

    func testSameSeedSameIntervalAndConstantSampleIsExact() throws {
        let sample = [3.0, 1, 4, 1, 5, 9, 2, 6]
        let a = try Bootstrap.interval(sample, statistic: mean, resamples: 500, seed: 42)
        let b = try Bootstrap.interval(sample, statistic: mean, resamples: 500, seed: 42)
        let c = try Bootstrap.interval(sample, statistic: mean, resamples: 500, seed: 43)
        XCTAssertEqual(a, b, "a pure function of the seed")
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(try Bootstrap.interval([2.5, 2.5, 2.5], statistic: mean, resamples: 100, seed: 1),
                       Interval(low: 2.5, high: 2.5))
    }

    func testBadInputThrowsNamedErrors() {
        XCTAssertThrowsError(try Bootstrap.interval([], statistic: mean, seed: 1)) { error in
            guard case FitError.tooFewPoints(_, 1, 0, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Bootstrap.interval([1, 2], statistic: mean, resamples: 0, seed: 1)) { error in
            guard case FitError.invalidParameter(_, "resamples", 0, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Bootstrap.interval([1, 2], statistic: { _ in .nan }, seed: 1)) { error in
            guard case FitError.nonFinite = error else { return XCTFail("\(error)") }
        }
    }
}
