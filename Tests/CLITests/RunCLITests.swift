import Foundation
import TestSupport
import XCTest

/// End-to-end tests of `ratelab run` on the built binary.
final class RunCLITests: XCTestCase {
    /// A small stochastic run on a synthetic quadratic (d = 5, p = 4, 40 iterations, checkpoints every 5):
    /// noisy gradients and exponential compute times, so the random streams matter.
    private func quadraticRun(csv: String, _ extra: [String] = []) -> [String] {
        ["run", "--problem", "quadratic", "--dim", "5", "--workers", "4", "--noise", "0.5", "--algorithm", "local-sgd",
         "--tau", "2", "--steps", "40", "--batch", "4", "--lr", "0.05", "--compute", "exp:1", "--every", "5",
         "--seed", "7", "--csv", csv] + extra
    }

    /// The CSV's rows as cell arrays (header excluded).
    private func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    private func removeOutputs(_ csv: String) {
        try? FileManager.default.removeItem(atPath: csv)
        try? FileManager.default.removeItem(atPath: csv + ".json")
    }

    func testRunWritesCSVAndSidecar() throws {
        let csv = CLI.temporaryPath("run", extension: "csv")
        defer { removeOutputs(csv) }
        let outcome = try CLI.run(quadraticRun(csv: csv))
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssert(outcome.stdout.contains("final gap") && outcome.stdout.contains("status      completed"), outcome.stdout)

        let text = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").first,
                       "problem,algorithm,workers,topology,tau,batch,lr,seed,iteration,sim_time,grad_evals,rounds,messages,dropped,bytes,gap,grad_norm_sq,dist_sq,consensus,status")
        let table = rows(text)
        // 40 iterations recorded every 5, plus iteration 0.
        XCTAssertEqual(table.map { Int($0[8])! }, Array(stride(from: 0, through: 40, by: 5)))
        // The settings columns: problem, algorithm, workers, topology, tau, batch, lr, seed.
        XCTAssert(table.allSatisfy { $0[..<8] == ["quadratic", "local-sgd", "4", "ring", "2", "4", "0.05", "7"] && $0[19] == "completed" })

