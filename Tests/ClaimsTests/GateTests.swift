import Foundation
import XCTest
@testable import RateLabClaims
@testable import RateLabReports
import RateLab
import TestSupport

/// The gate over claims: expected verdicts (XFAIL/XPASS), baseline drift, the summary and JUnit
/// report, the cache key and interruption.
final class GateTests: XCTestCase {
    private func outcome(_ text: String) throws -> ClaimOutcome {
        try ClaimRunner(threads: 2).check(try ClaimParser.parse(text: text, file: "t.yaml"))
    }

    static let failing = ClaimFixtures.gdWrongRate
    static let reason = "the rate is (1 − μ/L)², not (1 − 2μ/L)²"
    static let expectFail = "\nexpect: fail\nreason: \(reason)\n"

    // MARK: Expected verdicts

    func testExpectedFailureIsXFAILAndPassesTheGate() throws {
        let o = try outcome(Self.failing + Self.expectFail)
        XCTAssertEqual(o.verdict, .fail)
        XCTAssertEqual(o.status, .expectedFailure(reason: Self.reason))
        let result = GateResult(outcomes: [o])
        XCTAssertEqual(result.exitStatus, 0)
        let summary = ClaimReports.summary(result)
        XCTAssert(summary.contains("XFAIL t: \(Self.reason)"), summary)
        XCTAssert(summary.hasSuffix("checks: 2 XFAIL\nclaims: 1 XFAIL\ngate: PASS (exit 0): 1 claim(s), every one PASS or XFAIL (1), no baseline drift\n"), summary)
        let xml = ClaimReports.junit(result).render()
        XCTAssert(xml.contains("failures=\"0\" errors=\"0\" skipped=\"2\""), xml)
        XCTAssert(xml.contains("<skipped message=\"XFAIL (FAIL): \(Self.reason)\"/>"), xml)
    }

    /// Strict xfail: a claim documented as failing that passes is XPASS and fails the gate.
    func testUnexpectedPassIsXPASSAndFailsTheGate() throws {
        let o = try outcome(ClaimParserTests.good + Self.expectFail)
        XCTAssertEqual(o.verdict, .pass)
        XCTAssertEqual(o.status.name, "XPASS")
        let result = GateResult(outcomes: [o])
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssert(result.closingLine.hasPrefix("gate: FAIL (exit 1): 1 claim(s) XPASS"), result.closingLine)
        let xml = ClaimReports.junit(result).render()
        XCTAssert(xml.contains("failures=\"2\"") && xml.contains("XPASS: passed although expected to fail"), xml)
    }

    /// A verdict other than the expected one is reported as it is: a claim expected to be INCONCLUSIVE
    /// that FAILs, or one expected to FAIL that DIVERGEs, fails the gate.
    func testOtherVerdictThanExpectedIsAFailure() throws {
        let inconclusive = try outcome(Self.failing + "\nexpect: inconclusive\nreason: r\n")
        XCTAssertEqual(inconclusive.status, .verdict(.fail))
        let diverged = try outcome(Self.failing.replacingOccurrences(of: "lr: 1/L", with: "lr: 3/L") + Self.expectFail)
        XCTAssertEqual(diverged.status, .verdict(.diverged))
        XCTAssertEqual(GateResult(outcomes: [inconclusive]).exitStatus, 1)
        XCTAssertEqual(GateResult(outcomes: [diverged]).exitStatus, 1)
    }

    func testExpectationNeedsAReasonAndAFailingVerdict() {
        let good = ClaimParserTests.good
        for (text, line, fragment) in [
            (good + "\nexpect: fail\n", 11, "needs a 'reason:'"),
            (good + "\nreason: r\n", 11, "'reason' explains an 'expect:'"),
            (good + "\nexpect: pass\nreason: r\n", 11, "must be one of fail, inconclusive"),
            (good + "\nexpect: error\nreason: r\n", 11, "must be one of fail, inconclusive"),
        ] {
            XCTAssertThrowsError(try ClaimParser.parse(text: text, file: "c.yaml")) { error in
                XCTAssertEqual((error as? ClaimError)?.line, line, "\(error)")
                XCTAssert("\(error)".contains(fragment), "\(error)")
            }
        }
    }

    // MARK: Baseline

