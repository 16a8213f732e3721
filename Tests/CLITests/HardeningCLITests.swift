import Foundation
import TestSupport
import XCTest

/// The command-line reproducers of issue 17: parse errors, oversized flags, non-finite results and
/// unsafe output targets exit with a status of their own and one message naming the flag or file.
final class HardeningCLITests: XCTestCase {
    private let quadratic = ["run", "--problem", "quadratic", "--dim", "3", "--algorithm", "dpsgd", "--steps", "5"]

    /// Asserts that `arguments` exit with `status` and a message containing `fragment` on stderr.
    private func assertRefused(_ arguments: [String], status: Int32 = 2, _ fragment: String, line: UInt = #line) throws {
        let outcome = try CLI.run(arguments)
        XCTAssertEqual(outcome.status, status, outcome.stderr, line: line)
        XCTAssert(outcome.stderr.contains(fragment), "'\(outcome.stderr)' does not contain '\(fragment)'", line: line)
    }

    func testArgumentParserErrorsExitTwo() throws {
        try assertRefused(quadratic + ["--steps", "abc"], "--steps")
        try assertRefused(quadratic + ["--workers", "1e12"], "--workers")
        try assertRefused(quadratic + ["--colour", "red"], "--colour")
        try assertRefused(quadratic + ["--seed", "-1"], "'-1' is invalid for '--seed")
    }

    func testOversizedFlagsAreRefusedBeforeAllocating() throws {
        try assertRefused(["run", "--problem", "quadratic", "--dim", "9223372036854775807", "--algorithm", "dpsgd"], "dimension")
        try assertRefused(["run", "--problem", "quadratic", "--workers", "9223372036854775807", "--algorithm", "dpsgd"], "workers")
        try assertRefused(["run", "--problem", "quadratic", "--workers", "2147483648", "--algorithm", "dpsgd"], "workers")
        try assertRefused(["run", "--problem", "quadratic", "--dim", "100000", "--algorithm", "dpsgd"], "dimension")
        try assertRefused(["run", "--problem", "quadratic", "--algorithm", "adpsgd", "--steps", "9223372036854775807"], "--steps")
        try assertRefused(quadratic + ["--every", "9223372036854775807"], "--every")
        try assertRefused(quadratic + ["--steps", "20200060", "--every", "1"], "at most 1000000 checkpoints per run")
        try assertRefused(quadratic + ["--max-delay", "-1"], "invalid --max-delay '-1.0'")
        try assertRefused(quadratic + ["--rto", "-1"], "invalid --rto")
        try assertRefused(quadratic + ["--latency", "1e308"], "invalid --latency")
        try assertRefused(quadratic + ["--bandwidth", "1e-308"], "invalid --bandwidth")
        try assertRefused(quadratic + ["--compute", "lognormal:1:1e6"], "sigma in [0, 10.0]")
        try assertRefused(quadratic + ["--stragglers", "0.5:1e308"], "--stragglers")
        try assertRefused(["run", "--problem", "logistic", "--data", "data/breast-cancer.svm", "--workers", "8",
                           "--algorithm", "local-sgd", "--batch", "1000000000", "--steps", "5"], "--batch")
    }

    func testFitRefusesNonFiniteResults() throws {
        let csv = CLI.temporaryPath("fit-huge", extension: "csv")
        let rows = (0..<40).map { k in "\(Double(k) * 1e299),\(pow(0.5, Double(k)))" }
        try ("x,y\n" + rows.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: csv) }
        let outcome = try CLI.run(["fit", csv, "--x", "x", "--y", "y", "--model", "geometric"])
        XCTAssertNotEqual(outcome.status, 0, outcome.stdout)
        XCTAssertFalse(outcome.stdout.contains("nan"), outcome.stdout)
        XCTAssert(outcome.stderr.contains(csv), outcome.stderr)
    }

    func testHexFloatFlagsAreExactValues() throws {
        // Decided: flags and claim values are Swift Double literals, so 0x1p3 is exactly 8; data files are decimal only.
        let hex = try CLI.run(quadratic + ["--latency", "0x1p3"]), decimal = try CLI.run(quadratic + ["--latency", "8"])
        XCTAssertEqual(hex.status, 0, hex.stderr)
        XCTAssertEqual(hex.stdout, decimal.stdout)
    }

    func testCSVTargetThatIsADeviceIsRefused() throws {
        try assertRefused(quadratic + ["--csv", "/dev/null"], status: 1, "not a regular file")
    }

    func testSymlinkedClaimDirectoryAndEscapingIDsWriteNothingOutside() throws {
        let reports = CLI.temporaryPath("reports"), outside = CLI.temporaryPath("outside")
        defer { for path in [reports, outside] { try? FileManager.default.removeItem(atPath: path) } }
        for path in [reports, outside] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        try FileManager.default.createSymbolicLink(atPath: reports + "/gd-worst-case-rate", withDestinationPath: outside)
        try assertRefused(["check", "proofs-numeric/gd-worst-case-rate.yaml", "--reports", reports, "--threads", "1"],
                          status: 1, "is a symbolic link")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), [])

        let claim = CLI.temporaryPath("escape", extension: "yaml")
        defer { try? FileManager.default.removeItem(atPath: claim) }
        let text = try String(contentsOfFile: CLI.root.path + "/proofs-numeric/gd-worst-case-rate.yaml", encoding: .utf8)
        try ("id: ../../escaped-by-id\n" + text).write(toFile: claim, atomically: true, encoding: .utf8)
        try assertRefused(["check", claim, "--reports", reports + "/a/b"], "id '../../escaped-by-id' is not a name")
        XCTAssertFalse(FileManager.default.fileExists(atPath: reports + "/escaped-by-id"))
    }

    func testDataThatIsNotARegularFileIsRefused() throws {
        try assertRefused(["optimum", "--problem", "logistic", "--data", "/dev/null"], "/dev/null: cannot read the file: not a regular file")
    }
}
