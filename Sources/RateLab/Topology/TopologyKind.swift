/// The named communication topologies RateLab can build for p workers (see `Topology.build`).
///
/// Written in configuration files as one string: `ring`, `directed-ring`, `torus`, `star`, `complete`,
/// `exponential`, `one-peer-exponential`, `erdos-renyi` (edge probability 0.3) or `erdos-renyi:<q>`,
/// `tree` (root 0) or `tree:<root>`. `description` is that canonical string.
public enum TopologyKind: Equatable, Sendable, ParsableSpecification {
    /// Undirected cycle i ↔ i + 1 mod p.
    case ring
    /// Directed cycle i → i + 1 mod p.
    case directedRing
    /// Undirected r × c wrap-around grid, r the largest divisor of p with r ≤ √p (a ring when r = 1).
    case torus
    /// Undirected star with centre 0.
    case star
    /// Every pair of nodes connected.
    case complete
    /// Directed i → i + 2^k mod p for k = 0..<⌈log₂ p⌉ (the static graph of SGP).
    case exponential
    /// The union over all rounds of the time-varying one-peer exponential graph of SGP.
    case onePeerExponential
    /// Undirected Erdős–Rényi G(p, q): each pair joined independently with probability q, redrawn until connected.
    case erdosRenyi(probability: Double)
    /// Directed out-tree (edges parent → child) of binary-heap shape, relabelled so that `root` is the root.
    case spanningTree(root: Int)

    /// Edge probability of `erdos-renyi` when none is given.
    public static let defaultErdosRenyiProbability = 0.3

    /// The accepted names with a one-line summary each, for `--help` and error messages.
    public static let catalog: [(name: String, summary: String)] = [
        ("ring", "undirected cycle i ↔ i+1 mod p"),
        ("directed-ring", "directed cycle i → i+1 mod p"),
        ("torus", "undirected r×c wrap-around grid, r the largest divisor of p with r ≤ √p (ring if p is prime)"),
        ("star", "undirected star centred on node 0"),
        ("complete", "every pair of nodes connected"),
        ("exponential", "directed i → i+2^k mod p, k < ⌈log2 p⌉ (SGP's static graph)"),
        ("one-peer-exponential", "union over rounds of SGP's one-peer graph i → i+2^(k mod ⌈log2 p⌉)"),
        ("erdos-renyi[:q]", "undirected G(p, q), redrawn until connected (q defaults to 0.3)"),
        ("tree[:root]", "directed binary out-tree parent → child rooted at root (default 0)"),
    ]

    public var description: String {
        switch self {
        case .ring: return "ring"
        case .directedRing: return "directed-ring"
        case .torus: return "torus"
        case .star: return "star"
        case .complete: return "complete"
        case .exponential: return "exponential"
        case .onePeerExponential: return "one-peer-exponential"
        case let .erdosRenyi(probability): return "erdos-renyi:\(probability)"
        case let .spanningTree(root): return "tree:\(root)"
        }
    }

    /// True for the kinds whose graph is undirected (symmetric) by construction.
    public var isUndirected: Bool {
        switch self {
        case .ring, .torus, .star, .complete, .erdosRenyi: return true
        case .directedRing, .exponential, .onePeerExponential, .spanningTree: return false
        }
    }

    /// Parses a topology name (case-insensitive, surrounding white space ignored). Throws
    /// `TopologyError.unknownKind` listing the valid names, or `.invalidParameter` for a bad q or root.
    public init(parsing text: String) throws {
        let fields = Self.specificationFields(text)
        let name = fields[0]
        let argument = fields.count > 1 ? fields[1] : nil
        let simple: [String: TopologyKind] = [
            "ring": .ring, "directed-ring": .directedRing, "torus": .torus, "star": .star, "complete": .complete,
            "exponential": .exponential, "one-peer-exponential": .onePeerExponential,
        ]
        if let kind = simple[name], fields.count == 1 {
            self = kind
        } else if name == "erdos-renyi", fields.count <= 2 {
            let q = argument.map { Double($0) } ?? Self.defaultErdosRenyiProbability
            guard let q, q > 0, q <= 1 else {
                throw TopologyError.invalidParameter(
                    parameter: "erdos-renyi edge probability", value: "'\(argument ?? "")' in '\(text)'",
                    expected: "a number q with 0 < q ≤ 1, e.g. erdos-renyi:0.2")
            }
            self = .erdosRenyi(probability: q)
        } else if name == "tree", fields.count <= 2 {
            let root = argument.map { Int($0) } ?? 0
            guard let root, root >= 0 else {
                throw TopologyError.invalidParameter(
                    parameter: "tree root", value: "'\(argument ?? "")' in '\(text)'",
                    expected: "a node index ≥ 0, e.g. tree:3")
            }
            self = .spanningTree(root: root)
        } else {
            throw TopologyError.unknownKind(name: text, valid: Self.catalog.map(\.name))
        }
    }
}
