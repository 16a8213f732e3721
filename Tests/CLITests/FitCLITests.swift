import Foundation
import RateLab
import TestSupport
import XCTest

/// End-to-end tests of `ratelab fit` on CSV files written by the tests.
final class FitCLITests: XCTestCase {
    /// Writes `header` and `rows` as a CSV file and returns its path.
    private func writeCSV(_ header: String, _ rows: [String]) throws -> String {
        let path = CLI.temporaryPath("fit", extension: "csv")
        try ([header] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// The `--json` object of `ratelab fit arguments`.
    private func fitJSON(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try CLI.run(["fit"] + arguments + ["--json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    func testExactGeometricSequenceGivesItsRate() throws {
        // y = 3·0.9^x, x = 0…40, next to a text label column that the fit must ignore.
        let path = try writeCSV("run,x,y", (0...40).map { "demo,\($0),\(3 * pow(0.9, Double($0)))" })
        let object = try fitJSON([path, "--x", "x", "--y", "y", "--model", "geometric"])
        // Exact data: log y is linear in x up to rounding of pow and log (≈1e-16 relative), so the
        // OLS slope reproduces log 0.9 to ~1e-15; 1e-12 leaves room for accumulation over 41 points.
        XCTAssertEqual(try XCTUnwrap(object["rate"] as? Double), 0.9, accuracy: 1e-12)
        let ci = try XCTUnwrap(object["ci"] as? [Double])
        XCTAssertEqual(ci.count, 2)
        XCTAssert(ci[0] <= 0.9 && 0.9 <= ci[1] && ci[1] - ci[0] < 1e-10, "\(ci)")
        let window = try XCTUnwrap(object["window"] as? [String: Any])
        XCTAssertEqual(window["points"] as? Int, 41)
        XCTAssertEqual(window["start"] as? Double, 0)
        XCTAssertEqual(window["end"] as? Double, 40)
        XCTAssertNil(object["floor"], "an exact geometric sequence has no floor")
        XCTAssertEqual(object["model"] as? String, "geometric")
        XCTAssertEqual(object["x"] as? String, "x")
        XCTAssertEqual(object["y"] as? String, "y")

        let line = try CLI.run(["fit", path, "--x", "x", "--y", "y", "--model", "geometric"])
        XCTAssertEqual(line.status, 0, line.stderr)
        XCTAssert(line.stdout.contains("ρ = 0.9"), line.stdout)
    }

    func testNoisyPowerLawExponentIsInsideItsInterval() throws {
        // y = 5·x^(−1/2)·e^(0.05 z), z ~ N(0, 1) from a seeded stream: log-normal noise of 5% on every point.
        var rng = RandomStream(seed: 11, purpose: .noise)
        let rows = (1...200).map { x -> String in "\(x),\(5 * pow(Double(x), -0.5) * exp(0.05 * rng.nextGaussian()))" }
        let path = try writeCSV("iteration,grad_norm_sq", rows)
        let object = try fitJSON([path, "--x", "iteration", "--y", "grad_norm_sq", "--model", "power", "--tail", "0.5"])
        let exponent = try XCTUnwrap(object["exponent"] as? Double)
        let ci = try XCTUnwrap(object["ci"] as? [Double])
        XCTAssert(ci[0] <= -0.5 && -0.5 <= ci[1], "CI \(ci) misses the true exponent −1/2")
        // With 100 points spanning log x ∈ [4.6, 5.3] and noise sd 0.05, the slope's standard error
        // is ≈ 0.05/(0.2·√100) = 0.025; the estimate must lie well inside 4 such errors.
        XCTAssertEqual(exponent, -0.5, accuracy: 0.1)
        XCTAssertEqual((object["window"] as? [String: Any])?["points"] as? Int, 100)
    }

    func testUnknownColumnListsTheColumns() throws {
        let path = try writeCSV("iteration,gap", (0..<5).map { "\($0),\(1.0 / Double($0 + 1))" })
        let outcome = try CLI.run(["fit", path, "--x", "iteration", "--y", "gapp", "--model", "geometric"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssert(outcome.stderr.contains("gapp") && outcome.stderr.contains("iteration") && outcome.stderr.contains("gap"),
                  outcome.stderr)
    }

    func testOptionOfTheOtherModelIsRefused() throws {
        let path = try writeCSV("iteration,gap", (1...5).map { "\($0),\(1.0 / Double($0))" })
        let outcome = try CLI.run(["fit", path, "--x", "iteration", "--y", "gap", "--model", "power", "--burn-in", "0.2"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssert(outcome.stderr.contains("--burn-in"), outcome.stderr)
    }

    /// Bad input for a log-scale fit names the file, the column and the file line (blank lines counted).
    func testBadSeriesNameFileColumnAndLine() throws {
        let unordered = try writeCSV("x,y", ["0,1", "", "1,0.5", "0,0.25"])
        var outcome = try CLI.run(["fit", unordered, "--x", "x", "--y", "y", "--model", "geometric"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssert(outcome.stderr.contains("\(unordered):5: column 'x' is 0.0, smaller than 1.0 on line 4"), outcome.stderr)
        let constant = try writeCSV("x,y", (0..<10).map { "\($0),2" })
        outcome = try CLI.run(["fit", constant, "--x", "x", "--y", "y", "--model", "geometric"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssert(outcome.stderr.contains("column 'y' is 2.0 on every line"), outcome.stderr)
        let nonPositive = try writeCSV("x,y", ["0,1", "1,0", "2,-1", "3,0.5"])
        outcome = try CLI.run(["fit", nonPositive, "--x", "x", "--y", "y", "--model", "geometric"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssert(outcome.stderr.contains("column 'y' has 2 positive value(s) (lines 2, 5)"), outcome.stderr)
    }

    /// The JSON names the dependence model: for independent noise φ̂ is near 0 and n_eff near n.
    func testJSONReportsTheIntervalMethod() throws {
        var noise = RandomStream(seed: 5, purpose: .noise)
        let path = try writeCSV("x,y", (0..<200).map { "\($0),\(pow(0.97, Double($0)) * exp(0.05 * noise.nextGaussian()))" })
        let object = try fitJSON([path, "--x", "x", "--y", "y", "--model", "geometric"])
        XCTAssert((object["method"] as? String)?.contains("bootstrap-t") == true, "\(object)")
        // φ̂ of 200 independent residuals has SE ≈ 1/√200 ≈ 0.07: |φ̂| < 0.3 is > 4 SE.
        XCTAssertLessThan(abs(try XCTUnwrap(object["phi"] as? Double)), 0.3)
        XCTAssertGreaterThan(try XCTUnwrap(object["effective_points"] as? Double), 100)
    }
}
