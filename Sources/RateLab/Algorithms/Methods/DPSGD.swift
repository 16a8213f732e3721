import RateLabLinalg
import RateLabTopology

/// D-PSGD (Lian et al. 2017), synchronous decentralised SGD on an undirected graph:
///
///     x_i ← Σ_j W_ij (x_j − η_t g_j(x_j)),   W Metropolis–Hastings (symmetric doubly stochastic)
///
/// (local step, then one gossip exchange of d doubles per edge). On the complete graph W is the
/// exact uniform average, so the iterates equal `sgd-allreduce`'s; with heterogeneous data and
/// constant η the fixed point is biased.
final class DPSGD: SynchronousMethod {
    private let graph: Graph
    private let weights: MixingMatrix
    private let x: WorkerMatrix
    private let halfStep: WorkerMatrix

    init(cluster: Cluster, start: [Double]) throws {
        let p = cluster.workers, d = cluster.dimension
        graph = try Topology.build(cluster.spec.topology, workers: p, seed: cluster.spec.seed)
        weights = try MixingMatrix.gossip(on: graph, kind: cluster.spec.topology)
        x = WorkerMatrix(rows: p, cols: d)
        x.broadcast(start)
        halfStep = WorkerMatrix(rows: p, cols: d)
    }

    func iterate(_ t: Int, on cluster: Cluster) {
        let d = cluster.dimension, eta = cluster.spec.stepSize.rate(at: t)
        cluster.forEachWorker { i, task in
            let g = cluster.scratch(task: task)
            cluster.gradient(worker: i, at: x.row(i), into: g)
            Kernels.copy(d, x.row(i), halfStep.row(i))
            Kernels.axpy(d, -eta, g, halfStep.row(i))
            cluster.spendCompute(worker: i)
        }
        Kernels.mix(weights, halfStep, into: x)
        cluster.barrier(communication: cluster.gossipTime(graph, doubles: d))
    }

    func models(into out: WorkerMatrix) { out.assign(x) }
}

extension MixingMatrix {
    /// Symmetric doubly stochastic gossip weights for an undirected graph: the exact uniform average
    /// on the complete graph, Metropolis–Hastings otherwise.
    static func gossip(on graph: Graph, kind: TopologyKind) throws -> MixingMatrix {
        guard graph.isSymmetric else {
            throw SpecError.incompatible("topology '\(kind)' is directed; this method needs an undirected graph (ring, torus, star, complete, erdos-renyi)")
        }
        return kind == .complete ? .uniform(graph.nodeCount) : try .metropolisHastings(graph)
    }
}
