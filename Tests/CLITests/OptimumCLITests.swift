import Foundation
import XCTest

/// End-to-end tests of `ratelab optimum` and `ratelab list` on the built binary.
final class OptimumCLITests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `ratelab` binary built next to the test bundle (`.build/<config>/ratelab`).
    private static var binary: URL {
        get throws {
            let besideBundle = Bundle(for: OptimumCLITests.self).bundleURL.deletingLastPathComponent()
            let candidates = [besideBundle, besideBundle.deletingLastPathComponent()].map { $0.appendingPathComponent("ratelab") }
                + ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/ratelab") }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
            }
            return found
        }
    }

    /// Runs `ratelab arguments` in the repository root.
    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = try OptimumCLITests.binary
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = OptimumCLITests.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testLogisticOnBreastCancerAsJSON() throws {
        let result = try run(["optimum", "--problem", "logistic", "--data", "data/breast-cancer.svm", "--lambda", "1e-3", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["f_star", "x_star", "grad_norm", "scaled_grad_norm", "L", "mu", "solver", "cross_check", "zeta_squared"] {
            XCTAssertNotNil(object[key], "missing key \(key)")
        }
        XCTAssertLessThanOrEqual(try XCTUnwrap(object["grad_norm"] as? Double), 1e-10)
        XCTAssertEqual((object["x_star"] as? [Double])?.count, 30)
        XCTAssertEqual(try XCTUnwrap(object["mu"] as? Double), 1e-3, accuracy: 0) // μ = λ exactly
    }

    func testUnknownProblemListsKnownNames() throws {
        let result = try run(["optimum", "--problem", "lasso"])
        XCTAssertEqual(result.status, 2)
        XCTAssert(result.stderr.contains("unknown problem 'lasso'"), result.stderr)
        XCTAssert(result.stderr.contains("logistic") && result.stderr.contains("quadratic"), result.stderr)
    }

    func testMalformedFileNamesFileAndLine() throws {
        let path = NSTemporaryDirectory() + "ratelab-cli-\(UUID().uuidString).svm"
        try "+1 1:0.5 2:1\n-1 1:0.5 2:x\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try run(["optimum", "--problem", "logistic", "--data", path])
        XCTAssertEqual(result.status, 2)
        XCTAssert(result.stderr.contains("\(path):2:"), result.stderr)
    }

    func testListPrintsProblems() throws {
        let result = try run(["list"])
        XCTAssertEqual(result.status, 0)
        for name in ["quadratic", "least-squares", "logistic", "pl-sine", "nonconvex-logistic", "two-layer-net"] {
            XCTAssert(result.stdout.contains("  \(name)"), "list lacks \(name)")
        }
    }
}
