import RateLabLinalg

/// A labelled data set: n rows of d features and one label per row, read from a LIBSVM file.
///
/// LIBSVM format: one row per line, `label index:value index:value ...`, indices 1-based and
/// each at most once per row (any order); indices not listed are 0 (sparse rows), so a dense row
/// lists every index. Text after `#` is a comment; blank lines are ignored. The feature count d is
/// the largest index seen, or the count the caller gives. Lines end in LF, CRLF or CR; numbers are
/// decimal (no hex floats, nan or inf) and within `ProblemLimits` (magnitude, dimension, n × d).
public struct Dataset: Sendable, Equatable {
    /// n × d, row k the features of the k-th data line, every row on a cache line of its own
    /// (`AlignedRows`: the layout the minibatch kernels read).
    public let features: AlignedRows
    /// The n labels as written (±1, 0/1 or real).
    public let labels: [Double]
    /// Where the rows came from (a file path, or a name for synthetic or in-memory text).
    public let source: String
    /// The 1-based line number of each row in `source` (for error messages about labels).
    public let lines: [Int]

    public init(features: AlignedRows, labels: [Double], source: String, lines: [Int]? = nil) {
        precondition(features.rows == labels.count,
                     "Dataset: \(features.rows) feature rows vs \(labels.count) labels")
        self.features = features
        self.labels = labels
        self.source = source
        self.lines = lines ?? Array(stride(from: 1, through: labels.count, by: 1))
    }

    /// n, the number of rows.
    public var rowCount: Int { features.rows }
    /// d, the number of features.
    public var featureCount: Int { features.cols }

    /// Reads a LIBSVM file. `featureCount` fixes d (an index above it is an error); nil means
    /// d = the largest index in the file.
    public static func read(path: String, featureCount: Int? = nil) throws -> Dataset {
        try parse(text: TextInput.read(path: path), source: path, featureCount: featureCount)
    }

    /// Parses LIBSVM text; `source` names it in error messages.
    public static func parse(text: String, source: String, featureCount: Int? = nil) throws -> Dataset {
        var labels: [Double] = []
        var lines: [Int] = []
        var entries: [[(index: Int, value: Double)]] = []
        var maxIndex = 0
        var lineNumber = 0
        for rawLine in try TextInput.lines(text, source: source) {
            lineNumber += 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let tokens = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let labelToken = tokens.first else { continue }
            if labelToken.contains(":") {
                throw DataError.badToken(file: source, line: lineNumber, token: String(labelToken),
                                         expected: "a label before the first index:value pair")
            }
            let label = try bounded(labelToken, file: source, line: lineNumber)
            var row: [(index: Int, value: Double)] = []
            var seen = Set<Int>()
            for token in tokens.dropFirst() {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw DataError.badToken(file: source, line: lineNumber, token: String(token),
                                             expected: "index:value with a 1-based integer index")
                }
                guard let index = Int(parts[0]) else {
                    throw DataError.badIndex(file: source, line: lineNumber, token: String(token),
                                             expected: "a positive integer")
                }
                guard index >= 1 else {
                    throw DataError.badIndex(file: source, line: lineNumber, token: String(token),
                                             expected: "a positive (1-based) integer")
                }
                guard index <= ProblemLimits.maxDimension else {
                    throw DataError.badIndex(file: source, line: lineNumber, token: String(token),
                                             expected: "an index at most \(ProblemLimits.maxDimension) (RateLab's limit on the dimension)")
                }
                if let d = featureCount, index > d {
                    throw DataError.badIndex(file: source, line: lineNumber, token: String(token),
                                             expected: "an index at most the feature count \(d)")
                }
                guard seen.insert(index).inserted else {
                    throw DataError.duplicateIndex(file: source, line: lineNumber, index: index)
                }
                let value = try bounded(parts[1], file: source, line: lineNumber)
                row.append((index, value))
                maxIndex = max(maxIndex, index)
            }
            labels.append(label)
            lines.append(lineNumber)
            entries.append(row)
        }
        guard !labels.isEmpty else { throw DataError.noData(file: source) }
        let d = featureCount ?? maxIndex
        try ProblemLimits.checkCells(rows: labels.count, columns: d, file: source)
        let features = AlignedRows(rows: labels.count, cols: d) { k, row in
            for (index, value) in entries[k] { row[index - 1] = value }
        }
        return Dataset(features: features, labels: labels, source: source, lines: lines)
    }

    /// The number in `token`, refused beyond `ProblemLimits.maxMagnitude`.
    private static func bounded(_ token: Substring, file: String, line: Int) throws -> Double {
        let value = try NumberToken.parse(token, file: file, line: line)
        guard abs(value) <= ProblemLimits.maxMagnitude else { throw DataError.outOfRange(file: file, line: line, token: String(token)) }
        return value
    }

    /// The labels as ±1 for classification: ±1 labels are kept, 0/1 labels are mapped 0 → −1,
    /// 1 → +1. Anything else (a real value, or 0 mixed with −1) is an error naming its line.
    public func signedLabels() throws -> [Double] {
        let usesZero = labels.contains(0)
        let expected = usesZero ? "0 or 1 (the file uses 0/1 labels)" : "−1 or +1 (or 0/1 throughout)"
        return try labels.enumerated().map { k, y in
            switch y {
            case 1: return 1
            case -1 where !usesZero: return -1
            case 0: return -1
            default: throw DataError.badLabel(file: source, line: lines[k], label: y, expected: expected)
            }
        }
    }

    /// The rows reordered: row k of the result is row `order[k]` of `self`.
    public func reordered(_ order: [Int]) -> Dataset {
        precondition(order.count == rowCount)
        let m = features.withBaseAddress { base in
            AlignedRows(rows: rowCount, cols: featureCount) { k, row in
                for j in 0..<row.count { row[j] = base[order[k] * features.stride + j] }
            }
        }
        return Dataset(features: m, labels: order.map { labels[$0] }, source: source,
                       lines: order.map { lines[$0] })
    }
}
