import XCTest
@testable import RateLabClaims
import RateLab
import TestSupport

/// Sharded sweeps: `--shard` parsing, the launchers' variables, the deal of cells to shards, and shards
/// that together fill the cache a merge then reads without running anything.
final class ShardTests: XCTestCase {
    func testParsesRankOfSize() throws {
        XCTAssertEqual(try Shard.parse("2/4"), Shard(index: 2, count: 4))
        XCTAssertEqual(try Shard.parse("0/1"), Shard(index: 0, count: 1))
        for bad in ["4/4", "-1/2", "1/0", "1", "a/b", "1/2/3", ""] {
            XCTAssertThrowsError(try Shard.parse(bad), bad)
        }
    }

    /// Open MPI, PMI and srun give the process rank; a Slurm job array (counted from its first id) and a
    /// process launcher inside each task compose; a single-task srun step says nothing.
    func testAutoReadsTheLauncher() throws {
        XCTAssertEqual(try Shard.fromLauncher(["OMPI_COMM_WORLD_RANK": "3", "OMPI_COMM_WORLD_SIZE": "4"]), Shard(index: 3, count: 4))
        XCTAssertEqual(try Shard.fromLauncher(["PMI_RANK": "1", "PMI_SIZE": "2"]), Shard(index: 1, count: 2))
        XCTAssertEqual(try Shard.fromLauncher(["SLURM_PROCID": "5", "SLURM_NTASKS": "8"]), Shard(index: 5, count: 8))
        XCTAssertEqual(try Shard.fromLauncher(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4",
                                               "SLURM_PROCID": "0", "SLURM_NTASKS": "1"]), Shard(index: 2, count: 4))
        XCTAssertEqual(try Shard.fromLauncher(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3",
                                               "SLURM_PROCID": "1", "SLURM_NTASKS": "2"]), Shard(index: 3, count: 6))
        XCTAssertThrowsError(try Shard.fromLauncher([:]))
        XCTAssertThrowsError(try Shard.fromLauncher(["SLURM_PROCID": "0", "SLURM_NTASKS": "1"]))
        XCTAssertThrowsError(try Shard.fromLauncher(["OMPI_COMM_WORLD_RANK": "x", "OMPI_COMM_WORLD_SIZE": "4"]))
        XCTAssertThrowsError(try Shard.fromLauncher(["PMI_RANK": "2", "PMI_SIZE": "2"]))
    }

    /// Every process deals alike and each cell runs in exactly one, whatever order the cells come in; the
    /// loads stay within one cell's cost of each other (longest first to the least loaded), batch after batch.
    func testDealIsAPartitionBalancedByCost() {
        let costs: [Double] = [1, 10, 100, 1000]
        let batches: [[ShardPlan.Cell]] = (0..<5).map { (b: Int) -> [ShardPlan.Cell] in
            (0..<37).map { (i: Int) -> ShardPlan.Cell in
                ShardPlan.Cell(key: UInt64(100 * b + i) &* 0x9E37_79B9_7F4A_7C15, cost: costs[(7 * i + b) % 4])
            }
        }
        let n = 4
        let plans = (0..<n).map { ShardPlan(Shard(index: $0, count: n)!) }
        let reversedPlan = ShardPlan(Shard(index: 0, count: n)!)
        for batch in batches {
            let mine = plans.map { $0.mine(batch) }
            let owners = batch.indices.map { c in (0..<n).filter { mine[$0][c] } }
            XCTAssertTrue(owners.allSatisfy { $0.count == 1 }, "each cell runs in exactly one process")
            XCTAssertEqual(Array(reversedPlan.deal(batch.reversed()).reversed()), owners.map { $0.first ?? -1 }, "input order does not matter")
        }
        XCTAssertEqual(plans[0].dealtCosts, reversedPlan.dealtCosts)
        let loads = plans[0].dealtCosts
        XCTAssertLessThanOrEqual(loads.max()! - loads.min()!, 1000)
        XCTAssertEqual(loads.reduce(0, +), batches.joined().map { $0.cost }.reduce(0, +))
    }

    /// Three shards run disjoint cells that together are the claim's; a run with `requireCached` then finds
    /// every cell in the cache and gives the unsharded outcome, and throws `NotCached` when a shard is missing.
    func testSharesFillTheCacheForTheMerge() throws {
        let dir = CLI.temporaryPath("shards")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let claim = try ClaimParser.parse(text: ClaimFixtures.gdRate, file: "t.yaml")
        func cellFiles() -> Int { ((try? FileManager.default.contentsOfDirectory(atPath: "\(dir)/t")) ?? []).count }
        var counts = [Int]()
        for k in 0..<3 {
            counts.append(try ClaimRunner(threads: 1, cacheDirectory: dir).runShare(claim, of: ShardPlan(Shard(index: k, count: 3)!)).cells)
            if k == 1 {
                var merge = ClaimRunner(threads: 1, cacheDirectory: dir)
                merge.requireCached = true
                XCTAssertThrowsError(try merge.check(claim)) { XCTAssertTrue($0 is ClaimRunner.NotCached, "\($0)") }
                XCTAssertEqual(cellFiles(), counts.reduce(0, +), "a failed merge runs nothing")
            }
        }
        XCTAssertEqual(counts.reduce(0, +), 4)
        XCTAssertEqual(counts.filter { $0 > 0 }.count, 3, "\(counts)")
        var merge = ClaimRunner(threads: 1, cacheDirectory: dir)
        merge.requireCached = true
        let merged = try merge.check(claim), direct = try ClaimRunner(threads: 2).check(claim)
        XCTAssertEqual(cellFiles(), 4)
        XCTAssertEqual(ClaimReports.summary(GateResult(outcomes: [merged])), ClaimReports.summary(GateResult(outcomes: [direct])))
    }

    /// An adaptive τ grid shards by refinement group: each (T, p, B) cell of the tau-scaling check goes whole
    /// to one of three shards, which runs its grid points (both steps of best-over, all seeds) and both rounds of
    /// bisection. The shares are disjoint and together are every cell of a one-process run, refined points
    /// included; the merge (`requireCached`) recomputes the same refined points from the cache, runs nothing and
    /// writes reports byte-identical to the one-process run (summary, trajectories, aggregate, fits, tau_star*,
    /// theories, excess_fit, plots).
    func testAdaptiveGridShardsByRefinementGroup() throws {
        let dir = CLI.temporaryPath("adaptive-shards")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let claim = try ClaimParser.parse(text: ClaimFixtures.adaptiveTau, file: "t.yaml")
        func cellFiles() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/cache/t"))
        }
        let direct = try ClaimRunner(threads: 2, cacheDirectory: "\(dir)/one").check(claim)
        let grid = claim.gridPoints.count
        XCTAssertEqual(grid, 40)
        XCTAssertGreaterThanOrEqual(direct.data.points.count - grid, 4, "the refinement adds points")
        let counts = try (0..<3).map { k in
            try ClaimRunner(threads: 1, cacheDirectory: "\(dir)/cache").runShare(claim, of: ShardPlan(Shard(index: k, count: 3)!)).cells
        }
        XCTAssertEqual(counts.filter { $0 > 0 }.count, 3, "each shard owns a group: \(counts)")
        let allCells = direct.data.points.count * claim.seeds.count
        XCTAssertEqual(counts.reduce(0, +), allCells, "the shares are disjoint and cover every cell")
        XCTAssertEqual(try cellFiles(), Set(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/one/t")))

        var merge = ClaimRunner(threads: 2, cacheDirectory: "\(dir)/cache")
        merge.requireCached = true
        let merged = try merge.check(claim)
        XCTAssertEqual(try cellFiles().count, allCells, "the merge ran nothing")
        XCTAssertEqual(merged.data.points.map(\.point.label), direct.data.points.map(\.point.label))
        try ClaimReports.write(GateResult(outcomes: [direct]), to: "\(dir)/reports-one")
        try ClaimReports.write(GateResult(outcomes: [merged]), to: "\(dir)/reports-merged")
        let names = try FileManager.default.subpathsOfDirectory(atPath: "\(dir)/reports-one")
            .filter { ($0.hasSuffix(".txt") || $0.hasSuffix(".csv") || $0.hasSuffix(".svg")) && $0 != "manifest.txt" }
        for name in ["summary.txt", "t/trajectories.csv", "t/aggregate.csv", "t/fits.csv", "t/tau_star.csv", "t/tau_star_fit.csv",
                     "t/theories.csv", "t/excess_fit.csv"] {
            XCTAssertTrue(names.contains(name), "\(name) in \(names)")
        }
        for name in names {
            XCTAssertEqual(FileManager.default.contents(atPath: "\(dir)/reports-merged/\(name)"),
                           FileManager.default.contents(atPath: "\(dir)/reports-one/\(name)"), "\(name) differs")
        }
    }
}
