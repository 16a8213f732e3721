import XCTest
@testable import RateLabClaims
import TestSupport

/// Good and broken claim files: every error names the file, the line and what was expected.
final class ClaimParserTests: XCTestCase {
    static let good = ClaimFixtures.gdRate

    func testGoodFile() throws {
        let claim = try ClaimParser.parse(text: Self.good, file: "proofs/gd-rate.yaml")
        XCTAssertEqual(claim.id, "gd-rate")
        XCTAssertEqual(claim.seeds, [1, 2])
        XCTAssertEqual(claim.gridPoints.count, 2)
        XCTAssertEqual(claim.gridPoints[1].problem["seed"]?.text, "2")
        XCTAssertEqual(claim.checks.count, 1)
        XCTAssertEqual(claim.checks[0].metric, .distSq)
    }

    func testBrokenFiles() {
        assertError("title: [unclosed\n", line: 2, contains: "YAML syntax error")
        assertError(Self.good.replacingOccurrences(of: "seeds: 2", with: "seeds: 2\ncolour: red"), line: 9, contains: "unknown key 'colour'")
        assertError(Self.good.replacingOccurrences(of: "steps: 60", with: "steps: sixty"), line: 5, contains: "run.steps = 'sixty': expression 'sixty': unknown name 'sixty'")
        assertError(Self.good.replacingOccurrences(of: "[1, 2]", with: "[]"), line: 7, contains: "empty grid")
        assertError(Self.good.replacingOccurrences(of: "geometric-rate", with: "magic"), line: 10, contains: "unknown check kind 'magic'")
        assertError(Self.good.replacingOccurrences(of: "lr: 1/L", with: "lr: 1/Lip"), line: 5, contains: "unknown name 'Lip'")
        assertError(Self.good.replacingOccurrences(of: "lr: 1/L", with: "lr: inv:1/L"), line: 5, contains: "expected one of the forms")
        assertError(Self.good.replacingOccurrences(of: "algorithm: sgd-allreduce", with: "algorithm: sgdd"), line: 5, contains: "known algorithms")
        assertError(Self.good.replacingOccurrences(of: "problem.seed", with: "problem.colour"), line: 7, contains: "problem.KEY or run.KEY")
        assertError(Self.good.replacingOccurrences(of: "metric: dist_sq", with: "metric: loss"), line: 10, contains: "unknown metric 'loss'")
        assertError(Self.good.replacingOccurrences(of: "title: GD rate\n", with: ""), line: 1, contains: "missing required key 'title'")
        assertError(Self.good.replacingOccurrences(of: ", expected: (1 - mu/L)^2", with: ""), line: 10, contains: "exactly one of")
        assertError(Self.good.replacingOccurrences(of: "spacing: worst-case", with: "spacing: odd"), line: 4, contains: "expected one of")
    }
}

extension XCTestCase {
    /// Asserts that `text`, parsed as c.yaml, is refused with a `ClaimError` at `line` whose message names
    /// the file and contains `fragment`.
    func assertError(_ text: String, line: Int?, contains fragment: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try ClaimParser.parse(text: text, file: "c.yaml"), file: file, line: lineNumber) { error in
            guard let e = error as? ClaimError else { return XCTFail("\(error)", file: file, line: lineNumber) }
            XCTAssertEqual(e.line, line, "\(e)", file: file, line: lineNumber)
            XCTAssertTrue(e.description.contains(fragment), "\(e)", file: file, line: lineNumber)
            XCTAssertTrue(e.description.hasPrefix("c.yaml"), "\(e)", file: file, line: lineNumber)
        }
    }
}

/// Input that is valid on its own but cannot be what was meant: caught at parse time with file, line and key.
final class ClaimInputTests: XCTestCase {
    private func assertError(_ text: String, file: String = "c.yaml", line: Int, contains fragments: [String],
                             sourceFile: StaticString = #filePath, sourceLine: UInt = #line) {
        XCTAssertThrowsError(try ClaimParser.parse(text: text, file: file), file: sourceFile, line: sourceLine) { error in
            guard let e = error as? ClaimError else { return XCTFail("\(error)", file: sourceFile, line: sourceLine) }
            XCTAssertEqual(e.line, line, "\(e)", file: sourceFile, line: sourceLine)
            for fragment in fragments { XCTAssert(e.description.contains(fragment), "\(e)", file: sourceFile, line: sourceLine) }
        }
    }

    func testSelectorValueMustBeSwept() {
        let compare = ClaimParserTests.good + "\n  - {kind: compare, numerator: {problem.seed: 3}, denominator: {problem.seed: 1}, at-most: 2}\n"
        assertError(compare, line: 11, contains: ["problem.seed = '3' is not a swept value", "takes 1, 2"])
        let numeric = compare.replacingOccurrences(of: "{problem.seed: 3}", with: "{problem.seed: 2.0}")
        XCTAssertNoThrow(try ClaimParser.parse(text: numeric, file: "c.yaml"), "2.0 is the swept value 2")
    }

    func testSettingWithoutEffectIsAnError() {
        let good = ClaimParserTests.good
        assertError(good.replacingOccurrences(of: "spacing: worst-case}", with: "spacing: worst-case, noise: 1}"), line: 4,
                    contains: ["problem.noise = '1'", "no effect with exact gradients"])
        XCTAssertNoThrow(try ClaimParser.parse(text: good.replacingOccurrences(of: "spacing: worst-case}", with: "spacing: worst-case, noise: 1}")
            .replacingOccurrences(of: "every: 1}", with: "every: 1, batch: 2}"), file: "c.yaml"))
        assertError(good.replacingOccurrences(of: "every: 1}", with: "every: 1, tau: 4}"), line: 5,
                    contains: ["run.tau = '4'", "no effect on sgd-allreduce"])
    }

    /// A data path is relative to the claim file, and must exist.
    func testDataPathIsRelativeToTheClaimFile() throws {
        let dir = NSTemporaryDirectory() + "ratelab-data-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/claims", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "+1 1:0.5 2:1\n-1 1:-0.5 2:2\n".write(toFile: dir + "/data/tiny.svm", atomically: true, encoding: .utf8)
        let text = """
        title: t
        source: s
        statement: s
        problem: {name: logistic, data: ../data/tiny.svm, lambda: 0.1}
        run: {algorithm: sgd-allreduce, steps: 5}
        checks:
          - {kind: threshold, below: 1}
        """
        let claim = try ClaimParser.parse(text: text, file: dir + "/claims/c.yaml")
        XCTAssertEqual(try ProblemKeys.spec(claim.problem, file: claim.file).dataPath, dir + "/data/tiny.svm")
        assertError(text.replacingOccurrences(of: "../data/tiny.svm", with: "data/tiny.svm"), file: dir + "/claims/c.yaml", line: 4,
                    contains: ["problem.data = 'data/tiny.svm'", "no such file \(dir)/claims/data/tiny.svm"])
    }

    func testClaimPathNormalisation() {
        XCTAssertEqual(ClaimPath.resolve("../data/a.svm", claimFile: "proofs-numeric/x.yaml"), "data/a.svm")
        XCTAssertEqual(ClaimPath.resolve("a.svm", claimFile: "x.yaml"), "a.svm")
        XCTAssertEqual(ClaimPath.resolve("../a.svm", claimFile: "x.yaml"), "../a.svm")
        XCTAssertEqual(ClaimPath.resolve("/abs/a.svm", claimFile: "p/x.yaml"), "/abs/a.svm")
        XCTAssertEqual(ClaimPath.resolve("./d/../a.svm", claimFile: "/r/p/x.yaml"), "/r/p/a.svm")
    }
}
