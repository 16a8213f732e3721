/// Escaping of text for XML 1.0 documents (SVG, JUnit XML) and HTML.
public enum XMLText {
    /// `text` escaped for use as character data: `&`, `<`, `>` become entity references, and
    /// characters that XML 1.0 forbids (C0 controls other than tab/newline/return, U+FFFE, U+FFFF)
    /// become U+FFFD so that the document stays well-formed.
    public static func content(_ text: String) -> String { escape(text, inAttribute: false) }

    /// `text` escaped for use inside a double-quoted attribute value: as `content`, plus `"` and `'`,
    /// and tab/newline/return as character references so that attribute normalization keeps them.
    public static func attribute(_ text: String) -> String { escape(text, inAttribute: true) }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            case "'" where inAttribute: result += "&apos;"
            case "\t" where inAttribute: result += "&#9;"
            case "\n" where inAttribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
