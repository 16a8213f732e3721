import Foundation
import XCTest
@testable import RateLabClaims

/// The claim-file reproducers of issue 17: every limit and malformed input is a `ClaimError` naming
/// the file, the line and the key, in one line, before anything runs or is allocated.
final class ClaimLimitsTests: XCTestCase {
    private static let good = ClaimParserTests.good

    /// Asserts that parsing `text` fails with a one-line `ClaimError` at `line` containing `fragment`.
    private func assertError(_ text: String, line: Int?, contains fragment: String, lineNumber: UInt = #line) {
        let start = Date()
        XCTAssertThrowsError(try ClaimParser.parse(text: text, file: "c.yaml"), line: lineNumber) { error in
            guard let e = error as? ClaimError else { return XCTFail("\(error)", line: lineNumber) }
            XCTAssertEqual(e.line, line, "\(e)", line: lineNumber)
            XCTAssertTrue(e.description.contains(fragment), "\(e)", line: lineNumber)
            XCTAssertFalse(e.description.contains("\n"), "one line: \(e)", line: lineNumber)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "refused quickly", line: lineNumber)
    }

    private func replacing(_ old: String, _ new: String) -> String {
        precondition(Self.good.contains(old))
        return Self.good.replacingOccurrences(of: old, with: new)
    }

    func testSeedsAreBounded() {
        assertError(replacing("seeds: 2", "seeds: 9223372036854775808"), line: 8, contains: "count in 1…1000")
        assertError(replacing("seeds: 2", "seeds: 1000000000"), line: 8, contains: "count in 1…1000")
        assertError(replacing("seeds: 2", "seeds: [18446744073709551615]"), line: 8, contains: "not an integer in 0…9007199254740991")
        assertError(replacing("seeds: 2", "seeds: [-1]"), line: 8, contains: "not an integer in 0…")
        assertError(replacing("[1, 2]", "[1, -1]"), line: 7, contains: "problem.seed = '-1': expected an integer in 0…")
    }

    func testIntegerSettingsAreBounded() {
        assertError(replacing("skip: 1", "skip: -1"), line: 10, contains: "'skip' expects an integer in 0…")
        assertError(replacing("skip: 1", "skip: 1e30"), line: 10, contains: "'skip' expects an integer in 0…")
        assertError(replacing("dimension: 6", "dimension: 9223372036854775807"), line: 4, contains: "problem.dimension")
        assertError(replacing("kappa: 10", "kappa: 10, workers: 9223372036854775807"), line: 4, contains: "problem.workers")
        assertError(replacing("every: 1", "every: -1"), line: 5, contains: "run.every = '-1': expected an integer in 1…")
        assertError(replacing("lr: 1/L", "lr: 1/L, tau: \"1e30\""), line: 5, contains: "τ must be in 1…")
        assertError(replacing("lr: 1/L", "lr: 1/L, tau: 0"), line: 5, contains: "τ must be in 1…")
        assertError(replacing("lr: 1/L", "lr: 1/0"), line: 5, contains: "run.lr")
        assertError(replacing("name: quadratic", "name: ''"), line: 4, contains: "problem.name = '': expected one of")
    }

    func testExpressionsAreBoundedInLengthAndDepth() {
        let nested = String(repeating: "(", count: 30_000) + "1" + String(repeating: ")", count: 30_000)
        assertError(replacing("lr: 1/L", "lr: \"\(nested)\""), line: 5, contains: "expected at most 1000")
        let deep = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        assertError(replacing("lr: 1/L", "lr: \"\(deep)\""), line: 5, contains: "at most 64 nested levels")
        let sum = String(repeating: "0+", count: 100_000) + "0"
        XCTAssertThrowsError(try Expression(parsing: sum)) { XCTAssert("\($0)".contains("expected at most 1000"), "\($0)") }
    }

    func testGridsAreBounded() {
        let long = (1...100_000).map(String.init).joined(separator: ", ")
        assertError(replacing("[1, 2]", "[\(long)]"), line: 7, contains: "has 100000 values, expected at most 1000")
        let axis = (1...200).map(String.init).joined(separator: ", ")
        let three = replacing("  problem.seed: [1, 2]", "  problem.seed: [\(axis)]\n  run.steps: [\(axis)]\n  run.every: [\(axis)]")
        assertError(three, line: 6, contains: "more than 10000 points")
        let runs = replacing("  problem.seed: [1, 2]", "  problem.seed: [\(axis)]").replacingOccurrences(of: "seeds: 2", with: "seeds: 1000")
        assertError(runs, line: 8, contains: "200 grid points × 1000 seeds")
    }

    func testAliasesNULDuplicatesAndEmptyFilesAreRefused() {
        let lol = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + (1...8).map { "a\($0): &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 10).joined(separator: ", ") + "]\n" }.joined()
            + "? *a8\n: x\n"
        assertError(lol, line: 1, contains: "anchors and aliases")
        assertError(replacing("title: GD rate", "title: GD\0 rate"), line: 1, contains: "NUL byte")
        assertError(replacing("seeds: 2", "seeds: 2\nseeds: 3"), line: 8, contains: "duplicate key 'seeds'")
        assertError("", line: 1, contains: "the file is empty")
        assertError("# only a comment\n", line: 1, contains: "the file is empty")
        XCTAssertNoThrow(try ClaimParser.parse(text: replacing("title: GD rate", "title: \"R&D &co\""), file: "c.yaml"))
    }

    func testNonUTF8FileNamesItsLine() throws {
        let path = NSTemporaryDirectory() + "ratelab-claim-\(UUID().uuidString).yaml"
        try (Data("title: a\nsource: ".utf8) + [0xFF, 0xFE]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try ClaimParser.parse(file: path)) { error in
            XCTAssertEqual((error as? ClaimError)?.line, 2, "\(error)")
            XCTAssert("\(error)".contains("not UTF-8 text"), "\(error)")
        }
    }

    func testIDsAreNamesNotPaths() {
        for id in ["../../escaped-by-id", "a/b", ".hidden", "", "x y", "é"] {
            assertError(replacing("title: GD rate", "id: \"\(id)\"\ntitle: GD rate"), line: 1, contains: "is not a name")
        }
        XCTAssertEqual(try ClaimParser.parse(text: replacing("title: GD rate", "id: gd_rate-2.v1\ntitle: GD rate"), file: "c.yaml").id,
                       "gd_rate-2.v1")
        XCTAssertThrowsError(try ClaimParser.parse(text: Self.good, file: "proofs/...yaml")) {
            XCTAssert("\($0)".contains("is not a claim id"), "\($0)")
        }
    }
}
