import ArgumentParser
import Foundation
import RateLab
@testable import RateLabCLI
import TestSupport
import XCTest

/// Plain GD written against the public method API: x_i ← x_i − η_t g_i(x_i) on every worker, then
/// x_i ← x̄ — the same iterates as the built-in `sgd-allreduce` (τ = 1).
final class AveragedGDTestMethod: SynchronousMethod {
    private let x: WorkerMatrix, mean: WorkerMatrix

    init(cluster: Cluster, start: [Double]) {
        x = WorkerMatrix(rows: cluster.workers, cols: cluster.dimension)
        x.broadcast(start)
        mean = WorkerMatrix(rows: 1, cols: cluster.dimension)
    }

    func iterate(_ t: Int, on cluster: Cluster) {
        let d = cluster.dimension, eta = cluster.spec.stepSize.rate(at: t)
        cluster.forEachWorker { i, task in
            let g = cluster.scratch(task: task)
            cluster.gradient(worker: i, at: x.row(i), into: g)
            for k in 0..<d { x.row(i)[k] -= eta * g[k] }
            cluster.spendCompute(worker: i)
        }
        Kernels.average(x, into: mean.row(0))
        x.broadcast(mean.row(0))
        cluster.barrier(communication: cluster.allReduceTime())
    }

    func models(into out: WorkerMatrix) { out.assign(x) }
}

/// The command line as a library: a method registered by the caller is listed and run by name by the
/// same subcommands as the shipped `ratelab`.
final class RateLabCommandTests: XCTestCase {
    private static let registered: Void = {
        try! MethodCatalog.register(.init(name: "cli-test-gd", summary: "GD, models averaged every step (test)") {
            AveragedGDTestMethod(cluster: $0, start: $1)
        })
    }()

    /// `run --algorithm cli-test-gd --csv F` through `RateLabCommand.parseAsRoot`: the CSV names the method
    /// in its algorithm column, and its dist_sq equals `sgd-allreduce`'s (same iterates) to 1e-12 relative.
    func testRunsARegisteredMethodByName() throws {
        RateLabCommandTests.registered
        let listed = ListCommand.render(ListCommand.sections).split(separator: "\n").filter { $0.hasPrefix("  cli-test-gd ") }
        XCTAssertEqual(listed.count, 1)
        XCTAssert(listed.first?.hasSuffix("  GD, models averaged every step (test)") == true, "\(listed)")
        func run(_ algorithm: String) throws -> [[String]] {
            let csv = CLI.temporaryPath("cli-library", extension: "csv")
            defer { try? FileManager.default.removeItem(atPath: csv); try? FileManager.default.removeItem(atPath: csv + ".json") }
            var command = try RateLabCommand.parseAsRoot(
                ["run", "--problem", "quadratic", "--dim", "4", "--kappa", "10", "--workers", "3", "--algorithm", algorithm,
                 "--lr", "0.05", "--steps", "40", "--every", "20", "--threads", "1", "--csv", csv])
            try command.run()
            return try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let custom = try run("cli-test-gd"), builtIn = try run("sgd-allreduce")
        let header = custom[0]
        let algorithm = try XCTUnwrap(header.firstIndex(of: "algorithm")), dist = try XCTUnwrap(header.firstIndex(of: "dist_sq"))
        XCTAssertEqual(custom.count, 4, "header and checkpoints 0, 20, 40")
        XCTAssertEqual(Set(custom.dropFirst().map { $0[algorithm] }), ["cli-test-gd"])
        for (a, b) in zip(custom.dropFirst(), builtIn.dropFirst()) {
            let x = try XCTUnwrap(Double(a[dist])), y = try XCTUnwrap(Double(b[dist]))
            XCTAssertEqual(x, y, accuracy: 1e-12 * y)
        }
        XCTAssertLessThan(Double(custom[3][dist])!, Double(custom[1][dist])!)
    }

    /// An unknown name on the command line: a parse-time `SpecError` naming the known methods.
    func testUnknownAlgorithmIsRefused() throws {
        var command = try RateLabCommand.parseAsRoot(["run", "--problem", "quadratic", "--dim", "4", "--algorithm", "nope"])
        XCTAssertThrowsError(try command.run()) { error in
            XCTAssertEqual(RateLabCommand.exitCode(for: error).rawValue, 2, "\(error)")
        }
    }
}
