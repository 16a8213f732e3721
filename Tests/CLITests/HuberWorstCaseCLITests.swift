import Foundation
import TestSupport
import XCTest

/// `ratelab run` on the Huber worst case ends exactly where Drori & Teboulle's bound says.
final class HuberWorstCaseCLITests: XCTestCase {
    /// GD with step 1/L (L = 1, --lr 1) from x₀ = R = 1 for N steps on `huber-worst-case` with horizon N ends
    /// with gap = L·R²/(4N+2) = 1/(4N+2), to 1e-9 relative (the run rounds N additions of 1/(2N+1): ~1e-15),
    /// read from the CSV's last row (17 significant digits; the printed summary has 7).
    func testGDEndsAtTheTightBound() throws {
        for n in [1, 2, 5, 10, 20] {
            let csv = CLI.temporaryPath("huber", extension: "csv")
            defer {
                try? FileManager.default.removeItem(atPath: csv)
                try? FileManager.default.removeItem(atPath: csv + ".json")
            }
            let outcome = try CLI.run(["run", "--problem", "huber-worst-case", "--L", "1", "--radius", "1", "--horizon", "\(n)",
                                       "--workers", "1", "--algorithm", "sgd-allreduce", "--lr", "1", "--steps", "\(n)", "--csv", csv])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
            let header = lines[0].split(separator: ",").map(String.init)
            // Empty cells (`tau` of a method without periodic averaging) are kept, so columns line up with the header.
            let last = lines[lines.count - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(Int(last[try XCTUnwrap(header.firstIndex(of: "iteration"))]), n)
            let gap = try XCTUnwrap(Double(last[try XCTUnwrap(header.firstIndex(of: "gap"))]))
            let expected = 1 / Double(4 * n + 2)
            XCTAssertEqual(gap, expected, accuracy: 1e-9 * expected, "N = \(n)")
        }
    }

    /// The horizon is required and named when missing; keys of other problems are refused.
    func testParametersAreChecked() throws {
        let missing = try CLI.run(["run", "--problem", "huber-worst-case", "--algorithm", "sgd-allreduce"])
        XCTAssertEqual(missing.status, 2)
        XCTAssert(missing.stderr.contains("parameter horizon = (missing) is invalid"), missing.stderr)
        let foreign = try CLI.run(["run", "--problem", "huber-worst-case", "--horizon", "3", "--kappa", "10", "--algorithm", "sgd-allreduce"])
        XCTAssertEqual(foreign.status, 2)
        XCTAssert(foreign.stderr.contains("parameter kappa does not apply to problem 'huber-worst-case'"), foreign.stderr)
    }
}