        let sidecarText = try String(contentsOfFile: csv + ".json", encoding: .utf8)
        let sidecar = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sidecarText.utf8)) as? [String: Any])
        // f* is read from its text with Double(String), which rounds correctly: JSONSerialization of
        // swift-corelibs-foundation does not (it read "-1.425786709051758" as −1.4257867090517586, 3 ulp
        // off), and the comparison below is exact.
        let fStarText = try XCTUnwrap(sidecarText.firstMatch(of: #/"f_star" : (-?[0-9.e+-]+)/#)?.1)
        let fStar = try XCTUnwrap(Double(String(fStarText)))
        // f = ½xᵀAx − bᵀx has f(0) = 0 exactly, and every run starts at x⁰ = 0, so the first gap
        // f(x⁰) − f* is −f* bit for bit (0 − f* is exact): an independent check of the stored f*.
        XCTAssertEqual(Double(table[0][15]), -fStar)
        XCTAssertLessThan(fStar, 0) // f* = −½bᵀA⁻¹b < 0 for A ≻ 0, b ≠ 0
        XCTAssertEqual(sidecar["seed"] as? Int, 7)
        XCTAssertEqual(sidecar["status"] as? String, "completed")
        XCTAssertEqual(sidecar["version"] as? String, "0.1.0")
        XCTAssertEqual((sidecar["run"] as? [String: Any])?["tau"] as? Int, 2)
        XCTAssertEqual((sidecar["problem"] as? [String: Any])?["workers"] as? Int, 4)
        XCTAssertEqual((sidecar["final"] as? [String: Any])?["iteration"] as? Int, 40)
    }

    func testSameFlagsGiveByteIdenticalCSV() throws {
        let first = CLI.temporaryPath("run-a", extension: "csv"), second = CLI.temporaryPath("run-b", extension: "csv")
        defer { removeOutputs(first); removeOutputs(second) }
        XCTAssertEqual(try CLI.run(quadraticRun(csv: first)).status, 0)
        XCTAssertEqual(try CLI.run(quadraticRun(csv: second)).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first)), try Data(contentsOf: URL(fileURLWithPath: second)))
    }

    /// The BLAS thread setting of the environment (unset, 1, 2) and `--threads` (1, 2) do not change a
    /// byte of the CSV: the binary runs its BLAS on one thread whatever `OPENBLAS_NUM_THREADS` says, and
    /// the workers' arithmetic does not depend on the thread that runs it. Logistic regression on real
    /// data goes through BLAS (gemv on a 569×30 design); local SGD is synchronous (spread over
    /// `--threads`), R-FAST asynchronous.
    func testBLASThreadsAndThreadsDoNotChangeCSV() throws {
        let environments: [(set: [String: String], unset: [String])] = [
            ([:], ["OPENBLAS_NUM_THREADS"]), (["OPENBLAS_NUM_THREADS": "1"], []), (["OPENBLAS_NUM_THREADS": "2"], []),
        ]
        for algorithm in ["local-sgd", "rfast"] {
            var outputs = [String: Data]()
            for (k, environment) in environments.enumerated() {
                for threads in ["1", "2"] {
                    let csv = CLI.temporaryPath("threads", extension: "csv")
                    defer { removeOutputs(csv) }
                    let outcome = try CLI.run(
                        ["run", "--problem", "logistic", "--data", "data/breast-cancer.svm", "--lambda", "1e-3", "--workers", "4",
                         "--algorithm", algorithm, "--steps", "30", "--batch", "16", "--lr", "0.05", "--compute", "exp:1",
                         "--loss", "0.1", "--every", "1", "--threads", threads, "--csv", csv],
                        environment: environment.set, unset: environment.unset)
                    XCTAssertEqual(outcome.status, 0, outcome.stderr)
                    outputs["environment \(k), --threads \(threads)"] = try Data(contentsOf: URL(fileURLWithPath: csv))
                }
            }
            let reference = try XCTUnwrap(outputs["environment 0, --threads 1"])
            XCTAssertGreaterThan(reference.count, 1000, "31 checkpoints written")
            for (setting, data) in outputs { XCTAssertEqual(data, reference, "\(algorithm), \(setting)") }
        }
    }

    func testTargetIsTheFirstCheckpointBelowIt() throws {
        let csv = CLI.temporaryPath("target", extension: "csv")
        defer { removeOutputs(csv) }
        let outcome = try CLI.run(quadraticRun(csv: csv, ["--target", "0.5"]))
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let first = try XCTUnwrap(rows(try String(contentsOfFile: csv, encoding: .utf8)).first { Double($0[15])! <= 0.5 })
        XCTAssert(outcome.stdout.contains("at iteration \(first[8]),"), outcome.stdout)
        let sidecar = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: csv + ".json")))
            as? [String: Any])
        XCTAssertEqual((sidecar["target"] as? [String: Any])?["iteration"] as? Int, Int(first[8]))
    }

    func testDivergedRunWritesCSVAndExits3() throws {
        let csv = CLI.temporaryPath("diverged", extension: "csv")
        defer { removeOutputs(csv) }
        // Step 1 on a quadratic with L = 100 multiplies the top eigen-component by |1 − 100| = 99 per step:
        // past the blow-up threshold (10⁸ × the initial gap) within a few checkpoints.
        let outcome = try CLI.run(["run", "--problem", "quadratic", "--dim", "4", "--L", "100", "--workers", "2",
                                   "--algorithm", "sgd-allreduce", "--steps", "100", "--lr", "1", "--every", "1", "--csv", csv])
        XCTAssertEqual(outcome.status, 3, outcome.stderr)
        XCTAssert(outcome.stdout.contains("DIVERGED at iteration"), outcome.stdout)
        let table = rows(try String(contentsOfFile: csv, encoding: .utf8))
        XCTAssert(table.allSatisfy { $0[19] == "diverged" })
        XCTAssertLessThan(table.count, 101, "the run stops at divergence")
        XCTAssert(outcome.stdout.contains("DIVERGED at iteration \(table.last![8])"), outcome.stdout)
    }

    func testBadInputExits2NamingTheParameterAndWritesNothing() throws {
        let badData = CLI.temporaryPath("bad", extension: "svm")
        try "+1 1:0.5 2:1\n-1 1:0.5 2:oops\n".write(toFile: badData, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: badData) }
        let quadratic = ["--problem", "quadratic", "--dim", "3", "--workers", "4", "--steps", "5"]
        let cases: [(arguments: [String], mentions: [String])] = [
            (quadratic + ["--algorithm", "sgdd"], ["algorithm 'sgdd'", "sgd-allreduce", "rfast"]),
            (quadratic + ["--algorithm", "dpsgd", "--topology", "hypercube"], ["hypercube", "ring", "torus"]),
            (quadratic + ["--algorithm", "local-sgd", "--tau", "0"], ["--tau"]),
            (quadratic + ["--algorithm", "local-sgd", "--workers", "0"], ["--workers"]),
            (quadratic + ["--algorithm", "local-sgd", "--lr", "-0.1"], ["--lr"]),
            (quadratic + ["--algorithm", "local-sgd", "--latency", "-1"], ["latency"]),
            (quadratic + ["--algorithm", "local-sgd", "--loss", "1"], ["loss", "[0, 1)"]),
            (quadratic + ["--algorithm", "local-sgd", "--stragglers", "0.125:x"], ["straggler", "0.125:x"]),
            (quadratic + ["--algorithm", "rfast", "--topology", "ring", "--push-topology", "tree:0"],
             ["--push-topology", "common root", "--break-common-root"]),
            (["--algorithm", "local-sgd", "--problem", "logistic", "--data", badData, "--workers", "2", "--steps", "5"], ["\(badData):2:"]),
        ]
        for (arguments, mentions) in cases {
            let csv = CLI.temporaryPath("bad-input", extension: "csv")
            defer { removeOutputs(csv) }
            let outcome = try CLI.run(["run"] + arguments + ["--csv", csv])
            XCTAssertEqual(outcome.status, 2, "\(arguments): \(outcome.stderr)")
            for text in mentions { XCTAssert(outcome.stderr.contains(text), "\(arguments): '\(text)' not in \(outcome.stderr)") }
            XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, "one message: \(outcome.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: csv), "\(arguments) wrote a CSV")
        }
    }

    func testBrokenCommonRootRunsWhenAskedFor() throws {
        let outcome = try CLI.run(["run", "--problem", "quadratic", "--dim", "3", "--workers", "4", "--steps", "5",
                                   "--algorithm", "rfast", "--topology", "ring", "--push-topology", "tree:0", "--break-common-root"])
        XCTAssertNotEqual(outcome.status, 2, outcome.stderr)
        XCTAssert(outcome.stdout.contains("final gap"), outcome.stdout)
    }

    /// A run asked for 10⁸ steps is stopped by SIGINT at its next checkpoint: exit 130, and the CSV holds
    /// the run up to there (every row a checkpoint, the last one the iteration named in the message).
    func testInterruptedRunWritesWhatItHas() throws {
        let csv = CLI.temporaryPath("interrupted", extension: "csv")
        defer { for p in [csv, csv + ".json"] { try? FileManager.default.removeItem(atPath: p) } }
        let process = try CLI.start(["run", "--problem", "quadratic", "--dim", "20", "--kappa", "10", "--workers", "2",
                                     "--algorithm", "sgd-allreduce", "--steps", "100000000", "--lr", "0.05",
                                     "--every", "1000", "--csv", csv])
        // Let it get past certification and a few checkpoints.
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.process.processIdentifier, SIGINT)
        let outcome = try process.finish()
        XCTAssertEqual(outcome.status, 130, outcome.stderr)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        XCTAssertGreaterThan(rows.count, 2, "header, iteration 0 and at least one more checkpoint")
        let message = try XCTUnwrap(outcome.stderr.split(separator: "\n").first { $0.contains("interrupted at iteration") })
        let iteration = try XCTUnwrap(message.split(separator: " ").drop { $0 != "iteration" }.dropFirst().first)
        let last = rows.last!.split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(String(last[8]), String(iteration), "the last row is the last checkpoint")
        XCTAssertEqual(last.last, "interrupted", "the status column says the run was stopped")
    }
}
