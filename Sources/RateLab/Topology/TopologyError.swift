/// An error from the topology layer: an unknown or malformed topology name, an impossible parameter,
/// a graph that does not have the property an operation needs, or a graph pair without a common root.
public enum TopologyError: Error, CustomStringConvertible {
    /// `name` is not a topology kind; `valid` lists the accepted names.
    case unknownKind(name: String, valid: [String])
    /// `parameter` has the value `value`, but `expected` describes what is allowed.
    case invalidParameter(parameter: String, value: String, expected: String)
    /// `operation` needs a symmetric (undirected) graph: some edge j → i has no reverse i → j.
    case notSymmetric(operation: String, edge: (from: Int, to: Int))
    /// Erdős–Rényi G(p, q) draws were all disconnected.
    case disconnected(workers: Int, probability: Double, tries: Int)
    /// The pull graph's roots and the transposed push graph's roots are disjoint.
    case noCommonRoot(workers: Int, pullRoots: [Int], pushRoots: [Int])

    public var description: String {
        switch self {
        case let .unknownKind(name, valid):
            return "unknown topology '\(name)': expected one of \(valid.joined(separator: ", "))"
        case let .invalidParameter(parameter, value, expected):
            return "invalid topology parameter \(parameter) = \(value): expected \(expected)"
        case let .notSymmetric(operation, edge):
            return "\(operation) needs an undirected (symmetric) graph, but edge \(edge.from) → \(edge.to) "
                + "has no reverse edge \(edge.to) → \(edge.from)"
        case let .disconnected(workers, probability, tries):
            return "erdos-renyi:\(probability) on \(workers) workers gave a disconnected graph in all \(tries) draws: "
                + "use a larger edge probability (connectivity needs about ln(p)/p)"
        case let .noCommonRoot(workers, pullRoots, pushRoots):
            return "the pull graph G_R (roots that reach every node: \(pullRoots)) and the push graph G_C "
                + "(roots that every node reaches: \(pushRoots)) on \(workers) workers share no common root, "
                + "so R-FAST-type methods cannot converge; pass allowMissingCommonRoot: true to build the pair anyway"
        }
    }
}
