import XCTest
@testable import RateLabReports

final class TextTableTests: XCTestCase {
    private func claimSummary() throws -> TextTable {
        var table = TextTable(columns: ["claim", "verdict", "rate", "bound", "margin"], title: "Claim summary")
        try table.append(["gd-strongly-convex", "PASS", "0.9312", "0.95", "0.0188"])
        try table.append(["dsgd-ring-μ", "FAIL", "0.991", "0.98", "-0.011"])
        try table.append(["extra-consensus", "DIVERGED", "nan", "0.9", ""])
        return table
    }

    func testMatchesGoldenFile() throws {
        assertGolden(try claimSummary().render(), named: "summary.txt")
    }

    func testAlignmentAndWidths() throws {
        let table = try claimSummary()
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        XCTAssertEqual(lines.count, 7, "title, header, separator, 3 rows, empty string after the final newline")
        // Column extents from the separator: one dash run per column, as wide as its widest cell ("μ" is one character).
        let separator = lines[2]
        var runs: [Range<Int>] = []
        var index = 0
        while index < separator.count {
            let start = index
            while index < separator.count && separator[index] == "-" { index += 1 }
            runs.append(start..<index)
            index += 2
        }
        XCTAssertEqual(runs.map(\.count), [18, 8, 6, 5, 6])
        let numeric = [false, false, true, true, true]
        for (row, line) in zip(table.rows, lines[3...5]) {
            XCTAssertFalse(line.last == " ", "no trailing spaces")
            for column in runs.indices where !row[column].isEmpty {
                let cell = Array(row[column])
                // Right-aligned cells end at the run's end, left-aligned ones start at its start.
                let start = numeric[column] ? runs[column].upperBound - cell.count : runs[column].lowerBound
                XCTAssertEqual(Array(line[start..<start + cell.count]), cell, "column \(column) of \(String(line))")
            }
        }
    }

    func testRowOfWrongWidthThrows() {
        var table = TextTable(columns: ["a"])
        XCTAssertThrowsError(try table.append(["1", "2"])) { error in
            XCTAssertEqual("\(error)", "text table row 1: expected 1 cells (one per column), got 2")
        }
        XCTAssertEqual(table.render(), "a\n-\n")
    }
}
