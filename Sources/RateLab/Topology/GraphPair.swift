/// The two graphs of push–pull gradient tracking (R-FAST, Push-Pull, ASY-SONATA): models are pulled along
/// `pull` = G_R with row-stochastic weights R, tracking mass is pushed along `push` = G_C with column-stochastic
/// weights C.
///
/// Convergence needs a common root r: G_R contains a spanning out-tree rooted at r (r reaches every node of
/// G_R) and G_Cᵀ contains one too (every node reaches r in G_C).
public struct GraphPair: Sendable {
    /// G_R: models pulled, weights R row stochastic.
    public let pull: Graph
    /// G_C: tracking mass pushed, weights C column stochastic.
    public let push: Graph
    /// Nodes r that reach every node in `pull` and that every node reaches in `push`, sorted.
    public let commonRoots: [Int]

    /// Builds the pair; both graphs must have the same node count. Throws `TopologyError.noCommonRoot`
    /// (naming both graphs' roots) when `commonRoots` is empty, unless `allowMissingCommonRoot`.
    public init(pull: Graph, push: Graph, allowMissingCommonRoot: Bool = false) throws {
        guard pull.nodeCount == push.nodeCount else {
            throw TopologyError.invalidParameter(
                parameter: "graph pair node counts", value: "pull \(pull.nodeCount), push \(push.nodeCount)",
                expected: "the same number of nodes in both graphs")
        }
        let pullRoots = pull.spanningTreeRoots
        let pushRoots = push.transposed.spanningTreeRoots
        let common = Array(Set(pullRoots).intersection(pushRoots)).sorted()
        if common.isEmpty && !allowMissingCommonRoot {
            throw TopologyError.noCommonRoot(workers: pull.nodeCount, pullRoots: pullRoots, pushRoots: pushRoots)
        }
        self.pull = pull
        self.push = push
        commonRoots = common
    }

    /// The pair R-FAST uses by default: pull = push = `Topology.build(kind, …)`, directed kinds as they are,
    /// except for `.spanningTree(root)`, where push is the transposed tree (an in-tree toward `root`) so that the
    /// two trees share their root, as in R-FAST's two-spanning-tree setting. For strongly connected kinds
    /// every node is a common root.
    public static func standard(_ kind: TopologyKind, workers p: Int, seed: UInt64) throws -> GraphPair {
        let graph = try Topology.build(kind, workers: p, seed: seed)
        if case .spanningTree = kind {
            return try GraphPair(pull: graph, push: graph.transposed)
        }
        return try GraphPair(pull: graph, push: graph)
    }

    /// A deliberately broken pair for experiments (p ≥ 2): pull = the binary out-tree rooted at 0 (only root 0),
    /// push = the in-tree toward node p − 1 (only node p − 1 is reached by all), so `commonRoots` is empty.
    public static func withoutCommonRoot(workers p: Int) throws -> GraphPair {
        guard p >= 2 else {
            throw TopologyError.invalidParameter(
                parameter: "workers", value: "\(p)", expected: "at least 2 workers for a pair without a common root")
        }
        let pull = try Topology.build(.spanningTree(root: 0), workers: p, seed: 0)
        let push = try Topology.build(.spanningTree(root: p - 1), workers: p, seed: 0).transposed
        return try GraphPair(pull: pull, push: push, allowMissingCommonRoot: true)
    }
}
