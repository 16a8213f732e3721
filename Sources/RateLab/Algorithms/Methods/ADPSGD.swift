import RateLabLinalg
import RateLabTopology

/// AD-PSGD (Lian et al. 2018), asynchronous decentralised SGD with atomic pairwise averaging.
/// The graph is split into active and passive workers by a 2-colouring (it must be bipartite, which
/// rules out the deadlock of two workers averaging with each other at once). Each worker loops:
///
///     g_i = g_i(x̂_i)               at the copy x̂_i it read when it started computing (stale)
///     active i:  pick a passive neighbour j uniformly;  x_i, x_j ← (x_i + x_j)/2   (atomic, one
///                round trip of d doubles each way, retransmitted on loss);  x_i ← x_i − η g_i
///     passive j: x_j ← x_j − η g_j
final class ADPSGD: EventDrivenMethod {
    private let isActive: [Bool]
    private let passiveNeighbors: [[Int]]
    private let x: WorkerMatrix
    private let pendingGradient: WorkerMatrix
    private var iteration: [Int]
    private let d: Int

    var payloadWidth: Int { d }

    init(cluster: Cluster, start: [Double]) throws {
        let p = cluster.workers
        d = cluster.dimension
        let graph = try Topology.build(cluster.spec.topology, workers: p, seed: cluster.spec.seed)
        guard graph.isSymmetric, let colour = ADPSGD.twoColouring(graph) else {
            throw SpecError.incompatible(
                "adpsgd needs an undirected bipartite graph for its active/passive split; '\(cluster.spec.topology)' with \(p) workers is not (use ring with an even number of workers, star, or torus with even sides)")
        }
        isActive = colour.map { $0 == 0 }
        passiveNeighbors = (0..<p).map { i in graph.inNeighbors[i].filter { colour[$0] == 1 } }
        x = WorkerMatrix(rows: p, cols: d)
        x.broadcast(start)
        pendingGradient = WorkerMatrix(rows: p, cols: d)
        iteration = [Int](repeating: 0, count: p)
    }

    /// A proper 2-colouring by breadth-first search (colour 0 for the lowest node of each component), or nil.
    static func twoColouring(_ g: Graph) -> [Int]? {
        var colour = [Int](repeating: -1, count: g.nodeCount)
        for root in 0..<g.nodeCount where colour[root] < 0 {
            colour[root] = 0
            var queue = [root], head = 0
            while head < queue.count {
                let u = queue[head]; head += 1
                for w in g.outNeighbors[u] {
                    if colour[w] < 0 { colour[w] = 1 - colour[u]; queue.append(w) }
                    else if colour[w] == colour[u] { return nil }
                }
            }
        }
        return colour
    }

    func start(_ loop: EventLoop) {
        for i in 0..<x.rows { compute(i, loop) }
    }

    private func compute(_ i: Int, _ loop: EventLoop) {
        loop.cluster.gradient(worker: i, at: x.row(i), into: pendingGradient.row(i))
        loop.beginGradient(worker: i)
    }

    private func applyGradient(_ i: Int, _ loop: EventLoop) {
        Kernels.axpy(d, -loop.cluster.spec.stepSize.rate(at: iteration[i]), pendingGradient.row(i), x.row(i))
        iteration[i] += 1
        compute(i, loop)
    }

    func gradientReady(worker i: Int, _ loop: EventLoop) {
        let candidates = passiveNeighbors[i]
        guard isActive[i], !candidates.isEmpty else { return applyGradient(i, loop) }
        let j = candidates[loop.cluster.methodRandom.nextIndex(candidates.count)]
        let roundTrip = loop.cluster.network.sendReliably(from: i, to: j, doubles: d)
            + loop.cluster.network.sendReliably(from: j, to: i, doubles: d)
        loop.cluster.communicationActions += 1
        loop.setTimer(worker: i, tag: j, after: roundTrip)
    }

    /// The averaging with passive neighbour `tag` completes.
    func timerFired(worker i: Int, tag j: Int, _ loop: EventLoop) {
        let xi = x.row(i), xj = x.row(j)
        for k in 0..<d { let m = 0.5 * (xi[k] + xj[k]); xi[k] = m; xj[k] = m }
        applyGradient(i, loop)
    }

    func deliver(_ message: Message, payload: UnsafePointer<Double>, _ loop: EventLoop) {}

    func models(into out: WorkerMatrix) { out.assign(x) }
}
