import Foundation
import RateLab
import TestSupport
import XCTest

/// In-process fuzzing of the readers (issue 17): mutated LIBSVM files (a share also built into a
/// problem and certified), CSV tables for `fit`, claim files and expressions. Seeded and reproducible:
/// `FUZZ_INPUTS` inputs (default 2,000, the fast subset of `make test`; `make fuzz` runs 10⁵) from
/// `FUZZ_SEED` (default 1). Every input must end as ok or a clean error within `FUZZ_TIME_LIMIT`
/// seconds (default 10); a crash ends the test process itself. The table is printed.
final class ParserFuzzTests: XCTestCase {
    /// One kind of input: its valid seeds and how to run and classify one input.
    private struct Target {
        let kind: String
        let share: Int
        let seeds: [String]
        let run: (String, Int) throws -> FuzzOutcome
    }

    private static func environment(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
    }

    private let scratch = CLI.temporaryPath("fuzz")

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    func testReadersNeverCrashHangOrReturnNonFiniteValues() throws {
        let count = Self.environment("FUZZ_INPUTS", default: 2_000)
        var rng = FuzzRandom(seed: UInt64(Self.environment("FUZZ_SEED", default: 1)))
        let limit = Double(Self.environment("FUZZ_TIME_LIMIT", default: 10))
        let targets = try makeTargets()
        let weights = targets.flatMap { t in Array(repeating: t, count: t.share) }
        var tally = FuzzTally()
        for index in 0..<count {
            let target = rng.pick(weights)
            let input = rng.chance(0.05) ? rng.pick(target.seeds) : FuzzMutator.mutate(rng.pick(target.seeds), using: &rng)
            let start = Date()
            var outcome: FuzzOutcome
            do { outcome = try target.run(input, index) } catch { outcome = .cleanError }
            if Date().timeIntervalSince(start) > limit { outcome = .hang }
            tally.add(target.kind, outcome, input: "#\(index) " + keep(input, index: index))
        }
        print("in-process fuzz, seed \(Self.environment("FUZZ_SEED", default: 1)), \(count) inputs, limit \(limit) s per input:\n" + tally.table())
        XCTAssertEqual(tally.failureCount, 0, tally.failures.joined(separator: "\n"))
        XCTAssertEqual(tally.total, count)
    }

    /// Writes a failing `input` to `<tmp>/ratelab-fuzz-failures/<index>` and returns that path.
    private func keep(_ input: String, index: Int) -> String {
        let directory = NSTemporaryDirectory() + "ratelab-fuzz-failures"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/\(index)"
        try? input.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// The four kinds of input with their seeds (the repository's data and claim files, and small texts).
    private func makeTargets() throws -> [Target] {
        let root = CLI.root.path
        let cancer = try String(contentsOfFile: root + "/data/breast-cancer.svm", encoding: .utf8)
            .split(separator: "\n").prefix(12).joined(separator: "\n") + "\n"
        let diabetes = try String(contentsOfFile: root + "/data/diabetes.svm", encoding: .utf8)
            .split(separator: "\n").prefix(12).joined(separator: "\n") + "\n"
        let claimFiles = try FileManager.default.contentsOfDirectory(atPath: root + "/proofs-numeric")
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try String(contentsOfFile: root + "/proofs-numeric/" + $0, encoding: .utf8) }
        let csv = ["iteration,gap\n0,1\n10,0.5\n20,0.25\n30,0.125\n40,0.0625\n",
                   "algorithm,iteration,sim_time,gap\nlocal-sgd,0,0,2\nlocal-sgd,5,0.1,1\nlocal-sgd,10,0.2,0.4\n"]
        let expressions = ["1/L", "max(1, floor(T^(2/3)/(4*p^(1/3))))", "(1 - mu/L)^2", "sqrt(kappa) * -2^-1", "min(d, B) + exp(log(2))"]
        return [
            Target(kind: "libsvm", share: 7, seeds: [cancer, diabetes, "-1 1:1 2:0.5\n1 1:0.2 2:1\n-1 1:0.3\n1 2:3\n"],
                   run: { [scratch] text, index in try Self.dataset(text, index: index, scratch: scratch) }),
            Target(kind: "csv (fit)", share: 4, seeds: csv, run: { text, _ in
                let table = try CSVTable.parse(text: text, source: "fuzz.csv")
                return table.rows.joined().allSatisfy(\.isFinite) ? .ok : .nonFinite
            }),
            Target(kind: "claim file", share: 7, seeds: claimFiles, run: { text, _ in
                _ = try ClaimParser.parse(text: text, file: "fuzz.yaml")
                return .ok
            }),
            Target(kind: "expression", share: 2, seeds: expressions, run: { text, _ in
                _ = try Expression(parsing: text)
                return .ok
            }),
        ]
    }

    /// Parses a LIBSVM text; every 25th accepted one is also written out, built into a least-squares or
    /// logistic problem and certified, whose constants must then be finite.
    private static func dataset(_ text: String, index: Int, scratch: String) throws -> FuzzOutcome {
        let data = try Dataset.parse(text: text, source: "fuzz.svm")
        guard data.features.matrix.storage.allSatisfy(\.isFinite), data.labels.allSatisfy(\.isFinite) else { return .nonFinite }
        guard index % 25 == 0 else { return .ok }
        let path = scratch + "/\(index).svm"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let name = index % 50 == 0 ? "least-squares" : "logistic"
        let certificate = try Optimum.certify(try ProblemFactory.make(ProblemSpec(name: name, dataPath: path, lambda: 1e-2)))
        let values = [certificate.fStar, certificate.L, certificate.gradNorm] + certificate.xStar
        return values.allSatisfy(\.isFinite) ? .ok : .nonFinite
    }
}
