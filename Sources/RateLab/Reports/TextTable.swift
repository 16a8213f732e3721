/// A fixed-width plain-text table for terminals and `summary.txt`: an optional title, a header row,
/// a dashed separator line, then the rows.
///
/// Columns are separated by two spaces and sized to their widest cell (width counted in characters).
/// A column whose non-empty body cells all parse as numbers (`Double(cell)`, e.g. "0.93", "-1e-06",
/// "nan", "12") is right-aligned, header included; any other column is left-aligned. Trailing spaces
/// are trimmed and every line ends with "\n", so the output is deterministic.
public struct TextTable: Sendable {
    /// An optional line printed above the header.
    public var title: String?
    /// The header: one name per column.
    public let columns: [String]
    /// The rows appended so far, each with `columns.count` cells.
    public private(set) var rows: [[String]] = []

    /// An empty table with the given header and optional title.
    public init(columns: [String], title: String? = nil) {
        self.columns = columns
        self.title = title
    }

    /// Appends one row; throws `ReportError.rowWidth` unless it has exactly one cell per column.
    public mutating func append(_ row: [String]) throws {
        guard row.count == columns.count else {
            throw ReportError.rowWidth(report: "text table", row: rows.count + 1, expected: columns.count, got: row.count)
        }
        rows.append(row)
    }

    /// The table as text, one "\n"-terminated line per title, header, separator and row.
    public func render() -> String {
        let widths = columns.indices.map { column in
            rows.reduce(columns[column].count) { max($0, $1[column].count) }
        }
        let rightAligned = columns.indices.map { column in
            let body = rows.map { $0[column] }.filter { !$0.isEmpty }
            return !body.isEmpty && body.allSatisfy { Double($0) != nil }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { column -> String in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return rightAligned[column] ? padding + cells[column] : cells[column] + padding
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        var result = title.map { $0 + "\n" } ?? ""
        result += line(columns)
        result += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { result += line(row) }
        return result
    }
}
