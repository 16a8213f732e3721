import RateLab

/// Independent references for graph properties: a dense adjacency matrix and its transitive closure
/// (Warshall's algorithm), so that BFS-based answers are checked against a different method.
enum GraphReference {
    /// a[j][i] = true when the graph has the edge j → i.
    static func adjacency(_ g: Graph) -> [[Bool]] {
        var a = [[Bool]](repeating: [Bool](repeating: false, count: g.nodeCount), count: g.nodeCount)
        for i in 0..<g.nodeCount { for j in g.inNeighbors[i] { a[j][i] = true } }
        return a
    }

    /// c[j][i] = true when i is reachable from j (every node reaches itself).
    static func closure(_ g: Graph) -> [[Bool]] {
        var c = adjacency(g)
        let n = g.nodeCount
        for i in 0..<n { c[i][i] = true }
        for k in 0..<n { for i in 0..<n where c[i][k] { for j in 0..<n where c[k][j] { c[i][j] = true } } }
        return c
    }

    /// Roots r with c[r][i] for all i.
    static func roots(_ g: Graph) -> [Int] {
        let c = closure(g)
        return (0..<g.nodeCount).filter { r in c[r].allSatisfy { $0 } }
    }

    static let workerCounts = [1, 2, 3, 8, 16]

    static let kinds: [TopologyKind] = [
        .ring, .directedRing, .torus, .star, .complete, .exponential, .onePeerExponential,
        .erdosRenyi(probability: 0.3), .spanningTree(root: 0),
    ]
}
