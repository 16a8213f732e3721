import Foundation
import RateLab
import TestSupport
import XCTest

final class DataReaderTests: XCTestCase {
    /// Writes `text` to a fresh temporary file and returns its path.
    private func temporaryFile(_ text: String, suffix: String = ".svm") throws -> String {
        let path = NSTemporaryDirectory() + "ratelab-\(UUID().uuidString)\(suffix)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testLIBSVMSparseDenseCommentsAndAnyOrder() throws {
        let text = "# header comment\n+1 3:2.5 1:-1   # trailing\n\n-1 1:0.5 2:1e-1 3:4\n"
        let data = try Dataset.read(path: try temporaryFile(text))
        XCTAssertEqual(data.rowCount, 2)
        XCTAssertEqual(data.featureCount, 3)
        XCTAssertEqual(data.labels, [1, -1])
        XCTAssertEqual(data.features.matrix.storage, [-1, 0, 2.5, 0.5, 0.1, 4]) // exact: decimal literals parse exactly as Double(_:)
        XCTAssertEqual(data.lines, [2, 4])
        let wide = try Dataset.parse(text: "1 2:1\n", source: "t", featureCount: 5)
        XCTAssertEqual(wide.featureCount, 5)
    }

    func testRealDataFilesHaveDocumentedShape() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let cancer = try Dataset.read(path: root.appendingPathComponent("data/breast-cancer.svm").path)
        XCTAssertEqual([cancer.rowCount, cancer.featureCount], [569, 30])
        XCTAssertEqual(Set(try cancer.signedLabels()), [-1, 1])
        let diabetes = try Dataset.read(path: root.appendingPathComponent("data/diabetes.svm").path)
        XCTAssertEqual([diabetes.rowCount, diabetes.featureCount], [442, 10])
        XCTAssertThrowsError(try diabetes.signedLabels())
    }

    func testLabelConventions() throws {
        XCTAssertEqual(try Dataset.parse(text: "0 1:1\n1 1:2\n", source: "t").signedLabels(), [-1, 1])
        XCTAssertEqual(try Dataset.parse(text: "-1 1:1\n1 1:2\n", source: "t").signedLabels(), [-1, 1])
        assertDataError(try Dataset.parse(text: "-1 1:1\n0 1:2\n", source: "f.svm").signedLabels(), "f.svm:1: label -1.0 is not allowed, expected 0 or 1")
        assertDataError(try Dataset.parse(text: "1 1:1\n\n2.5 1:2\n", source: "f.svm").signedLabels(), "f.svm:3")
    }

    func testMalformedLIBSVMIsRefusedWithFileAndLine() throws {
        let cases: [(String, String)] = [
            ("1 1:1\n1 2=3\n", "bad.svm:2: malformed token '2=3'"),
            ("1 0:1\n", "bad.svm:1: bad feature index"),
            ("1 -2:1\n", "bad.svm:1: bad feature index"),
            ("1 1:1 1:2\n", "bad.svm:1: feature index 1 appears twice"),
            ("1 1:abc\n", "bad.svm:1: 'abc' is not a number"),
            ("1 1:nan\n", "bad.svm:1: 'nan' is not a number"),
            ("yes 1:1\n", "bad.svm:1: 'yes' is not a number"),
            ("# nothing\n\n", "bad.svm: no data rows"),
        ]
        for (text, expected) in cases {
            assertDataError(try Dataset.parse(text: text, source: "bad.svm"), expected)
        }
        assertDataError(try Dataset.parse(text: "1 4:1\n", source: "bad.svm", featureCount: 3), "bad.svm:1")
        assertDataError(try Dataset.read(path: "/nonexistent/x.svm"), "/nonexistent/x.svm")
    }

    func testCSVReadsColumnsAndRefusesMalformedRows() throws {
        let table = try CSVTable.read(path: try temporaryFile("iteration, \"gap\"\n0, 1.5\n\n10,2e-3\n", suffix: ".csv"))
        XCTAssertEqual(table.header, ["iteration", "gap"])
        XCTAssertEqual(try table.column(named: "gap"), [1.5, 2e-3])
        XCTAssertEqual(table.rows, [[0, 1.5], [10, 2e-3]])
        assertDataError(try table.column(named: "gapp"), "no column named 'gapp', expected one of: iteration, gap")
        assertDataError(try CSVTable.parse(text: "a,b\n1,2\n3\n", source: "t.csv"), "t.csv:3: row has 1 cells, expected 2")
        assertDataError(try CSVTable.parse(text: "a,b\n1,\n", source: "t.csv"), "t.csv:2: '' is not a number")
        assertDataError(try CSVTable.parse(text: "a,b\n1,nan\n", source: "t.csv"), "t.csv:2: 'nan' is not a number")
        assertDataError(try CSVTable.parse(text: "a,b\n", source: "t.csv"), "t.csv: no data rows")
    }

    /// Asserts that `body` throws a `DataError` whose description contains `fragment`.
    private func assertDataError<T>(_ body: @autoclosure () throws -> T, _ fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            XCTAssert(error is DataError, "\(error) is not a DataError", line: line)
            XCTAssert("\(error)".contains(fragment), "'\(error)' does not contain '\(fragment)'", line: line)
        }
    }
}
