import XCTest
@testable import RateLabClaims
import RateLab

/// End to end on small claims: runs, verdicts, reports, determinism across thread counts.
final class ClaimRunTests: XCTestCase {
    private func outcome(_ text: String, threads: Int = 2) throws -> ClaimOutcome {
        try ClaimRunner(threads: threads).check(try ClaimParser.parse(text: text, file: "t.yaml"))
    }

    /// GD with 1/L on the worst-case quadratic: the fitted rate of ‖x − x*‖² equals (1 − μ/L)² to 1e-6
    /// (the data are exactly geometric after the first step, so the fit is exact up to rounding).
    func testWorstCaseRateIsExact() throws {
        let o = try outcome(ClaimParserTests.good)
        XCTAssertEqual(o.verdict, .pass, ClaimReports.summary(GateResult(outcomes: [o])))
        XCTAssertEqual(o.rows.count, 2)
        XCTAssertEqual(o.rows[0].outcome.measured, 0.81, accuracy: 0.81e-6)
    }

    /// A claim the numbers contradict reports FAIL with the number, not a pass.
    func testWrongClaimFails() throws {
        let o = try outcome(ClaimParserTests.good.replacingOccurrences(of: "expected: (1 - mu/L)^2", with: "expected: (1 - 2*mu/L)^2"))
        XCTAssertEqual(o.verdict, .fail)
        XCTAssertLessThan(o.rows[0].outcome.margin!, 0)
    }

    /// A step beyond 2/L diverges: the check says DIVERGED.
    func testDivergedRunIsReported() throws {
        let o = try outcome(ClaimParserTests.good.replacingOccurrences(of: "lr: 1/L", with: "lr: 3/L"))
        XCTAssertEqual(o.verdict, .diverged)
    }

    /// A run that overflows (a step of 1e300/L: its last checkpoint is ∞) goes through the cell cache
    /// and comes back from it still DIVERGED.
    func testDivergedRunSurvivesTheCache() throws {
        let dir = NSTemporaryDirectory() + "ratelab-cache-diverged-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let claim = try ClaimParser.parse(text: ClaimParserTests.good.replacingOccurrences(of: "lr: 1/L", with: "lr: 1e300/L"), file: "t.yaml")
        XCTAssertEqual(try ClaimRunner(threads: 1, cacheDirectory: dir).check(claim).verdict, .diverged)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/t").count, 4)
        XCTAssertEqual(try ClaimRunner(threads: 1, cacheDirectory: dir).check(claim).verdict, .diverged)
    }

    /// A time to a target one side never reaches is ∞ and still decides the check: with 60 steps of
    /// GD at 0.01/L the gap stays far above 1e-3 while 1/L reaches it, so "slow/fast ≥ 1" passes with
    /// ratio ∞ and "slow/fast ≤ 1" fails; a threshold "below 100" on the slow side fails and "above 1"
    /// passes. None of them is DIVERGED (no run diverged).
    func testTargetNeverReachedIsDecidedNotDiverged() throws {
        let text = """
        title: t
        source: s
        statement: s
        problem: {name: quadratic, dimension: 6, kappa: 10, spacing: worst-case}
        run: {algorithm: sgd-allreduce, steps: 60, lr: 1/L, every: 1}
        sweep: {run.lr: [1/L, 0.01/L]}
        checks:
          - {kind: compare, name: at-least, statistic: time-to-target, target: 1e-3, numerator: {run.lr: 0.01/L}, denominator: {run.lr: 1/L}, at-least: 1}
          - {kind: compare, name: at-most, statistic: time-to-target, target: 1e-3, numerator: {run.lr: 0.01/L}, denominator: {run.lr: 1/L}, at-most: 1}
          - {kind: threshold, name: below, statistic: time-to-target, target: 1e-3, below: 100, where: {run.lr: 0.01/L}}
          - {kind: threshold, name: above, statistic: time-to-target, target: 1e-3, above: 1, where: {run.lr: 0.01/L}}
        """
        let o = try outcome(text)
        let verdicts = Dictionary(uniqueKeysWithValues: o.rows.map { (String($0.check.prefix { $0 != " " }), $0.outcome.verdict) })
        XCTAssertEqual(verdicts, ["at-least": .pass, "at-most": .fail, "below": .fail, "above": .pass], ClaimReports.summary(GateResult(outcomes: [o])))
        XCTAssertEqual(o.rows[0].outcome.measured, .infinity)
    }

