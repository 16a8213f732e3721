/// A numeric table read from a CSV file with one header row, e.g. a trajectory written by RateLab.
///
/// Cells are separated by commas (surrounding spaces ignored; header names may be double-quoted);
/// blank lines are skipped; lines end in LF, CRLF or CR, and a NUL byte is an error. Every data cell of a column read must be a finite decimal number: an empty
/// cell, a word, `nan` or `inf` is an error naming the file and the 1-based line. Reading only some
/// `columns` leaves the others (labels such as `algorithm` or `status`) unchecked.
public struct CSVTable: Sendable, Equatable {
    /// Names of the columns read, in file order (or in the order asked for).
    public let header: [String]
    /// Data rows, each with `header.count` values.
    public let rows: [[Double]]
    /// Where the table came from, for error messages.
    public let source: String
    /// The 1-based file line of each data row (blank lines are skipped, so rows and lines differ).
    public let lines: [Int]

    /// One condition of a row selection: the cell in `column` equals `value` (numerically when both are
    /// numbers, so `1` matches `1.0`; textually otherwise, surrounding double quotes ignored).
    public struct Condition: Sendable, Equatable {
        public var column: String
        public var value: String

        public init(column: String, value: String) {
            self.column = column
            self.value = value
        }

        /// Whether `cell` (trimmed) satisfies the condition.
        func holds(for cell: Substring) -> Bool {
            let text = cell.count >= 2 && cell.first == "\"" && cell.last == "\"" ? cell.dropFirst().dropLast() : cell
            if let a = Double(text), let b = Double(value) { return a == b }
            return text == value
        }
    }

    /// Reads and parses the CSV file at `path` (all columns, or only `columns`; only the rows meeting
    /// every condition of `selecting`).
    public static func read(path: String, columns: [String]? = nil, selecting conditions: [Condition] = []) throws -> CSVTable {
        try parse(text: TextInput.read(path: path), source: path, columns: columns, selecting: conditions)
    }

    /// Parses CSV text; `source` names it in error messages. With `columns`, only those columns are
    /// read (an unknown name is an error listing the header). With `conditions`, only the rows meeting
    /// all of them are kept (e.g. one series of a sweep CSV); their columns may hold text.
    public static func parse(text: String, source: String, columns: [String]? = nil,
                             selecting conditions: [Condition] = []) throws -> CSVTable {
        var header: [String]?
        var selected: [Int] = [], conditionColumns: [Int] = []
        var rows: [[Double]] = []
        var lines: [Int] = []
        var lineNumber = 0
        for rawLine in try TextInput.lines(text, source: source) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces
            if line.isEmpty { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard let names = header else {
                let all = cells.map { cell in
                    cell.count >= 2 && cell.first == "\"" && cell.last == "\"" ? String(cell.dropFirst().dropLast()) : String(cell)
                }
                selected = try (columns ?? all).map { name in
                    guard let j = all.firstIndex(of: name) else { throw DataError.unknownColumn(file: source, name: name, known: all) }
                    return j
                }
                conditionColumns = try conditions.map { condition in
                    guard let j = all.firstIndex(of: condition.column) else {
                        throw DataError.unknownColumn(file: source, name: condition.column, known: all)
                    }
                    return j
                }
                header = all
                continue
            }
            guard cells.count == names.count else {
                throw DataError.raggedRow(file: source, line: lineNumber, cells: cells.count, expected: names.count)
            }
            guard zip(conditions, conditionColumns).allSatisfy({ $0.holds(for: cells[$1]) }) else { continue }
            rows.append(try selected.map { try NumberToken.parse(cells[$0], file: source, line: lineNumber) })
            lines.append(lineNumber)
        }
        guard let names = header, !rows.isEmpty else {
            if header != nil, !conditions.isEmpty {
                throw DataError.noMatchingRows(file: source, selection: conditions.map { "\($0.column)=\($0.value)" }.joined(separator: ", "))
            }
            throw DataError.noData(file: source)
        }
        return CSVTable(header: columns ?? names, rows: rows, source: source, lines: lines)
    }

    /// The values of the column called `name`, top to bottom.
    public func column(named name: String) throws -> [Double] {
        guard let j = header.firstIndex(of: name) else {
            throw DataError.unknownColumn(file: source, name: name, known: header)
        }
        return rows.map { $0[j] }
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    var trimmingSpaces: Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !blank($0) }), let end = lastIndex(where: { !blank($0) }) else {
            return self[endIndex...]
        }
        return self[start...end]
    }
}
