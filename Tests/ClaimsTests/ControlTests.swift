import XCTest
@testable import RateLabClaims
import RateLab

/// Negative controls: how `controls:` parse (and how broken ones are refused with file and line), and
/// that a control that gets its predicted verdict leaves the claim PASS while one that does not makes it
/// ERROR with "this check cannot fail".
final class ControlTests: XCTestCase {
    /// `ClaimParserTests.good` (GD at 1/L on a 6-dimensional worst-case quadratic, 60 steps) with two
    /// controls from line 11 on: a half step (its own runs) and a wrong expected rate (the claim's runs).
    static let withControls = ClaimParserTests.good + """

    controls:
      - name: half step
        why: the μ-eigencomponent contracts at (1 − μ/(2L))²
        run: {lr: 0.5/L}
      - name: wrong rate
        why: (1 − 2μ/L)² is not the rate
        checks: {geometric-rate: {expected: (1 - 2*mu/L)^2}}
        expect: fail-or-inconclusive
    """

    func testControlsParse() throws {
        let claim = try ClaimParser.parse(text: Self.withControls, file: "proofs/gd-rate.yaml")
        XCTAssertEqual(claim.controls.map(\.name), ["half step", "wrong rate"])
        let half = claim.controls[0], wrong = claim.controls[1]
        XCTAssertEqual(half.expected.verdicts, [.fail])
        XCTAssertEqual(wrong.expected.verdicts, [.fail, .inconclusive])
        XCTAssertEqual(half.claim.run["lr"]?.text, "0.5/L")
        XCTAssertEqual(half.claim.run["lr"]?.line, 14)
        XCTAssertEqual(half.claim.run["steps"]?.text, "60", "keys the control does not name keep the claim's values")
        XCTAssertFalse(half.sharesRuns)
        XCTAssertTrue(wrong.sharesRuns)
        XCTAssertEqual(wrong.claim.run["lr"]?.text, "1/L")
        guard let check = wrong.claim.checks[0].definition as? GeometricRateCheck else { return XCTFail("kind changed") }
        guard case let .equals(expected, tolerance) = check.decision.rule else { return XCTFail("decision changed") }
        XCTAssertEqual(expected, try Expression(parsing: "(1 - 2*mu/L)^2"))
        XCTAssertEqual(tolerance, 1e-6, "keys the override does not name keep the check's values")
        XCTAssertEqual(check.skip, 1)
        XCTAssertTrue(half.claim.controls.isEmpty && wrong.claim.controls.isEmpty)
    }

    /// A sweep override replaces the values of a claim's axis and keeps the others.
    func testSweepOverride() throws {
        let text = ClaimParserTests.good + "\ncontrols:\n  - {name: one seed, why: w, sweep: {problem.seed: [3]}, run: {lr: 0.5/L}}\n"
        let control = try ClaimParser.parse(text: text, file: "c.yaml").controls[0]
        XCTAssertEqual(control.claim.gridPoints.map { $0.problem["seed"]?.text }, ["3"])
    }

    /// `assertError` on `ClaimParserTests.good` followed by `controls:` (line 11) and `control`.
    private func assertControlError(_ control: String, line: Int, contains fragment: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
        assertError(ClaimParserTests.good + "\ncontrols:\n" + control, line: line, contains: fragment, file: file, lineNumber: lineNumber)
    }

    /// Every broken control names the file and the line (the controls start on line 12).
    func testBrokenControls() {
        let head = "  - name: c\n    why: w\n"
        assertControlError(head + "    run: {lr: 0.5/L}\n    colour: red\n", line: 15, contains: "unknown key 'colour' in control 1")
        assertControlError("  - name: c\n    run: {lr: 0.5/L}\n", line: 12, contains: "missing required key 'why'")
        assertControlError(head + "    run: {steps: sixty}\n", line: 14, contains: "unknown name 'sixty'")
        assertControlError(head + "    run: {lr: 1/Lip}\n", line: 14, contains: "unknown name 'Lip'")
        assertControlError(head + "    problem: {colour: red}\n", line: 14, contains: "unknown key 'colour'")
        assertControlError(head + "    problem: {seed: 3}\n", line: 14, contains: "problem.seed is a sweep axis of the claim")
        assertControlError(head + "    sweep: {run.lr: [1/L]}\n", line: 14, contains: "'run.lr' is not a sweep axis of the claim")
        assertControlError(head + "    sweep: {problem.seed: []}\n", line: 14, contains: "empty grid")
        assertControlError(head + "    checks: {rate: {expected: 0.5}}\n", line: 14, contains: "unknown check 'rate'; checks of the claim: geometric-rate")
        assertControlError(head + "    checks: {geometric-rate: 0.5}\n", line: 14, contains: "must be a mapping")
        assertControlError(head + "    checks:\n      geometric-rate: {tolerance: tight}\n", line: 15, contains: "'tolerance' expects a number")
        assertControlError(head + "    checks:\n      geometric-rate: {colour: red}\n", line: 15, contains: "unknown key 'colour'")
        assertControlError(head + "    run: {lr: 0.5/L}\n    expect: pass\n", line: 15, contains: "expect 'pass' is not a predicted verdict")
        assertControlError(head + "    expect: fail\n", line: 12, contains: "control 'c' changes nothing")
        assertControlError(head + "    run: {lr: 0.5/L}\n" + head + "    run: {lr: 0.25/L}\n", line: 15, contains: "another control is also named 'c'")
        assertControlError("  - [1]\n", line: 12, contains: "control 1 must be a mapping")
        assertControlError("  []\n", line: 11, contains: "'controls' must be a non-empty list")
    }