    /// Values at rounding level do not drift-fail; a rate that moves does. Here the threshold row
    /// measures ‖x − x*‖² after 400 GD steps (≈ 1e-30, rounding level): a baseline three times larger
    /// is within the dist_sq floor 1e-20, one larger by 1e-19 is not. The rate row moves by 1e-3.
    func testDriftToleranceIsAbsoluteFloorOrRelative() throws {
        let text = ClaimParserTests.good.replacingOccurrences(of: "steps: 60", with: "steps: 400")
            .replacingOccurrences(of: "skip: 1}", with: "skip: 1}\n  - {kind: threshold, name: final, metric: dist_sq, below: 1e-10}")
        let o = try outcome(text)
        let measured = Baseline([o])
        XCTAssertEqual(measured.values.count, 3, "two rate rows and the threshold row: \(measured.values)")
        XCTAssert(measured.drifts([o], tolerance: DriftTolerance()).isEmpty)
        let finalKey = try XCTUnwrap(measured.values.keys.first { $0.hasPrefix("t / final") })
        let now = measured.values[finalKey]!
        XCTAssertLessThan(now, 1e-20, "the row is at rounding level")
        var rounding = measured
        rounding.values[finalKey] = 3 * now + 1e-25
        XCTAssert(rounding.drifts([o], tolerance: DriftTolerance()).isEmpty)
        var moved = measured
        moved.values[finalKey] = now + 1e-19
        XCTAssertEqual(moved.drifts([o], tolerance: DriftTolerance()).map(\.row), [String(finalKey.dropFirst(4))])
        var rate = measured
        let rateKey = try XCTUnwrap(measured.values.keys.first { $0.hasPrefix("t / geometric-rate") })
        rate.values[rateKey]! += 1e-3
        let drifts = rate.drifts([o], tolerance: DriftTolerance(intervalFraction: 0))
        XCTAssertEqual(drifts.count, 1)
        XCTAssertEqual(drifts[0].allowed, 1e-6 * rate.values[rateKey]!, "relative 1e-6 of the stored rate")
        XCTAssert(rate.drifts([o], tolerance: DriftTolerance(relative: 1e-6, absolute: 1e-2)).isEmpty)
    }

    /// A fitted value may move by a quarter of its interval's width: gd-pl-linear's rate moved from
    /// 0.92761 to 0.92772 between two OpenBLAS kernels, with a 95% interval [0.9271, 0.9282].
    func testDriftWithinAQuarterOfTheIntervalIsAllowed() {
        let outcome = CheckOutcome(verdict: .pass, measured: 0.92772, interval: Interval(low: 0.9271, high: 0.9282), bound: 0.9992,
                                   margin: 0.071, detail: "")
        var row = CheckRow(check: "rate", outcome: outcome)
        row.metric = .gap
        XCTAssertEqual(DriftTolerance().allowed(stored: 0.92761, row: row), 0.25 * (0.9282 - 0.9271), accuracy: 1e-15)
        let claim = try! ClaimParser.parse(text: ClaimParserTests.good, file: "t.yaml")
        let o = ClaimOutcome(claim: claim, rows: [row], data: ClaimData(claim: claim, points: []), seconds: 0)
        XCTAssert(Baseline(values: ["t / rate": 0.92761]).drifts([o], tolerance: DriftTolerance()).isEmpty)
        XCTAssertEqual(Baseline(values: ["t / rate": 0.9285]).drifts([o], tolerance: DriftTolerance()).count, 1)
    }

    /// Only the claims run are compared; a row of a claim run that vanished or appeared is a drift.
    func testOnlyClaimsRunAreCompared() throws {
        let o = try outcome(ClaimParserTests.good)
        var stored = Baseline([o])
        stored.values["other-claim / a row"] = 1
        XCTAssert(stored.drifts([o], tolerance: DriftTolerance()).isEmpty)
        stored.values["t / vanished row"] = 2
        XCTAssertEqual(stored.drifts([o], tolerance: DriftTolerance()).map(\.description), ["t / vanished row: no finite value now (baseline 2.0)"])
        XCTAssertEqual(Baseline(values: [:]).drifts([o], tolerance: DriftTolerance()).count, 2, "new rows are not in the baseline")
    }

    func testUpdatingASubsetKeepsTheOtherClaims() {
        let stored = Baseline(values: ["t / a": 1, "t / b": 2, "u / c": 3, "t-2 / d": 4])
        let merged = stored.replacing(claims: ["t"], with: Baseline(values: ["t / e": 5]))
        XCTAssertEqual(merged.values, ["u / c": 3, "t-2 / d": 4, "t / e": 5])
    }

