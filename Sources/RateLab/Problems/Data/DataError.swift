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
    /// A CSV row with a different number of cells than the header.
    case raggedRow(file: String, line: Int, cells: Int, expected: Int)
    /// A CSV column name that is not in the header.
    case unknownColumn(file: String, name: String, known: [String])
    /// A label outside the convention the problem needs (e.g. logistic needs ±1 or 0/1).
    case badLabel(file: String, line: Int, label: Double, expected: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)"
        case let .badToken(file, line, token, expected):
            return "\(file):\(line): malformed token '\(token)', expected \(expected)"
        case let .badIndex(file, line, token, expected):
            return "\(file):\(line): bad feature index in '\(token)', expected \(expected)"
        case let .duplicateIndex(file, line, index):
            return "\(file):\(line): feature index \(index) appears twice on the row, expected each index at most once"
        case let .nonNumeric(file, line, token):
            return "\(file):\(line): '\(token)' is not a number, expected a decimal number"
        case let .nonFinite(file, line, token):
            return "\(file):\(line): '\(token)' is not finite, expected a finite number"
        case let .noData(file):
            return "\(file): no data rows, expected at least one"
        case let .raggedRow(file, line, cells, expected):
            return "\(file):\(line): row has \(cells) cells, expected \(expected) (one per header column)"
        case let .unknownColumn(file, name, known):
            return "\(file): no column named '\(name)', expected one of: \(known.joined(separator: ", "))"
        case let .badLabel(file, line, label, expected):
            return "\(file):\(line): label \(label) is not allowed, expected \(expected)"
        }
    }
}

/// Parsing helpers shared by the LIBSVM and CSV readers.
enum NumberToken {
    /// The finite Double in `token`, or the `DataError` that says why not.
    static func parse(_ token: Substring, file: String, line: Int) throws -> Double {
        guard let value = Double(token) else {
            throw DataError.nonNumeric(file: file, line: line, token: String(token))
        }
        guard value.isFinite else { throw DataError.nonFinite(file: file, line: line, token: String(token)) }
        return value
    }

    /// The text of the file at `path` as UTF-8.
    static func readText(path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DataError.unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
    }
}
