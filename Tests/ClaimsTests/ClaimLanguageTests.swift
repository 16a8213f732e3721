import Foundation
import XCTest
@testable import RateLabClaims
import RateLab
import TestSupport

/// Every numeric key in expressions (`SettingNames`) and zipped sweep axes (`zip:`).
final class ClaimLanguageTests: XCTestCase {
    /// A local-SGD quadratic claim; `run` and `sweep` are filled in. Lines: problem 4, run 5, sweep from 6, then
    /// seeds, checks and its one check (line 8 + the sweep's lines).
    private static func claim(run: String, sweep: String = "", problem: String = "name: quadratic, dimension: 4, kappa: 4, zeta: 1, workers: 2") -> String {
        """
        title: t
        source: s
        statement: s
        problem: {\(problem)}
        run: {algorithm: local-sgd, \(run)}
        \(sweep.isEmpty ? "" : "sweep:\n" + sweep.trimmingCharacters(in: .newlines))
        seeds: 1
        checks:
          - {kind: threshold, below: 1e6}
        """
    }

    private func prepared(_ text: String) throws -> [Result<ClaimRunner.PreparedPoint, CellFailure>] {
        let claim = try ClaimParser.parse(text: text, file: "c.yaml")
        return ClaimRunner(threads: 1).prepare(claim, claim.gridPoints)
    }

    // MARK: - keys in expressions

    /// The naming rule: '-' → '_'; every numeric key of problem: and run: is a known name, and a key written with
    /// '-' is read as a subtraction, so the error names the first part and lists the '_' spelling.
    func testNamingRule() throws {
        XCTAssertEqual(SettingNames.name(of: "samples-per-worker"), "samples_per_worker")
        let known = Set(Expression.variables.map(\.name))
        for key in SettingNames.problemKeys + SettingNames.runKeys {
            XCTAssertTrue(known.contains(SettingNames.name(of: key)), key)
            XCTAssertTrue(ProblemKeys.all.contains(key) || RunKeys.all.contains(key), "\(key) is a claim key")
        }
        XCTAssertEqual(try Expression(parsing: "hessian_spread + label_flip * every").names, ["hessian_spread", "label_flip", "every"])
        XCTAssertThrowsError(try Expression(parsing: "hessian-spread")) { error in
            XCTAssertTrue("\(error)".contains("unknown name 'hessian' (a key's '-' is written '_' in expressions: did you mean hessian_spread?)"), "\(error)")
            XCTAssertTrue("\(error)".contains("hessian_spread"), "the message lists the known names: \(error)")
        }
    }

    /// `steps: 100*every` (every = 5 → 500), `tau: 2*batch` (batch = 3 → 6), `lr: 0.1/noise` swept over noise ∈ {2, 4}
    /// (0.05, 0.025), `lr: inv:…` with `zeta` and `workers`; the bindings the checks see carry every key, with
    /// defaults for keys not given (hessian-spread 0, label-flip 0.1) and none for `lambda` (no default).
    func testRunAndProblemKeysAreBound() throws {
        let text = Self.claim(run: "steps: 100*every, every: 5, batch: 3, tau: 2*batch, lr: 0.1/noise",
                              sweep: "  problem.noise: [2, 4]\n")
        let points = try prepared(text).map { try $0.get() }
        XCTAssertEqual(points.map(\.run.steps), [500, 500])
        XCTAssertEqual(points.map(\.run.tau), [6, 6])
        XCTAssertEqual(points.map(\.run.stepSize), [.constant(0.05), .constant(0.025)])
        let b = points[1].bindings
        XCTAssertEqual(b["noise"], 4)
        XCTAssertEqual(b["every"], 5)
        XCTAssertEqual(b["batch"], 3)
        XCTAssertEqual(b["B"], 3)
        XCTAssertEqual(b["steps"], 500)
        XCTAssertEqual(b["T"], 500)
        XCTAssertEqual(b["workers"], 2)
        XCTAssertEqual(b["p"], 2)
        XCTAssertEqual(b["hessian_spread"], 0)
        XCTAssertEqual(b["label_flip"], 0.1)
        XCTAssertEqual(b["dimension"], 4)
        XCTAssertNil(b["lambda"])
        let inverse = try prepared(Self.claim(run: "steps: 100, lr: inv:4/mu:zeta*workers+4")).map { try $0.get() }
        XCTAssertEqual(inverse[0].run.stepSize, .inverseTime(a: 4 / inverse[0].bindings["mu"]!, b: 1 * 2 + 4))
    }

