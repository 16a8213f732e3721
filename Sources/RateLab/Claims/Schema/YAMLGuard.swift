/// Checks on a claim file's text before YAML parsing: no NUL byte (libyaml would stop reading at it)
/// and no anchors. Anchors and aliases are refused outright: an alias used as a mapping key makes the
/// parser hash an exponentially expanded node (a 480-byte file ran for minutes), and claim files have
/// no need for them.
enum YAMLGuard {
    /// Throws a `ClaimError` with the line of the first NUL byte or anchor (`&name`) in `text`.
    static func check(_ text: String, file: String) throws {
        for (k, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.utf8.contains(0) { throw ClaimError(file: file, line: k + 1, "NUL byte, expected text") }
            if hasAnchor(line) {
                throw ClaimError(file: file, line: k + 1, "YAML anchors and aliases (&name, *name) are not supported in claim files")
            }
        }
    }

    /// Whether `line` has an anchor: `&` followed by a name character where a node may start (at the
    /// start of the line or after a space, `[`, `{`, `,`, `:`, `-` or `?`), outside quotes and comments.
    private static func hasAnchor(_ line: Substring) -> Bool {
        var quote: Character?
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            let next = line.index(after: index)
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                if " [{,:".contains(previous) { quote = c }
            } else if c == "#", previous == " " {
                return false
            } else if c == "&", " [{,:-?".contains(previous), next < line.endIndex,
                      !" ,]}".contains(line[next]) {
                return true
            }
            previous = c
            index = next
        }
        return false
    }
}
