/// Greedy word wrapping for plot titles and legend names, whose width SVG cannot measure.
enum TextWrap {
    /// `text` split at spaces into lines of at most `maxCharacters` characters; a word longer than that
    /// is cut into pieces of that length. Empty text gives no lines.
    static func lines(_ text: String, maxCharacters: Int) -> [String] {
        let limit = max(1, maxCharacters)
        var lines = [String](), current = ""
        for word in text.split(separator: " ") {
            var word = Substring(word)
            while word.count > limit {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(limit)))
                word = word.dropFirst(limit)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
