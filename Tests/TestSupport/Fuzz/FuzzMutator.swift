/// Mutations of a valid input into hostile variants: tokens swapped for edge values (huge, negative,
/// non-finite, hex, NUL, other line ends, a byte-order mark, YAML anchors, deep nesting), and lines
/// or ranges deleted, duplicated or shuffled. The same seed gives the same inputs.
public enum FuzzMutator {
    /// Replacement tokens that broke, or could break, a reader.
    public static let edgeTokens = [
        "-1", "0", "1e308", "-1e308", "1e-320", "1.7976931348623157e308", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "1000000000000", "100000000", "1e12", "1e100", "nan", "inf", "-inf", "0x1p-2", "0X10",
        "", " ", "\0", "\r\n", "\r", "\n", "\u{FEFF}", "\u{1B}[31m", "é", "::", ":", "#", "&a [1]", "*a", "? *a",
        "[", "]", "{", "}", "'", "\"", "1/0", "0/0", "2^2000", String(repeating: "(", count: 200),
        String(repeating: "0+", count: 600) + "0", "../../escaped", "/tmp/x", "SECRET-TOKEN-123", "1:1", "3=0.5",
        "1e30", "4294967296", "2147483648", "-0", "+5", "1.", ".5", "5e", "1_000",
    ]

    /// Ordinary replacement values, chosen as often as the edge tokens, so that many mutants stay
    /// valid and reach the code behind the readers.
    public static let plainTokens = ["1", "2", "-1", "0.5", "-0.25", "3.14", "1e-3", "10", "7", "+1", "0"]

    /// `text` with one random mutation (most often) or up to three.
    public static func mutate(_ text: String, using rng: inout FuzzRandom) -> String {
        var result = text
        for _ in 0..<(rng.chance(0.6) ? 1 : Int.random(in: 2...3, using: &rng)) { result = once(result, using: &rng) }
        return result
    }

    private static func once(_ text: String, using rng: inout FuzzRandom) -> String {
        var tokens = tokenize(text)
        guard !tokens.isEmpty else { return rng.pick(edgeTokens) }
        let k = Int.random(in: 0..<tokens.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: tokens[k] = rng.pick(plainTokens)
        case 1: tokens[k] = rng.pick(edgeTokens)
        case 2: tokens.insert(rng.pick(edgeTokens), at: k)
        case 3: tokens.remove(at: k)
        case 4: tokens.insert(contentsOf: tokens[k..<min(tokens.count, k + Int.random(in: 1...8, using: &rng))], at: k)
        default:
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let separator = rng.pick(["\n", "\r\n", "\r"])
            return lines.shuffled(using: &rng).prefix(Int.random(in: 0...lines.count, using: &rng)).joined(separator: separator)
        }
        return tokens.joined()
    }

    /// `text` cut into alternating runs of word characters and single other characters, so that a
    /// mutation replaces a number or name whole and keeps the punctuation around it.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        for c in text {
            if c.isLetter || c.isNumber || c == "." || c == "-" || c == "+" || c == "_" {
                word.append(c)
            } else {
                if !word.isEmpty { tokens.append(word); word = "" }
                tokens.append(String(c))
            }
        }
        if !word.isEmpty { tokens.append(word) }
        return tokens
    }
}
