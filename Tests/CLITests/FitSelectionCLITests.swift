import Foundation
import TestSupport
import XCTest

/// `ratelab fit --where` and `--group` on a sweep-shaped CSV (several grid points and seeds in one file).
final class FitSelectionCLITests: XCTestCase {
    /// The per-seed rates of τ = 10 (τ = 1 decays at 0.5, so mixing the two would be visible).
    static let rates: [Double] = [0.90, 0.91, 0.93, 0.94]

    /// run.tau, seed, iteration, gap with gap = 2·ρ_s^iteration exactly, ρ_s = `rates[s − 1]` at τ = 10.
    private func sweepCSV() throws -> String {
        var lines = ["claim,run.tau,seed,iteration,gap"]
        for tau in [1, 10] {
            for (s, rate) in Self.rates.enumerated() {
                lines += (0...30).map { "demo,\(tau),\(s + 1),\($0),\(2 * pow(tau == 1 ? 0.5 : rate, Double($0)))" }
            }
        }
        let path = CLI.temporaryPath("fit-sweep", extension: "csv")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testWholeSweepCannotBeFittedAsOneSeries() throws {
        let outcome = try CLI.run(["fit", try sweepCSV(), "--x", "iteration", "--y", "gap", "--model", "geometric"])
        XCTAssertNotEqual(outcome.status, 0, "several series in one file are not one decreasing-x series")
    }

    func testWhereSelectsOneSeries() throws {
        let outcome = try CLI.run(["fit", try sweepCSV(), "--x", "iteration", "--y", "gap", "--model", "geometric",
                                   "--where", "run.tau=10", "--where", "seed=3.0", "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        // Exact geometric data: the log-linear slope reproduces log 0.93 to rounding (see FitCLITests).
        XCTAssertEqual(try XCTUnwrap(object["rate"] as? Double), 0.93, accuracy: 1e-12)
        XCTAssertEqual((object["window"] as? [String: Any])?["points"] as? Int, 31)
    }

    /// One fit per seed, then the t-interval across the four estimates: mean ± t_{0.975, 3}·s/√4.
    func testGroupBySeedReportsTheAcrossSeedInterval() throws {
        let outcome = try CLI.run(["fit", try sweepCSV(), "--x", "iteration", "--y", "gap", "--model", "geometric",
                                   "--where", "run.tau=10", "--group", "seed", "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let groups = try XCTUnwrap(object["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.compactMap { $0["value"] as? Double }, [1, 2, 3, 4])
        for (group, rate) in zip(groups, Self.rates) {
            XCTAssertEqual(try XCTUnwrap(group["estimate"] as? Double), rate, accuracy: 1e-12)
        }
        let mean = Self.rates.reduce(0, +) / 4
        let sd = (Self.rates.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        let half = 3.182446305284263 * sd / 2  // t quantile 0.975 with 3 degrees of freedom
        XCTAssertEqual(try XCTUnwrap(object["mean"] as? Double), mean, accuracy: 1e-12)
        let ci = try XCTUnwrap(object["ci"] as? [Double])
        XCTAssertEqual(ci[0], mean - half, accuracy: 1e-9)
        XCTAssertEqual(ci[1], mean + half, accuracy: 1e-9)
        XCTAssertEqual(object["method"] as? String, "t-interval over 4 values of seed (n − 1 = 3 df)")

        let line = try CLI.run(["fit", try sweepCSV(), "--x", "iteration", "--y", "gap", "--model", "geometric",
                                "--where", "run.tau=10", "--group", "seed"])
        XCTAssert(line.stdout.contains("seed=3: ρ = 0.93") && line.stdout.contains("geometric across 4 groups"), line.stdout)
    }

    func testSelectionWithoutRowsIsBadInput() throws {
        let outcome = try CLI.run(["fit", try sweepCSV(), "--x", "iteration", "--y", "gap", "--model", "geometric", "--where", "run.tau=7"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssert(outcome.stderr.contains("no data row has run.tau=7"), outcome.stderr)
        let malformed = try CLI.run(["fit", try sweepCSV(), "--x", "iteration", "--y", "gap", "--model", "geometric", "--where", "tau"])
        XCTAssertEqual(malformed.status, 2)
        XCTAssert(malformed.stderr.contains("COLUMN=VALUE"), malformed.stderr)
    }
}
