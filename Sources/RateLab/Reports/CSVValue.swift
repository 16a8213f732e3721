/// One cell of a `CSVDocument`.
///
/// Numbers are written in their shortest round-trip form (see `CSVDocument`), integers in decimal,
/// text quoted per RFC 4180 when needed, and `missing` as an empty field.
public enum CSVValue: Equatable, Sendable,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral
{
    /// A real number; NaN and ±∞ are allowed and written "nan", "inf", "-inf".
    case number(Double)
    /// An exact integer (counts such as `iteration`, `seed`, `messages`).
    case integer(Int)
    /// Free text (names, labels).
    case text(String)
    /// No value: an empty field.
    case missing

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }

    /// The field as it appears in the file.
    var field: String {
        switch self {
        case let .number(value): return NumberText.roundTrip(value)
        case let .integer(value): return String(value)
        case let .text(value): return CSVValue.quotedIfNeeded(value)
        case .missing: return ""
        }
    }

    /// `text` as an RFC 4180 field: enclosed in double quotes (with inner quotes doubled) when it
    /// contains a comma, a double quote, CR or LF, and also when it is empty so that empty text
    /// (`""`) stays distinct from a missing value (nothing); otherwise unchanged.
    static func quotedIfNeeded(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