    /// Both controls get FAIL, as predicted: the claim stays PASS, and each control has its row with the
    /// verdict it got (table, fits.csv, junit.xml as a passed test case, claim.json).
    func testControlsThatFailKeepTheClaimPassing() throws {
        let o = try ClaimRunner(threads: 2).check(try ClaimParser.parse(text: Self.withControls, file: "t.yaml"))
        XCTAssertEqual(o.verdict, .pass, ClaimReports.summary(GateResult(outcomes: [o])))
        XCTAssertEqual(o.controls.map(\.verdict), [.fail, .fail])
        XCTAssertTrue(o.controls.allSatisfy(\.held))
        // (1 − μ/(2L))² with μ/L = 1/10, to 1e-4: the L-component (factor 1/4 per step) still tilts the fit a little.
        XCTAssertEqual(o.controls[0].row.outcome.measured, 0.95 * 0.95, accuracy: 1e-4)
        XCTAssertEqual(o.controls[1].outcome.data.points.first?.runs.first?.result.checkpoints,
                       o.data.points.first?.runs.first?.result.checkpoints, "a check-only control reads the claim's runs")
        XCTAssertEqual(o.reportedRows.map(\.check).suffix(2),
                       ["control half step (predicts FAIL)", "control wrong rate (predicts FAIL or INCONCLUSIVE)"])
        let dir = NSTemporaryDirectory() + "ratelab-controls-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ClaimReports.write(GateResult(outcomes: [o]), to: dir)
        let fits = try String(contentsOfFile: "\(dir)/t/fits.csv", encoding: .utf8)
        XCTAssertTrue(fits.contains("t,control half step (predicts FAIL),FAIL,"), fits)
        let junit = try String(contentsOfFile: "\(dir)/junit.xml", encoding: .utf8)
        XCTAssertTrue(junit.contains("name=\"control half step (predicts FAIL)\""), junit)
        XCTAssertFalse(junit.contains("cannot fail"), junit)
        let sidecar = try String(contentsOfFile: "\(dir)/t/claim.json", encoding: .utf8)
        XCTAssertTrue(sidecar.contains("\"held\" : true"), sidecar)
        XCTAssertEqual(Baseline([o]).values.keys.filter { $0.contains("control") }, [], "controls are not in the baseline")
    }

    /// A control whose override does not change the verdict (a tolerance of 50%) gets PASS where theory
    /// predicts FAIL: the claim is an ERROR with "this check cannot fail", and junit.xml reports it.
    func testControlThatPassesMakesTheClaimAnError() throws {
        let text = ClaimParserTests.good + """

        controls:
          - {name: loose, why: w, checks: {geometric-rate: {tolerance: 0.5}}}
        """
        let o = try ClaimRunner(threads: 2).check(try ClaimParser.parse(text: text, file: "t.yaml"))
        XCTAssertEqual(o.rows.map(\.outcome.verdict), [.pass, .pass])
        XCTAssertEqual(o.verdict, .error)
        XCTAssertEqual(o.controls[0].mismatch, "this check cannot fail: control loose got PASS, theory predicts FAIL")
        XCTAssertTrue(o.controls[0].row.outcome.detail.hasPrefix("this check cannot fail"))
        let table = ClaimReports.summary(GateResult(outcomes: [o]))
        XCTAssertTrue(table.contains("control loose (predicts FAIL)"), table)
        XCTAssertTrue(table.contains("\n  t: ERROR, this check cannot fail: control loose got PASS, theory predicts FAIL\n"), table)
        let junit = ClaimReports.junit(GateResult(outcomes: [o])).render()
        XCTAssertTrue(junit.contains("this check cannot fail: control loose got PASS, theory predicts FAIL"), junit)
    }

    /// A step beyond 2/L diverges, which a control may predict.
    func testDivergedControl() throws {
        let text = ClaimParserTests.good + "\ncontrols:\n  - {name: step 3/L, why: w, run: {lr: 3/L}, expect: diverged}\n"
        let o = try ClaimRunner(threads: 2).check(try ClaimParser.parse(text: text, file: "t.yaml"))
        XCTAssertEqual(o.controls[0].verdict, .diverged)
        XCTAssertEqual(o.verdict, .pass)
    }
}
