/// The rule for a claim's `id:`, which names its report folder and cache files: a plain file name,
/// so that no id can reach outside `--reports` or `--cache`.
enum ClaimID {
    /// The rule in words, for messages.
    static let rule = "expected 1 to 100 characters from A–Z, a–z, 0–9, '.', '_' and '-', not starting with '.'"

    /// Whether `id` follows `rule`.
    static func isValid(_ id: String) -> Bool {
        guard (1...100).contains(id.utf8.count), id.first != "." else { return false }
        return id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
