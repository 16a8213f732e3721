/// A short, printable excerpt of untrusted text for an error message: control characters (and
/// anything that is not printable) become `?`, and at most `limit` characters are kept (then `…`).
/// Messages about a file quote this, never the file's text itself, so a report cannot leak a file
/// that merely was named as data.
public enum Excerpt {
    /// Characters quoted at most.
    public static let limit = 20

    /// `text` sanitised and cut to `limit` characters.
    public static func of<S: StringProtocol>(_ text: S) -> String {
        let printable = text.prefix(limit).map { c -> Character in
            c.unicodeScalars.allSatisfy { $0.properties.generalCategory.isPrintable } ? c : "?"
        }
        return String(printable) + (text.count > limit ? "…" : "")
    }
}

private extension Unicode.GeneralCategory {
    /// Letters, marks, numbers, punctuation, symbols and the space; not controls, formats or separators.
    var isPrintable: Bool {
        switch self {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: return false
        default: return true
        }
    }
}
