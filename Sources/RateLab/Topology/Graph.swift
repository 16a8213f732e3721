/// A directed communication graph on nodes 0..<nodeCount, stored as sorted adjacency lists.
///
/// An edge j → i means that node i receives from node j (j is an in-neighbour of i). An undirected
/// graph is a symmetric one: j → i exactly when i → j. Self-loops are not stored (mixing matrices add
/// their diagonal themselves) and parallel edges collapse into one.
public struct Graph: Sendable, Equatable {
    /// Number of nodes p.
    public let nodeCount: Int
    /// inNeighbors[i] = sorted j ≠ i with an edge j → i (i receives from j).
    public let inNeighbors: [[Int]]
    /// outNeighbors[j] = sorted i ≠ j with an edge j → i (j sends to i).
    public let outNeighbors: [[Int]]

    /// Builds the graph from its directed edges; self-loops and duplicates are dropped.
    /// Every endpoint must lie in 0..<nodeCount (a programming error otherwise).
    public init(nodeCount: Int, edges: [(from: Int, to: Int)]) {
        precondition(nodeCount >= 0, "Graph: nodeCount must be ≥ 0, got \(nodeCount)")
        var incoming = [Set<Int>](repeating: [], count: nodeCount)
        var outgoing = [Set<Int>](repeating: [], count: nodeCount)
        for (from, to) in edges {
            precondition((0..<nodeCount).contains(from) && (0..<nodeCount).contains(to),
                         "Graph: edge \(from) → \(to) leaves the node range 0..<\(nodeCount)")
            if from == to { continue }
            incoming[to].insert(from)
            outgoing[from].insert(to)
        }
        self.nodeCount = nodeCount
        inNeighbors = incoming.map { $0.sorted() }
        outNeighbors = outgoing.map { $0.sorted() }
    }

    /// The directed edges j → i, sorted by (from, to).
    public var edges: [(from: Int, to: Int)] {
        outNeighbors.enumerated().flatMap { from, targets in targets.map { (from: from, to: $0) } }
    }

    /// Number of directed edges (an undirected edge counts twice).
    public var edgeCount: Int { outNeighbors.reduce(0) { $0 + $1.count } }

    /// True when j → i exactly when i → j (an undirected graph).
    public var isSymmetric: Bool { inNeighbors == outNeighbors }

    /// True when every node reaches every other node along directed edges (vacuously true for p ≤ 1).
    public var isStronglyConnected: Bool {
        nodeCount <= 1 || (reachable(from: 0).count == nodeCount && transposed.reachable(from: 0).count == nodeCount)
    }

    /// The nodes reachable from `root` along edge directions, `root` included (breadth-first search).
    public func reachable(from root: Int) -> Set<Int> {
        precondition((0..<nodeCount).contains(root), "Graph.reachable: root \(root) is not in 0..<\(nodeCount)")
        var seen: Set<Int> = [root]
        var frontier = [root]
        while let node = frontier.popLast() {
            for next in outNeighbors[node] where seen.insert(next).inserted {
                frontier.append(next)
            }
        }
        return seen
    }

    /// The nodes r that reach every node (the roots of spanning out-trees of this graph), sorted.
    /// A strongly connected graph (every graph with p ≤ 1 included) has every node as a root, so the
    /// p searches are skipped for it; the answer is the same either way.
    public var spanningTreeRoots: [Int] {
        if isStronglyConnected { return Array(0..<nodeCount) }
        return (0..<nodeCount).filter { reachable(from: $0).count == nodeCount }
    }

    /// The graph with every edge reversed: j → i becomes i → j.
    public var transposed: Graph {
        Graph(nodeCount: nodeCount, edges: edges.map { (from: $0.to, to: $0.from) })
    }
}