    /// A name without a value where it is evaluated is one error naming the key, the setting, its line and what is
    /// known, before anything runs: `lambda` not given (no default), T inside `steps` (evaluated first), tau inside
    /// `tau`. A problem's named constant it does not have (R of a quadratic) is known only once the problem is built:
    /// the grid point fails with the same message.
    func testUnboundNamesAreClearErrors() throws {
        let logistic = "name: logistic, dimension: 4, samples-per-worker: 20, workers: 2"
        assertError(Self.claim(run: "steps: 10, lr: 1/lambda", problem: logistic), line: 5,
                    contains: "run.lr = '1/lambda': 'lambda' (problem.lambda) has no value when run.lr is evaluated")
        assertError(Self.claim(run: "steps: 2*T"), line: 5, contains: "run.steps = '2*T': 'T' has no value when run.steps is evaluated")
        assertError(Self.claim(run: "steps: 10, tau: tau + 1"), line: 5, contains: "'tau' (run.tau) has no value when run.tau is evaluated")
        assertError(Self.claim(run: "steps: 10, lr: 1/lamda"), line: 5, contains: "unknown name 'lamda'")
        XCTAssertNoThrow(try ClaimParser.parse(text: Self.claim(run: "steps: 10, lr: 1/lambda", problem: logistic + ", lambda: 0.5"), file: "c.yaml"))
        guard case let .failure(failure) = try prepared(Self.claim(run: "steps: 10, lr: 1/R"))[0] else { return XCTFail("1/R evaluated") }
        XCTAssertTrue(failure.message.hasPrefix("c.yaml:5: run.lr = '1/R': 'R' has no value when run.lr is evaluated"), failure.message)
        XCTAssertTrue(failure.message.contains("names known here: B, L, T, bandwidth, batch,"), failure.message)
    }

    // MARK: - zipped axes

    /// `zip:` pairs values: problem.seed × (steps, every) zipped gives 2 × 3 points, seed slowest, each zipped
    /// axis its own column; the grid label without run.steps drops its partner run.every too.
    func testZipPairsValuesAndCombinesAsAProduct() throws {
        let text = Self.claim(run: "lr: 0.01", sweep: "  problem.seed: [1, 2]\n  zip: {run.steps: [20, 40, 60], run.every: [2, 4, 6]}\n")
        let claim = try ClaimParser.parse(text: text, file: "c.yaml")
        XCTAssertEqual(claim.sweep.map(\.name), ["problem.seed", "run.steps", "run.every"])
        let points = claim.gridPoints
        XCTAssertEqual(points.map(\.label), [
            "problem.seed=1, run.steps=20, run.every=2", "problem.seed=1, run.steps=40, run.every=4", "problem.seed=1, run.steps=60, run.every=6",
            "problem.seed=2, run.steps=20, run.every=2", "problem.seed=2, run.steps=40, run.every=4", "problem.seed=2, run.steps=60, run.every=6",
        ])
        XCTAssertEqual(points[4].label(excluding: ["run.steps"]), "problem.seed=2")
        XCTAssertEqual(points[4].label(excluding: ["problem.seed"]), "run.steps=40, run.every=4")
        // Several zips: a list of mappings, one dimension each (2 × 2 points).
        let two = Self.claim(run: "lr: 0.01, batch: 1", sweep: "  zip:\n    - {run.steps: [20, 40], run.every: [2, 4]}\n    - {problem.seed: [1, 2], problem.noise: [1, 3]}\n")
        XCTAssertEqual(try ClaimParser.parse(text: two, file: "c.yaml").gridPoints.map(\.label), [
            "run.steps=20, run.every=2, problem.seed=1, problem.noise=1", "run.steps=20, run.every=2, problem.seed=2, problem.noise=3",
            "run.steps=40, run.every=4, problem.seed=1, problem.noise=1", "run.steps=40, run.every=4, problem.seed=2, problem.noise=3",
        ])
    }

    /// Unequal lengths, a zip of one axis, an axis given twice and an unknown key are errors at their line.
    func testZipErrors() {
        let sweep = "  zip: {run.steps: [20, 40, 60], run.every: [2, 4]}\n"
        assertError(Self.claim(run: "lr: 0.01", sweep: sweep), line: 7,
                    contains: "zipped axes vary together and need equal lengths: run.steps has 3 values, run.every has 2")
        assertError(Self.claim(run: "lr: 0.01", sweep: "  zip: {run.steps: [20, 40]}\n"), line: 7, contains: "zip needs at least two axes")
        assertError(Self.claim(run: "lr: 0.01", sweep: "  run.steps: [20]\n  zip: {run.steps: [20, 40], run.every: [2, 4]}\n"), line: 8,
                    contains: "sweep axis 'run.steps' is given twice")
        assertError(Self.claim(run: "lr: 0.01", sweep: "  zip: {run.steps: [20, 40], run.colour: [2, 4]}\n"), line: 7,
                    contains: "sweep axis 'run.colour' must be problem.KEY or run.KEY")
        assertError(Self.claim(run: "lr: 0.01", sweep: "  zip: 3\n"), line: 7, contains: "sweep zip must be a mapping")
    }

