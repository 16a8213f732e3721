import Foundation
import TestSupport
import XCTest

/// End-to-end tests of `ratelab optimum` and `ratelab list` on the built binary.
final class OptimumCLITests: XCTestCase {
    func testLogisticOnBreastCancerAsJSON() throws {
        let result = try CLI.run(["optimum", "--problem", "logistic", "--data", "data/breast-cancer.svm", "--lambda", "1e-3", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["f_star", "x_star", "grad_norm", "scaled_grad_norm", "L", "mu", "solver", "cross_check", "zeta_squared"] {
            XCTAssertNotNil(object[key], "missing key \(key)")
        }
        XCTAssertLessThanOrEqual(try XCTUnwrap(object["grad_norm"] as? Double), 1e-10)
        XCTAssertEqual((object["x_star"] as? [Double])?.count, 30)
        XCTAssertEqual(try XCTUnwrap(object["mu"] as? Double), 1e-3, accuracy: 0) // μ = λ exactly
    }

    /// A successful optimum reports how GSL's cross-check stopped in words; GSL's own text for its
    /// normal end at rounding level ("iteration is not making progress…") would read as a problem.
    func testSuccessfulOptimumDoesNotReportGSLNoProgressAsAProblem() throws {
        let result = try CLI.run(["optimum", "--problem", "logistic", "--data", "data/breast-cancer.svm", "--lambda", "1e-3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse((result.stdout + result.stderr).contains("not making progress"), result.stdout)
        XCTAssert(result.stdout.contains("converged to rounding level") || result.stdout.contains("gradient tolerance met"), result.stdout)
    }

    func testUnknownProblemListsKnownNames() throws {
        let result = try CLI.run(["optimum", "--problem", "lasso"])
        XCTAssertEqual(result.status, 2)
        XCTAssert(result.stderr.contains("unknown problem 'lasso'"), result.stderr)
        XCTAssert(result.stderr.contains("logistic") && result.stderr.contains("quadratic"), result.stderr)
    }

    func testMalformedFileNamesFileAndLine() throws {
        let path = CLI.temporaryPath("optimum", extension: "svm")
        try "+1 1:0.5 2:1\n-1 1:0.5 2:x\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["optimum", "--problem", "logistic", "--data", path])
        XCTAssertEqual(result.status, 2)
        XCTAssert(result.stderr.contains("\(path):2:"), result.stderr)
    }

    /// Problems and the names claim expressions may use (keys spelled with '_').
    func testListPrintsProblems() throws {
        let result = try CLI.run(["list"])
        XCTAssertEqual(result.status, 0)
        for name in ["quadratic", "least-squares", "logistic", "logcosh-regression", "pl-sine", "nonconvex-logistic", "two-layer-net",
                     "samples_per_worker", "total_samples", "hessian_spread", "every"] {
            XCTAssert(result.stdout.contains("  \(name)"), "list lacks \(name)")
        }
    }
}
