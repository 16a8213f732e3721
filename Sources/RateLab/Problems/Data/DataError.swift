import Foundation

/// A malformed or unreadable data file (LIBSVM or CSV). Every case names the file and, where the
/// problem sits on one line, the 1-based line number, and says what was expected there.
public enum DataError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened or decoded as UTF-8.
    case unreadable(file: String, reason: String)
    /// A token that does not have the expected shape, e.g. `3=0.5` where `index:value` was expected.
    case badToken(file: String, line: Int, token: String, expected: String)
    /// A feature index that is zero, negative or beyond the declared feature count.
    case badIndex(file: String, line: Int, token: String, expected: String)
    /// The same feature index twice on one row.
    case duplicateIndex(file: String, line: Int, index: Int)
    /// A value or label that is not a number.
    case nonNumeric(file: String, line: Int, token: String)
    /// A value or label that parses as NaN or ±infinity.
    case nonFinite(file: String, line: Int, token: String)
    /// The file holds no data rows (only blank lines, comments or a header).
    case noData(file: String)
    /// A CSV file with data rows, none of which meets the selection (`--where`).
    case noMatchingRows(file: String, selection: String)
    /// A CSV row with a different number of cells than the header.
    case raggedRow(file: String, line: Int, cells: Int, expected: Int)
    /// A CSV column name that is not in the header.
    case unknownColumn(file: String, name: String, known: [String])
    /// A label outside the convention the problem needs (e.g. logistic needs ±1 or 0/1).
    case badLabel(file: String, line: Int, label: Double, expected: String)
    /// A NUL byte on the line (binary data, or text after it would be lost).
    case nulByte(file: String, line: Int)
    /// A file, index or matrix beyond `ProblemLimits`: `what` it is and the `limit`.
    case tooLarge(file: String, what: String, limit: String)
    /// A value whose magnitude exceeds `ProblemLimits.maxMagnitude`.
    case outOfRange(file: String, line: Int, token: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)"
        case let .badToken(file, line, token, expected):
            return "\(file):\(line): malformed token '\(Excerpt.of(token))', expected \(expected)"
        case let .badIndex(file, line, token, expected):
            return "\(file):\(line): bad feature index in '\(Excerpt.of(token))', expected \(expected)"
        case let .duplicateIndex(file, line, index):
            return "\(file):\(line): feature index \(index) appears twice on the row, expected each index at most once"
        case let .nonNumeric(file, line, token):
            return "\(file):\(line): '\(Excerpt.of(token))' is not a number, expected a decimal number (no hex, nan or inf)"
        case let .nonFinite(file, line, token):
            return "\(file):\(line): '\(Excerpt.of(token))' is not finite, expected a finite number"
        case let .noData(file):
            return "\(file): no data rows, expected at least one"
        case let .noMatchingRows(file, selection):
            return "\(file): no data row has \(Excerpt.of(selection)), expected at least one"
        case let .raggedRow(file, line, cells, expected):
            return "\(file):\(line): row has \(cells) cells, expected \(expected) (one per header column)"
        case let .unknownColumn(file, name, known):
            return "\(file): no column named '\(Excerpt.of(name))', expected one of: \(known.prefix(20).map(Excerpt.of).joined(separator: ", "))"
        case let .badLabel(file, line, label, expected):
            return "\(file):\(line): label \(label) is not allowed, expected \(expected)"
        case let .nulByte(file, line):
            return "\(file):\(line): NUL byte, expected text"
        case let .tooLarge(file, what, limit):
            return "\(file): \(what) is too large, RateLab reads \(limit)"
        case let .outOfRange(file, line, token):
            return "\(file):\(line): '\(Excerpt.of(token))' exceeds \(String(format: "%g", ProblemLimits.maxMagnitude)) in magnitude, expected rescaled data"
        }
    }
}

/// Parsing helpers shared by the LIBSVM and CSV readers.
enum NumberToken {
    /// The characters a decimal number is written with; hexadecimal floats (`0x1p-2`), `nan` and
    /// `inf` are refused, so a value means the same here as in any other tool.
    private static let decimal = Set("0123456789+-.eE")

    /// The finite decimal Double in `token`, or the `DataError` that says why not.
    static func parse(_ token: Substring, file: String, line: Int) throws -> Double {
        guard token.allSatisfy(decimal.contains), let value = Double(token) else {
            throw DataError.nonNumeric(file: file, line: line, token: String(token))
        }
        guard value.isFinite else { throw DataError.nonFinite(file: file, line: line, token: String(token)) }
        return value
    }

}