    /// A zip counts once toward the grid limit: three zipped axes of 200 values and a 40-value axis are 8,000
    /// points (allowed), though their product would be 320 million; two 200-value axes not zipped × 40 = 1.6 million are refused.
    func testZipCountsOnceTowardTheGridLimit() throws {
        let values = "[" + (1...200).map(String.init).joined(separator: ", ") + "]"
        let seeds = "[" + (1...40).map(String.init).joined(separator: ", ") + "]"
        let zipped = Self.claim(run: "lr: 0.01", sweep: "  problem.seed: \(seeds)\n  zip: {run.steps: \(values), run.every: \(values), run.staleness: \(values)}\n")
        XCTAssertEqual(try ClaimParser.parse(text: zipped, file: "c.yaml").gridPoints.count, 8_000)
        let product = Self.claim(run: "lr: 0.01", sweep: "  problem.seed: \(seeds)\n  run.steps: \(values)\n  run.every: \(values)\n")
        assertError(product, line: 6, contains: "more than 10000 points")
    }

    /// A control may give new values to zipped axes together (its own zip of the same axes), not to one of them
    /// alone with another length, and may not zip axes the claim does not zip.
    func testControlsKeepTheClaimsZips() throws {
        let base = Self.claim(run: "lr: 0.01", sweep: "  problem.seed: [1, 2]\n  zip: {run.steps: [20, 40, 60], run.every: [2, 4, 6]}\n")
        let good = base + "\ncontrols:\n  - {name: short, why: w, sweep: {zip: {run.steps: [10], run.every: [1]}}}\n"
        let control = try ClaimParser.parse(text: good, file: "c.yaml").controls[0]
        XCTAssertEqual(control.claim.gridPoints.map(\.label), ["problem.seed=1, run.steps=10, run.every=1", "problem.seed=2, run.steps=10, run.every=1"])
        assertError(base + "\ncontrols:\n  - {name: short, why: w, sweep: {run.steps: [10]}}\n", line: 13,
                    contains: "run.steps has 1 values, run.every has 3; give every axis of the claim's zip the same number of values")
        assertError(base + "\ncontrols:\n  - {name: mix, why: w, sweep: {zip: {problem.seed: [3], run.steps: [10]}}}\n", line: 13,
                    contains: "the control zips problem.seed, run.steps, which the claim does not zip together")
    }

    /// End to end: a zipped claim runs each (steps, every) pair (the trajectory ends at its own T, with T/every + 1
    /// checkpoints), trajectories.csv has both zipped columns, the cell cache holds one file per cell and a second run
    /// reads them, and two shards together run every cell once.
    func testZippedClaimRunsCachesAndShards() throws {
        let text = Self.claim(run: "lr: 0.05, batch: 1", sweep: "  zip: {run.steps: [20, 40], run.every: [5, 20]}\n")
        let claim = try ClaimParser.parse(text: text, file: "zip.yaml")
        let dir = CLI.temporaryPath("zip")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = try ClaimRunner(threads: 2, cacheDirectory: dir + "/cache").run(claim)
        XCTAssertEqual(data.points.map { $0.runs[0].result.checkpoints.map(\.iteration) }, [[0, 5, 10, 15, 20], [0, 20, 40]])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/cache/zip").count, 2)
        _ = try ClaimRunner(threads: 1).sweep(claim, reports: dir + "/reports")
        let csv = try String(contentsOfFile: dir + "/reports/zip/trajectories.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(csv[0].hasPrefix("claim,run.steps,run.every,seed,"), String(csv[0]))
        XCTAssertTrue(csv.contains { $0.hasPrefix("zip,40,20,1,40,") }, "the last checkpoint of (40, 20)")
        var cached = ClaimRunner(threads: 1, cacheDirectory: dir + "/cache")
        cached.requireCached = true
        XCTAssertEqual(try cached.run(claim).points.map { $0.runs[0].result.checkpoints.count }, [5, 3])
        let shards = try (0..<2).map { try ClaimRunner(threads: 1, cacheDirectory: dir + "/shards").runShare(claim, of: ShardPlan(Shard(index: $0, count: 2)!)).cells }
        XCTAssertEqual(shards.reduce(0, +), 2)
    }
}
