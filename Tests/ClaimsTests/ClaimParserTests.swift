import XCTest
@testable import RateLabClaims

/// Good and broken claim files: every error names the file, the line and what was expected.
final class ClaimParserTests: XCTestCase {
    static let good = """
    title: GD rate
    source: classic
    statement: GD contracts.
    problem: {name: quadratic, dimension: 6, kappa: 10, spacing: worst-case}
    run: {algorithm: sgd-allreduce, steps: 60, lr: 1/L, every: 1}
    sweep:
      problem.seed: [1, 2]
    seeds: 2
    checks:
      - {kind: geometric-rate, metric: dist_sq, expected: (1 - mu/L)^2, tolerance: 1e-6, skip: 1}
    """

    func testGoodFile() throws {
        let claim = try ClaimParser.parse(text: Self.good, file: "proofs/gd-rate.yaml")
        XCTAssertEqual(claim.id, "gd-rate")
        XCTAssertEqual(claim.seeds, [1, 2])
        XCTAssertEqual(claim.gridPoints.count, 2)
        XCTAssertEqual(claim.gridPoints[1].problem["seed"]?.text, "2")
        XCTAssertEqual(claim.checks.count, 1)
        XCTAssertEqual(claim.checks[0].metric, .distSq)
    }

    private func assertError(_ text: String, line: Int?, contains fragment: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try ClaimParser.parse(text: text, file: "c.yaml"), file: file, line: lineNumber) { error in
            guard let e = error as? ClaimError else { return XCTFail("\(error)", file: file, line: lineNumber) }
            XCTAssertEqual(e.line, line, "\(e)", file: file, line: lineNumber)
            XCTAssertTrue(e.description.contains(fragment), "\(e)", file: file, line: lineNumber)
            XCTAssertTrue(e.description.hasPrefix("c.yaml"), "\(e)", file: file, line: lineNumber)
        }
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