    /// A drift fails the gate and shows in junit.xml (a failed case) and in the summary.
    func testDriftReachesJUnitAndSummary() throws {
        let o = try outcome(ClaimParserTests.good)
        var stored = Baseline([o])
        let key = stored.values.keys.sorted()[0]
        stored.values[key]! *= 1.01
        let result = GateResult(outcomes: [o], drifts: stored.drifts([o], tolerance: DriftTolerance()))
        XCTAssertEqual(result.exitStatus, 1)
        let summary = ClaimReports.summary(result)
        XCTAssert(summary.contains("Baseline drift:\n  DRIFT \(key):"), summary)
        XCTAssert(summary.hasSuffix("gate: FAIL (exit 1): 1 baseline drift(s)\n"), summary)
        let xml = ClaimReports.junit(result).render()
        XCTAssert(xml.contains("tests=\"2\" failures=\"1\"") && xml.contains("<failure message=\"baseline drift\">"), xml)
    }

    // MARK: Summary

    /// A failing claim: each row's detail is printed, the bound says its direction, counts per check
    /// and per claim, a closing line that matches the exit status; claim.json lists the failing rows.
    func testSummaryOfAFailingClaim() throws {
        let o = try outcome(Self.failing)
        let result = GateResult(outcomes: [o])
        let summary = ClaimReports.summary(result)
        XCTAssert(summary.contains("≈ 0.64"), summary)
        XCTAssertEqual(summary.components(separatedBy: "  FAIL t / geometric-rate").count, 3, summary)
        XCTAssert(summary.contains(o.rows[0].outcome.detail), summary)
        XCTAssert(summary.hasSuffix("checks: 2 FAIL\nclaims: 1 FAIL\ngate: FAIL (exit 1): 1 claim(s) FAIL\n"), summary)
        XCTAssertFalse(summary.contains(" -0 "), summary)
        let dir = NSTemporaryDirectory() + "ratelab-gate-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ClaimReports.write(result, to: dir)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/t/claim.json"))) as? [String: Any])
        let failures = try XCTUnwrap(json["failures"] as? [String])
        XCTAssertEqual(failures.count, 2)
        XCTAssert(failures.allSatisfy { $0.contains(": FAIL — ") }, "\(failures)")
    }

    func testThresholdBoundSaysItsDirectionAndZeroHasNoSign() throws {
        let o = try outcome(ClaimParserTests.good.replacingOccurrences(
            of: "skip: 1}", with: "skip: 1}\n  - {kind: threshold, name: final, metric: dist_sq, below: 1e-3}"))
        XCTAssert(ClaimReports.summary(GateResult(outcomes: [o])).contains("≤ 0.001"))
        XCTAssertEqual(ClaimReports.number(-0.0), "0")
        XCTAssertEqual(ClaimReports.number(-2e-5), "-2e-05")
    }

    // MARK: Cache and interruption

    /// The cache key covers the claim's text: an edited claim runs its cells again, the same one reuses them.
    func testCacheKeyCoversTheClaimText() throws {
        let dir = NSTemporaryDirectory() + "ratelab-cache-key-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func cells(_ text: String) throws -> Int {
            _ = try ClaimRunner(threads: 1, cacheDirectory: dir).check(try ClaimParser.parse(text: text, file: "t.yaml"))
            return try FileManager.default.contentsOfDirectory(atPath: "\(dir)/t").count
        }
        XCTAssertEqual(try cells(ClaimParserTests.good), 4)
        XCTAssertEqual(try cells(ClaimParserTests.good), 4)
        XCTAssertEqual(try cells(ClaimParserTests.good.replacingOccurrences(of: "tolerance: 1e-6", with: "tolerance: 2e-6")), 8)
    }

    /// A raised stop request skips the cells not started and makes the runner throw `Interrupted`.
    func testStopRequestInterrupts() throws {
        let stop = StopRequest()
        XCTAssertTrue(stop.request())
        XCTAssertFalse(stop.request(), "only the first request counts as first")
        let claim = try ClaimParser.parse(text: ClaimParserTests.good, file: "t.yaml")
        XCTAssertThrowsError(try ClaimRunner(threads: 1, stop: stop).check(claim)) { XCTAssert($0 is ClaimRunner.Interrupted) }
        let partial = GateResult(outcomes: [], notRun: ["t"])
        XCTAssertEqual(partial.exitStatus, 130)
        XCTAssert(ClaimReports.summary(partial).hasPrefix("PARTIAL REPORT: interrupted; not run: t\n"))
    }
}