    /// `x: rounds` counts communication rounds to the target. Local SGD on identical local quadratics with
    /// exact gradients follows GD for every τ (the updates are linear and commute with averaging), so τ = 1
    /// and τ = 4 reach the target at the same iteration (ratio exactly 1), and τ = 1 has averaged 4 times as
    /// often by then (ratio exactly 4, the hit being at a checkpoint that is a multiple of 4).
    func testRoundsToTargetCountsAveragings() throws {
        let text = """
        title: t
        source: s
        statement: s
        problem: {name: quadratic, dimension: 6, kappa: 10, workers: 4}
        run: {algorithm: local-sgd, steps: 200, lr: 1/L, every: 4}
        sweep: {run.tau: [1, 4]}
        checks:
          - {kind: compare, name: iterations, x: iteration, statistic: time-to-target, target: 1e-6, numerator: {run.tau: 1}, denominator: {run.tau: 4}, at-least: 1}
          - {kind: compare, name: rounds, x: rounds, statistic: time-to-target, target: 1e-6, numerator: {run.tau: 1}, denominator: {run.tau: 4}, at-least: 1}
        """
        let o = try outcome(text)
        XCTAssertEqual(o.rows.count, 2)
        XCTAssertEqual(o.rows[0].outcome.measured, 1, accuracy: 1e-12)
        XCTAssertEqual(o.rows[1].outcome.measured, 4, accuracy: 1e-12)
    }

    /// `statistic: time-per-iteration` is t_K / K, the time factor of a time to target: with constant 1 s
    /// gradients and a Ring-AllReduce of 2(p − 1) hops at 0.1 s (infinite bandwidth), a synchronous step
    /// (τ = 1) costs 1 + 0.2(p − 1) s and a step of τ = 8 costs 1 + 0.2(p − 1)/8 s (one AllReduce per 8 steps,
    /// T = 64 a multiple of 8), so at p = 4 the ratio is 1.6/1.075 exactly (to rounding, 1e-12), in every seed
    /// (constant times): a zero-width interval, PASS against ≥ 1.
    func testTimePerIterationIsTheTimeFactor() throws {
        let text = """
        title: t
        source: s
        statement: s
        problem: {name: quadratic, dimension: 6, kappa: 10, workers: 4}
        run: {algorithm: local-sgd, steps: 64, lr: 1/L, every: 8, compute: "const:1", latency: 0.1, bandwidth: inf}
        sweep: {run.tau: [1, 8]}
        seeds: 3
        checks:
          - {kind: compare, name: per iteration, statistic: time-per-iteration, numerator: {run.tau: 1}, denominator: {run.tau: 8}, at-least: 1}
        """
        let o = try outcome(text)
        XCTAssertEqual(o.rows[0].outcome.measured, 1.6 / 1.075, accuracy: 1e-12)
        XCTAssertEqual(o.rows[0].outcome.verdict, .pass)
    }

    /// `bandwidth: inf` is no transmission time, as `--bandwidth inf`: with zero latency and constant compute
    /// times R-FAST runs in lock-step and its iterates are Push-Pull's (final ‖x̄ − x*‖² ratio 1 to 1e-9),
    /// while 1e12 bytes/s leaves 8e-11 s of transit, so each pull sees the previous v_j and the runs differ.
    func testInfiniteBandwidthGivesLockStep() throws {
        let text = """
        title: t
        source: s
        statement: s
        problem: {name: quadratic, dimension: 6, kappa: 10, zeta: 1, workers: 4}
        run: {algorithm: rfast, steps: 60, lr: 0.05, every: 5, compute: "const:1", latency: 0, bandwidth: inf}
        sweep: {run.algorithm: [rfast, push-pull]}
        checks:
          - {kind: compare, name: ratio, metric: dist_sq, statistic: final, numerator: {run.algorithm: rfast}, denominator: {run.algorithm: push-pull}, at-most: 2}
        """
        XCTAssertEqual(try outcome(text).rows[0].outcome.measured, 1, accuracy: 1e-9)
        let finite = try outcome(text.replacingOccurrences(of: "bandwidth: inf", with: "bandwidth: 1e12")).rows[0].outcome.measured
        XCTAssertGreaterThan(abs(finite - 1), 0.01)
        // The cell cache keys a run by its JSON: an infinite bandwidth must be keyed, stored and read back.
        let dir = NSTemporaryDirectory() + "ratelab-cache-inf-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let claim = try ClaimParser.parse(text: text, file: "t.yaml")
        for _ in 0..<2 {
            XCTAssertEqual(try ClaimRunner(threads: 1, cacheDirectory: dir).check(claim).rows[0].outcome.measured, 1, accuracy: 1e-9)
        }
    }

