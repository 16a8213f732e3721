import Foundation
import TestSupport
import XCTest

/// End-to-end tests of `ratelab check` on the built binary: exit statuses, expected verdicts, the
/// baseline, bad input before the run, interruption by a real signal.
final class CheckCLITests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = CLI.temporaryPath("check")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `ClaimFixtures.gdRate` (PASS) or, with `wrong`, `gdWrongRate` (FAIL), with `extra` lines, as `<name>.yaml`.
    private func claim(_ name: String, wrong: Bool = false, extra: String = "") throws -> String {
        let path = "\(directory)/\(name).yaml"
        try ((wrong ? ClaimFixtures.gdWrongRate : ClaimFixtures.gdRate) + "\n" + extra + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func testExitStatusFollowsTheGate() throws {
        let reports = "\(directory)/reports"
        let pass = try claim("pass"), fail = try claim("fail", wrong: true)
        let xfail = try claim("xfail", wrong: true, extra: "expect: fail\nreason: a documented finding")
        let xpass = try claim("xpass", extra: "expect: fail\nreason: a stale finding")
        let cases: [(paths: [String], status: Int32, closing: String)] = [
            ([pass], 0, "gate: PASS (exit 0)"), ([pass, xfail], 0, "gate: PASS (exit 0)"),
            ([pass, fail], 1, "gate: FAIL (exit 1): 1 claim(s) FAIL"), ([xpass], 1, "gate: FAIL (exit 1): 1 claim(s) XPASS"),
        ]
        for (paths, status, closing) in cases {
            let outcome = try CLI.run(["check"] + paths + ["--reports", reports, "--threads", "1"])
            XCTAssertEqual(outcome.status, status, "\(paths): \(outcome.stdout)\(outcome.stderr)")
            XCTAssert(outcome.stdout.contains(closing), outcome.stdout)
            XCTAssertEqual(try read("\(reports)/summary.txt"), outcome.stdout)
        }
        let junit = try read("\(reports)/junit.xml")
        XCTAssert(junit.contains("XPASS: passed although expected to fail"), junit)
        _ = try CLI.run(["check", xfail, "--reports", reports])
        let summary = try read("\(reports)/summary.txt")
        XCTAssert(summary.contains("XFAIL xfail: a documented finding"), summary)
        XCTAssert(try read("\(reports)/junit.xml").contains("<skipped message=\"XFAIL (FAIL): a documented finding\"/>"))
    }

    /// Recording a subset keeps the other claims' values; checking a subset compares only it; a drift
    /// fails with the drift in summary.txt and junit.xml.
    func testBaselineOfASubset() throws {
        let reports = "\(directory)/reports", baseline = "\(directory)/baseline.json"
        try #"{"values": {"other / row": 1.5}}"#.write(toFile: baseline, atomically: true, encoding: .utf8)
        let a = try claim("a"), b = try claim("b")
        XCTAssertEqual(try CLI.run(["check", a, "--reports", reports, "--baseline", baseline, "--update-baseline"]).status, 0)
        let recorded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: baseline))) as? [String: Any])
        let values = try XCTUnwrap(recorded["values"] as? [String: Double])
        XCTAssertEqual(Set(values.keys), ["other / row", "a / geometric-rate [problem.seed=1]", "a / geometric-rate [problem.seed=2]"])
        let checked = try CLI.run(["check", a, "--reports", reports, "--baseline", baseline])
        XCTAssertEqual(checked.status, 0, checked.stdout)
        XCTAssertFalse(checked.stdout.contains("DRIFT"), checked.stdout)

        let notRecorded = try CLI.run(["check", b, "--reports", reports, "--baseline", baseline])
        XCTAssertEqual(notRecorded.status, 1)
        XCTAssert(notRecorded.stdout.contains("DRIFT b / geometric-rate [problem.seed=1]: not in the baseline"), notRecorded.stdout)

        let key = "a / geometric-rate [problem.seed=1]"
        let moved = values.merging([key: values[key]! + 1e-3]) { $1 }
        try JSONSerialization.data(withJSONObject: ["values": moved]).write(to: URL(fileURLWithPath: baseline))
        let drifted = try CLI.run(["check", a, "--reports", reports, "--baseline", baseline])
        XCTAssertEqual(drifted.status, 1)
        XCTAssert(try read("\(reports)/summary.txt").contains("DRIFT \(key): "))
        let junit = try read("\(reports)/junit.xml")
        XCTAssert(junit.contains("failures=\"1\"") && junit.contains("baseline drift"), junit)
    }

    /// A claim whose data file does not exist exits 2 before running anything, naming file, line and key.
    func testMissingDataFileExits2BeforeTheRun() throws {
        let path = "\(directory)/data.yaml"
        try """
        title: t
        source: s
        statement: s
        problem: {name: logistic, data: missing.svm, lambda: 0.01}
        run: {algorithm: sgd-allreduce, steps: 5}
        checks:
          - {kind: threshold, below: 1}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let reports = "\(directory)/reports"
        let outcome = try CLI.run(["check", path, "--reports", reports])
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssert(outcome.stderr.contains("\(path):4: problem.data = 'missing.svm': no such file \(directory)/missing.svm"), outcome.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: reports), "nothing run, nothing written")
    }

    /// SIGINT or SIGTERM during a run: the finished cells stay in the cache, a partial report is written
    /// and marked, the exit status is 130; the next run reuses the cached cells (their files are not
    /// rewritten) and completes. Off a terminal, progress is printed as lines with the elapsed time.
    func testInterruptKeepsFinishedCellsAndResumes() throws {
        for signalNumber in [SIGINT, SIGTERM] { try interruptAndResume(signalNumber) }
    }

    private func interruptAndResume(_ signalNumber: Int32) throws {
        let path = "\(directory)/slow.yaml", cache = "\(directory)/cache-\(signalNumber)", reports = "\(directory)/reports"
        try """
        title: slow
        source: test
        statement: twelve cells of about a second
        problem: {name: quadratic, dimension: 20, kappa: 10, workers: 4}
        run: {algorithm: rfast, steps: 20000, lr: 1/L, every: 1000}
        seeds: 12
        checks:
          - {kind: threshold, metric: dist_sq, below: 1}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let arguments = ["check", path, "--reports", reports, "--cache", cache, "--threads", "1"]
        let process = try CLI.start(arguments)
        let cells = "\(cache)/slow"
        let deadline = Date().addingTimeInterval(120)
        while ((try? FileManager.default.contentsOfDirectory(atPath: cells))?.count ?? 0) < 1, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.process.processIdentifier, signalNumber)
        let interrupted = try process.finish()
        XCTAssertEqual(interrupted.status, 130, interrupted.stderr)
        XCTAssert(interrupted.stderr.contains("interrupted; finishing the cells in progress"), interrupted.stderr)
        let summary = try read("\(reports)/summary.txt")
        XCTAssert(summary.hasPrefix("PARTIAL REPORT: interrupted; not run: slow"), summary)
        XCTAssert(summary.contains("gate: INTERRUPTED (exit 130)"), summary)
        let kept = try FileManager.default.contentsOfDirectory(atPath: cells)
        XCTAssert((1..<12).contains(kept.count), "\(kept.count) cells kept")
        let dates = try Dictionary(uniqueKeysWithValues: kept.map { ($0, try FileManager.default.attributesOfItem(atPath: "\(cells)/\($0)")[.modificationDate] as! Date) })

        let resumed = try CLI.run(arguments)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cells).count, 12)
        for (name, date) in dates {
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: "\(cells)/\(name)")[.modificationDate] as? Date, date, name)
        }
        XCTAssert(resumed.stderr.contains("12/12 slow") && resumed.stderr.contains("elapsed"), resumed.stderr)
    }

    func testImpossibleOptionsExit2() throws {
        let path = try claim("a")
        for (arguments, message) in [(["--update-baseline"], "--update-baseline needs --baseline FILE"),
                                     (["--drift-interval", "-1"], "invalid --drift-interval '-1.0'"),
                                     (["--baseline", "\(directory)/none.json"], "cannot read the baseline")] {
            let outcome = try CLI.run(["check", path, "--reports", "\(directory)/reports"] + arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments): \(outcome.stderr)")
            XCTAssert(outcome.stderr.contains(message), outcome.stderr)
        }
    }

    func testHelpShowsRequiredOptionsAndHidesInternalFlags() throws {
        XCTAssert(try CLI.run(["run", "--help"]).stdout.contains("USAGE: ratelab run --problem <problem> --algorithm <algorithm>"))
        XCTAssert(try CLI.run(["optimum", "--help"]).stdout.contains("(--problem <problem> | --all)"))
        XCTAssertFalse(try CLI.run(["bench", "--help"]).stdout.contains("--child"))
    }
}
