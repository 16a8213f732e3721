import Yams

/// A YAML scalar with the line it came from.
public struct Setting: Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public let line: Int
    public var description: String { text }
}

/// Typed, line-aware access to one YAML mapping of a claim file: every key must be known, every
/// value must have the expected type, and every error names the file, the line and the expectation.
struct MappingReader {
    let file: String
    /// What this mapping is, for messages: "claim", "check 2", "problem", …
    let context: String
    let line: Int
    private let pairs: [(key: String, value: Node, line: Int)]

    init(_ node: Node, file: String, context: String) throws {
        guard case let .mapping(mapping) = node else {
            throw ClaimError(file: file, line: node.mark?.line, "\(context) must be a mapping of key: value")
        }
        self.file = file
        self.context = context
        line = node.mark?.line ?? 1
        var pairs = [(key: String, value: Node, line: Int)]()
        for (k, v) in mapping {
            guard let key = k.string else { throw ClaimError(file: file, line: k.mark?.line, "\(context): keys must be strings") }
            pairs.append((key, v, k.mark?.line ?? line))
        }
        self.pairs = pairs
    }

    var keys: [String] { pairs.map(\.key) }

    func error(_ key: String, _ message: String) -> ClaimError {
        ClaimError(file: file, line: pairs.first { $0.key == key }?.line ?? line, "\(context): \(message)")
    }

    /// Throws on the first key not in `known`, listing the known keys.
    func requireOnly(_ known: [String]) throws {
        for pair in pairs where !known.contains(pair.key) {
            throw ClaimError(file: file, line: pair.line,
                             "unknown key '\(pair.key)' in \(context); known keys: \(known.joined(separator: ", "))")
        }
    }

    func node(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }

    func requireNode(_ key: String) throws -> Node {
        guard let n = node(key) else { throw ClaimError(file: file, line: line, "\(context): missing required key '\(key)'") }
        return n
    }

    /// A scalar as text.
    func setting(_ key: String) throws -> Setting? {
        guard let n = node(key) else { return nil }
        guard case let .scalar(s) = n else { throw error(key, "'\(key)' must be a single value, not a list or mapping") }
        return Setting(text: s.string, line: n.mark?.line ?? line)
    }

    func string(_ key: String) throws -> String? { try setting(key)?.text }

    func requireString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw ClaimError(file: file, line: line, "\(context): missing required key '\(key)'") }
        return s
    }

    /// A finite number; keys with a `ClaimLimits.checkRanges` entry must lie in their range.
    func double(_ key: String) throws -> Double? {
        guard let s = try setting(key) else { return nil }
        guard let v = Double(s.text), v.isFinite else { throw error(key, "'\(key)' expects a number, got '\(s.text)'") }
        if let range = ClaimLimits.checkRanges[key], !range.contains(v) {
            throw error(key, "'\(key)' expects an integer in \(Int(range.lowerBound))…\(Int(range.upperBound)), got '\(s.text)'")
        }
        return v
    }

    func bool(_ key: String) throws -> Bool? {
        guard let s = try setting(key) else { return nil }
        switch s.text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(key, "'\(key)' expects true or false, got '\(s.text)'")
        }
    }

    /// A flow or block list of scalars.
    func list(_ key: String) throws -> [Setting]? {
        guard let n = node(key) else { return nil }
        switch n {
        case let .scalar(s): return [Setting(text: s.string, line: n.mark?.line ?? line)]
        case let .sequence(seq):
            return try seq.map { item in
                guard case let .scalar(s) = item else { throw error(key, "'\(key)' must be a list of single values") }
                return Setting(text: s.string, line: item.mark?.line ?? line)
            }
        default: throw error(key, "'\(key)' must be a list, e.g. [1, 2, 3]")
        }
    }

    func mapping(_ key: String, context child: String) throws -> MappingReader? {
        guard let n = node(key) else { return nil }
        return try MappingReader(n, file: file, context: child)
    }

    /// A required mapping: "<context>: missing required key '<key>'" at this mapping's line when absent.
    func requireMapping(_ key: String, context child: String) throws -> MappingReader {
        try MappingReader(requireNode(key), file: file, context: child)
    }

    /// Every entry of a mapping of scalars (a `problem:`, `run:` or `where:` section).
    func scalars() throws -> [String: Setting] {
        var out = [String: Setting]()
        for key in keys { out[key] = try setting(key) }
        return out
    }
}