    /// A cache entry edited by hand (a valid JSON file whose numbers changed) fails its checksum and is
    /// recomputed: the verdict and the measured value are those of a fresh run, and the entry is rewritten.
    func testEditedCacheEntryIsRecomputed() throws {
        let dir = NSTemporaryDirectory() + "ratelab-cache-edited-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let claim = try ClaimParser.parse(text: ClaimParserTests.good, file: "t.yaml")
        let fresh = try ClaimRunner(threads: 1, cacheDirectory: dir).check(claim)
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/t").filter { $0.hasSuffix(".json") }
        XCTAssertFalse(files.isEmpty)
        let path = "\(dir)/t/\(files[0])"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        // Every checkpoint's gap becomes 1: a well-formed entry that would change the rate.
        let edited = original.replacingOccurrences(of: #""gap" : [0-9.e+-]+"#, with: #""gap" : 1"#, options: .regularExpression)
        XCTAssertNotEqual(edited, original)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let again = try ClaimRunner(threads: 1, cacheDirectory: dir).check(claim)
        XCTAssertEqual(again.rows.map(\.outcome.measured), fresh.rows.map(\.outcome.measured))
        XCTAssertEqual(again.verdict, fresh.verdict)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), original, "the entry is written again from the recomputed run")
    }

    /// Same claim on 1 and 2 threads: identical trajectories and rows.
    func testThreadCountDoesNotChangeResults() throws {
        let text = """
        title: t
        source: s
        statement: s
        problem: {name: logistic, dimension: 5, samples-per-worker: 40, workers: 4, lambda: 0.01}
        run: {algorithm: local-sgd, steps: 200, batch: 4, lr: 0.2, tau: 5, every: 20}
        sweep: {run.tau: [1, 5]}
        seeds: 3
        checks:
          - {kind: compare, numerator: {run.tau: 5}, denominator: {run.tau: 1}, at-most: 10}
        """
        let one = try outcome(text, threads: 1), two = try outcome(text, threads: 2)
        XCTAssertEqual(one.data.points.flatMap { $0.runs.map(\.result.checkpoints) }, two.data.points.flatMap { $0.runs.map(\.result.checkpoints) })
        XCTAssertEqual(ClaimReports.summary(GateResult(outcomes: [one])), ClaimReports.summary(GateResult(outcomes: [two])))
    }

    /// The manifest is written last and tells a whole report set from a mixed or damaged one.
    func testManifestVerifiesTheReportSet() throws {
        let o = try outcome(ClaimParserTests.good)
        let dir = NSTemporaryDirectory() + "ratelab-manifest-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ClaimReports.write(GateResult(outcomes: [o]), to: dir)
        XCTAssertEqual(ReportManifest.verify(dir), [])
        let manifest = try String(contentsOfFile: "\(dir)/\(ReportManifest.name)", encoding: .utf8)
        for file in ["summary.txt", "junit.xml", "index.html", "t/fits.csv", "t/claim.json"] {
            XCTAssert(manifest.contains("  \(file)\n"), "\(file) not in\n\(manifest)")
        }
        try "changed\n".write(toFile: "\(dir)/t/fits.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(ReportManifest.verify(dir), ["t/fits.csv"])
        try FileManager.default.removeItem(atPath: "\(dir)/\(ReportManifest.name)")
        XCTAssertNil(ReportManifest.verify(dir), "no manifest: an incomplete set")
    }

    /// Reports: every file is written and the summary is the table.
    func testReportsAreWritten() throws {
        let o = try outcome(ClaimParserTests.good)
        let dir = NSTemporaryDirectory() + "ratelab-claims-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ClaimReports.write(GateResult(outcomes: [o]), to: dir)
        for f in ["summary.txt", "junit.xml", "t/trajectories.csv", "t/fits.csv", "t/claim.json", "t/plot.svg"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/\(f)"), f)
        }
        let summary = try String(contentsOfFile: "\(dir)/summary.txt", encoding: .utf8)
        XCTAssertEqual(summary, ClaimReports.summary(GateResult(outcomes: [o])))
        XCTAssertTrue(summary.hasSuffix("checks: 2 PASS\nclaims: 1 PASS\ngate: PASS (exit 0): 1 claim(s), every one PASS, no baseline drift\n"), summary)
        let csv = try String(contentsOfFile: "\(dir)/t/trajectories.csv", encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("claim,problem.seed,seed,iteration,sim_time"))
        XCTAssertEqual(csv.split(separator: "\n").count, 1 + 2 * 2 * 61)
    }

    /// The cache makes a second run reuse every cell (same results, nothing recomputed).
    func testSweepCacheResumes() throws {
        let dir = NSTemporaryDirectory() + "ratelab-cache-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let claim = try ClaimParser.parse(text: ClaimParserTests.good, file: "t.yaml")
        let first = try ClaimRunner(threads: 2, cacheDirectory: dir).check(claim)
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/t")
        XCTAssertEqual(files.count, 4)
        let second = try ClaimRunner(threads: 1, cacheDirectory: dir).check(claim)
        XCTAssertEqual(ClaimReports.summary(GateResult(outcomes: [first])), ClaimReports.summary(GateResult(outcomes: [second])))
    }
}
