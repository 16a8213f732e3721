/// A long-format CSV table: one header row, then one row per record; no comment preamble.
///
/// Bytes are deterministic: numbers use the shortest text that parses back to the same `Double`
/// bit for bit ("0.1", "1e-300", "-0.0", "nan", "inf"), text is quoted per RFC 4180 only when needed,
/// rows end with "\n" (LF) including the last one.
public struct CSVDocument: Sendable {
    /// The header: one name per column.
    public let columns: [String]
    /// The rows appended so far, each with `columns.count` cells.
    public private(set) var rows: [[CSVValue]] = []

    /// An empty document with the given header.
    public init(columns: [String]) {
        self.columns = columns
    }

    /// Appends one row; throws `ReportError.rowWidth` unless it has exactly one cell per column.
    public mutating func append(_ row: [CSVValue]) throws {
        guard row.count == columns.count else {
            throw ReportError.rowWidth(report: "CSV", row: rows.count + 1, expected: columns.count, got: row.count)
        }
        rows.append(row)
    }

    /// The whole file: header line and row lines, each terminated by "\n".
    public var text: String {
        var result = columns.map(CSVValue.quotedIfNeeded).joined(separator: ",") + "\n"
        for row in rows {
            result += row.map(\.field).joined(separator: ",")
            result += "\n"
        }
        return result
    }

    /// Writes `text` to `path` atomically (see `AtomicFile`).
    public func write(to path: String) throws {
        try AtomicFile.write(text, to: path)
    }
}
