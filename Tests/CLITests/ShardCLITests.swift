import XCTest
import TestSupport

/// Sharded sweeps end to end with the real launcher: `mpirun -np 4 ratelab check --shard auto` fills a
/// cache, and the merge (`--require-cached`) writes reports byte-identical to a one-process run.
final class ShardCLITests: XCTestCase {
    /// Small claims without data files, with grids, seeds and controls (≈ 3 s in one process).
    private let claims = ["gd-worst-case-rate", "gd-convex-worst-case", "ada-lupa-schedule", "gd-pl-linear"].map { "proofs-numeric/\($0).yaml" }

    /// Runs `executable arguments` in the package root; stdout and stderr (into temporary files) joined.
    private func launch(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        let log = CLI.temporaryPath("mpirun", extension: "log")
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOfFile: log, encoding: .utf8))
    }

    /// Every file under `directory` whose bytes a merge must reproduce (summary, CSVs, plots), by relative path.
    private func reportFiles(_ directory: String) throws -> [String: Data] {
        let names = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: directory))
            // manifest.txt lists the hashes of claim.json and junit.xml, which carry wall-clock seconds.
            .filter { ($0.hasSuffix(".txt") || $0.hasSuffix(".csv") || $0.hasSuffix(".svg")) && $0 != "manifest.txt" }
        return Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\($0)"))) })
    }

    /// The four claims and a small adaptive τ study (`ClaimFixtures.adaptiveTau`, refine: 2), whose (T, p, B)
    /// cells are dealt whole to the ranks with their refinement rounds.
    func testMPIShardsMergeToTheOneProcessReports() throws {
        let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let mpirun else {
            throw XCTSkip("mpirun not found: scripts/install-test-deps.sh (make test-deps) could not install openmpi-bin with apt")
        }
        let dir = CLI.temporaryPath("mpi")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binary = try CLI.binary().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try ClaimFixtures.adaptiveTau.write(toFile: "\(dir)/adaptive-tau.yaml", atomically: true, encoding: .utf8)
        let claims = self.claims + ["\(dir)/adaptive-tau.yaml"]

        let one = try CLI.run(["check"] + claims + ["--reports", "\(dir)/one", "--cache", "\(dir)/one-cache"])
        XCTAssertEqual(one.status, 0, one.stderr)

        let shards = try launch(mpirun, ["--allow-run-as-root", "--oversubscribe", "-np", "4", binary, "check"] + claims
                                    + ["--shard", "auto", "--cache", "\(dir)/shared", "--threads", "1"])
        XCTAssertEqual(shards.status, 0, shards.output)
        let counts = (0..<4).map { k in
            shards.output.split(separator: "\n").first { $0.hasPrefix("shard \(k)/4: ") }
                .flatMap { Int($0.split(separator: " ")[2]) }
        }
        XCTAssertTrue(counts.allSatisfy { ($0 ?? 0) > 0 }, "every rank ran a share: \(shards.output)")
        let cells = { (cache: String) in try FileManager.default.subpathsOfDirectory(atPath: cache).filter { !$0.hasPrefix("optima") && $0.hasSuffix(".json") } }
        let shared = try cells("\(dir)/shared")
        XCTAssertEqual(shared.count, counts.compactMap { $0 }.reduce(0, +), "the shares are disjoint")
        XCTAssertEqual(Set(shared), Set(try cells("\(dir)/one-cache")), "together they are every cell")

        XCTAssertTrue(shared.contains { $0.hasPrefix("adaptive-tau/") })

        let merge = try CLI.run(["check"] + claims + ["--reports", "\(dir)/merged", "--cache", "\(dir)/shared", "--require-cached"])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertEqual(merge.stdout, one.stdout)
        XCTAssertEqual(try cells("\(dir)/shared").count, shared.count, "the merge ran nothing")
        let expected = try reportFiles("\(dir)/one"), merged = try reportFiles("\(dir)/merged")
        XCTAssertEqual(Set(merged.keys), Set(expected.keys))
        XCTAssertTrue(expected.keys.contains("summary.txt") && expected.keys.contains { $0.hasSuffix("trajectories.csv") })
        XCTAssertTrue(["tau_star.csv", "tau_star_fit.csv", "theories.csv", "excess_fit.csv"].allSatisfy { expected.keys.contains("adaptive-tau/\($0)") })
        for (name, bytes) in expected { XCTAssertEqual(merged[name], bytes, "\(name) differs") }
    }

    /// The merge refuses to run what is missing (exit 1, no reports); the options need a cache, `auto` a
    /// launcher, and a shard takes no baseline (exit 2).
    func testMergeWithMissingCellsFailsAndOptionsNeedACache() throws {
        let dir = CLI.temporaryPath("merge")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let share = try CLI.run(["check", claims[0], "--shard", "0/2", "--cache", "\(dir)/cache"])
        XCTAssertEqual(share.status, 0, share.stderr)
        let merge = try CLI.run(["check", claims[0], "--reports", "\(dir)/reports", "--cache", "\(dir)/cache", "--require-cached"])
        XCTAssertEqual(merge.status, 1)
        XCTAssertTrue(merge.stderr.contains("not in the cache"), merge.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/reports"))
        for arguments in [["--shard", "0/2"], ["--require-cached"], ["--shard", "auto", "--cache", "\(dir)/c"],
                          ["--shard", "0/2", "--cache", "\(dir)/c", "--baseline", "proofs-numeric/baseline.json"]] {
            let refused = try CLI.run(["check", claims[0]] + arguments, unset: ["OMPI_COMM_WORLD_RANK", "PMI_RANK", "SLURM_PROCID", "SLURM_ARRAY_TASK_ID"])
            XCTAssertEqual(refused.status, 2, "\(arguments): \(refused.stderr)")
        }
    }
}
