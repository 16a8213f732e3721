import RateLabLinalg

/// Builders of the communication graphs named by `TopologyKind`.
public enum Topology {
    /// Maximum number of Erdős–Rényi draws before `build` gives up on finding a connected graph.
    public static let erdosRenyiMaxTries = 1000

    /// The communication graph of `kind` on p ≥ 1 workers. Undirected kinds give symmetric graphs.
    ///
    /// - ring: i ↔ i + 1 mod p. directedRing: i → i + 1 mod p. star: 0 ↔ i. complete: all pairs.
    /// - torus: an r × c wrap-around grid, node (a, b) = a·c + b joined to (a ± 1 mod r, b) and (a, b ± 1 mod c),
    ///   with r the largest divisor of p such that r ≤ √p (p = 8 → 2 × 4, p = 16 → 4 × 4). When r = 1 (p prime,
    ///   or p ≤ 3) there is no proper grid and the torus is the ring on p nodes.
    /// - exponential: i → i + 2^k mod p for k = 0..<⌈log₂ p⌉ (directed, as in SGP).
    /// - onePeerExponential: the union over all rounds k of the edges i → `onePeerExponentialTarget(of: i, round: k)`.
    /// - erdosRenyi(q): each pair {i, j} joined with probability q, drawn from
    ///   `RandomStream(seed: seed, purpose: .topology)`; a disconnected draw is redrawn (the stream's counter moves
    ///   on), at most `erdosRenyiMaxTries` times, then `TopologyError.disconnected` is thrown.
    /// - spanningTree(root): the binary-heap tree (parent of position k is ⌊(k − 1)/2⌋) with position k carried
    ///   by node (k + root) mod p, edges parent → child; `root` must be in 0..<p.
    ///
    /// `seed` is used by erdosRenyi only. Throws `TopologyError.invalidParameter` for p < 1 or a bad root.
    public static func build(_ kind: TopologyKind, workers p: Int, seed: UInt64) throws -> Graph {
        guard p >= 1 else {
            throw TopologyError.invalidParameter(parameter: "workers", value: "\(p)", expected: "at least 1 worker")
        }
        switch kind {
        case .ring:
            return undirected(p, pairs: (0..<p).map { ($0, ($0 + 1) % p) })
        case .directedRing:
            return Graph(nodeCount: p, edges: (0..<p).map { (from: $0, to: ($0 + 1) % p) })
        case .torus:
            let r = torusRows(p)
            if r == 1 { return try build(.ring, workers: p, seed: seed) }
            let c = p / r
            var pairs: [(Int, Int)] = []
            for a in 0..<r {
                for b in 0..<c {
                    pairs.append((a * c + b, ((a + 1) % r) * c + b))
                    pairs.append((a * c + b, a * c + (b + 1) % c))
                }
            }
            return undirected(p, pairs: pairs)
        case .star:
            return undirected(p, pairs: (1..<p).map { (0, $0) })
        case .complete:
            return undirected(p, pairs: (0..<p).flatMap { i in (0..<i).map { (i, $0) } })
        case .exponential:
            let hops = (0..<ceilLog2(p)).map { 1 << $0 }
            return Graph(nodeCount: p, edges: (0..<p).flatMap { i in hops.map { (from: i, to: (i + $0) % p) } })
        case .onePeerExponential:
            let rounds = max(1, ceilLog2(p))
            return Graph(nodeCount: p, edges: (0..<p).flatMap { i in
                (0..<rounds).map { (from: i, to: onePeerExponentialTarget(of: i, round: $0, workers: p)) }
            })
        case let .erdosRenyi(q):
            return try erdosRenyi(p, probability: q, seed: seed)
        case let .spanningTree(root):
            guard (0..<p).contains(root) else {
                throw TopologyError.invalidParameter(
                    parameter: "tree root", value: "\(root)", expected: "a node index in 0..<\(p) for \(p) workers")
            }
            return Graph(nodeCount: p, edges: (1..<p).map {
                (from: ((($0 - 1) / 2) + root) % p, to: ($0 + root) % p)
            })
        }
    }

    /// Time-varying one-peer exponential graph (SGP): in round k ≥ 0 node i sends to (i + 2^(k mod m)) mod p,
    /// m = max(1, ⌈log₂ p⌉). For p = 1 the target is node 0 itself.
    public static func onePeerExponentialTarget(of i: Int, round k: Int, workers p: Int) -> Int {
        precondition(p >= 1 && (0..<p).contains(i) && k >= 0,
                     "onePeerExponentialTarget: need 0 ≤ i < p and k ≥ 0, got i = \(i), k = \(k), p = \(p)")
        let m = max(1, ceilLog2(p))
        return (i + (1 << (k % m))) % p
    }

    /// Rows r of the torus on p nodes: the largest divisor of p with r² ≤ p.
    static func torusRows(_ p: Int) -> Int {
        var r = 1
        var candidate = 1
        while candidate * candidate <= p {
            if p % candidate == 0 { r = candidate }
            candidate += 1
        }
        return r
    }

    /// ⌈log₂ p⌉ for p ≥ 1 (0 for p = 1).
    static func ceilLog2(_ p: Int) -> Int {
        var k = 0
        while (1 << k) < p { k += 1 }
        return k
    }

    /// The symmetric graph with both directions of every unordered pair.
    static func undirected(_ p: Int, pairs: [(Int, Int)]) -> Graph {
        Graph(nodeCount: p, edges: pairs.flatMap { [(from: $0.0, to: $0.1), (from: $0.1, to: $0.0)] })
    }

    /// Connected G(p, q) by redrawing; see `build`.
    static func erdosRenyi(_ p: Int, probability q: Double, seed: UInt64) throws -> Graph {
        guard q > 0, q <= 1 else {
            throw TopologyError.invalidParameter(
                parameter: "erdos-renyi edge probability", value: "\(q)", expected: "a number q with 0 < q ≤ 1")
        }
        var rng = RandomStream(seed: seed, purpose: .topology)
        for _ in 0..<erdosRenyiMaxTries {
            var pairs: [(Int, Int)] = []
            for i in 0..<p {
                for j in (i + 1)..<p where rng.nextBool(probability: q) { pairs.append((i, j)) }
            }
            let graph = undirected(p, pairs: pairs)
            if graph.isStronglyConnected { return graph }
        }
        throw TopologyError.disconnected(workers: p, probability: q, tries: erdosRenyiMaxTries)
    }
}
