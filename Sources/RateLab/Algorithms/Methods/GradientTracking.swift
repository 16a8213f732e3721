import RateLabLinalg
import RateLabTopology

/// Synchronous gradient tracking, one mechanism for two methods. With stacked iterates x, y ∈ ℝ^{p×d}
/// and g(x) the stacked (stochastic) local gradients:
///
///     DIGing:    x⁺ = W x − α y,      y⁺ = W y + g(x⁺) − g(x)   (W Metropolis–Hastings, undirected)
///     Push-Pull: x⁺ = R (x − α y),    y⁺ = C y + g(x⁺) − g(x)   (R row stochastic on the pull graph,
///                                                              C column stochastic on the push graph)
///
/// y starts at g(x⁰), so (1/p) Σ_i y_i = (1/p) Σ_i g_i(x_i) at every step (the tracking invariant);
/// with exact gradients both converge linearly to x* even on heterogeneous data.
final class GradientTracking: SynchronousMethod {
    enum Variant { case diging, pushPull }

    private let variant: Variant
    private let pullGraph: Graph
    private let pushGraph: Graph
    /// Pull and push graph are one graph: x and y travel together, 2d doubles per edge.
    private let sharedGraph: Bool
    private let modelWeights: MixingMatrix
    private let trackerWeights: MixingMatrix
    private var x: WorkerMatrix
    private var y: WorkerMatrix
    private var xNext: WorkerMatrix
    private var yNext: WorkerMatrix
    private let previousGradient: WorkerMatrix

    init(cluster: Cluster, start: [Double], variant: Variant) throws {
        let p = cluster.workers, d = cluster.dimension, spec = cluster.spec
        self.variant = variant
        switch variant {
        case .diging:
            let graph = try Topology.build(spec.topology, workers: p, seed: spec.seed)
            pullGraph = graph
            pushGraph = graph
            modelWeights = try MixingMatrix.gossip(on: graph, kind: spec.topology)
            trackerWeights = modelWeights
        case .pushPull:
            let pair = try GraphPair.forRun(spec, workers: p)
            pullGraph = pair.pull
            pushGraph = pair.push
            modelWeights = MixingMatrix.rowStochastic(pair.pull)
            trackerWeights = MixingMatrix.columnStochastic(pair.push)
        }
        sharedGraph = pullGraph == pushGraph
        x = WorkerMatrix(rows: p, cols: d)
        x.broadcast(start)
        y = WorkerMatrix(rows: p, cols: d)
        xNext = WorkerMatrix(rows: p, cols: d)
        yNext = WorkerMatrix(rows: p, cols: d)
        previousGradient = WorkerMatrix(rows: p, cols: d)
        for i in 0..<p {
            cluster.gradient(worker: i, at: x.row(i), into: y.row(i))
            Kernels.copy(d, y.row(i), previousGradient.row(i))
            cluster.spendCompute(worker: i)
        }
    }

    func iterate(_ t: Int, on cluster: Cluster) {
        let p = cluster.workers, d = cluster.dimension, alpha = cluster.spec.stepSize.rate(at: t)
        switch variant {
        case .diging:
            Kernels.mix(modelWeights, x, into: xNext)
            for i in 0..<p { Kernels.axpy(d, -alpha, y.row(i), xNext.row(i)) }
        case .pushPull:
            for i in 0..<p { Kernels.axpy(d, -alpha, y.row(i), x.row(i)) }
            Kernels.mix(modelWeights, x, into: xNext)
        }
        Kernels.mix(trackerWeights, y, into: yNext)
        cluster.forEachWorker { i, task in
            let g = cluster.scratch(task: task)
            cluster.gradient(worker: i, at: xNext.row(i), into: g)
            Kernels.trackGradient(d, new: g, old: previousGradient.row(i), tracker: yNext.row(i))
            cluster.spendCompute(worker: i)
        }
        swap(&x, &xNext)
        swap(&y, &yNext)
        let communication = sharedGraph
            ? cluster.gossipTime(pullGraph, doubles: 2 * d)
            : max(cluster.gossipTime(pullGraph, doubles: d), cluster.gossipTime(pushGraph, doubles: d))
        cluster.barrier(communication: communication)
    }

    func models(into out: WorkerMatrix) { out.assign(x) }
}

extension GraphPair {
    /// The pull/push pair of a run: `topology` and `pushTopology` when both are given (refused without a
    /// common root unless `breakCommonRoot`), else the standard pair on `topology`, or a pair built without
    /// a common root when the run asks for it on purpose.
    ///
    /// A pair without a common root that the run did not ask for is reported as `SpecError.incompatible`,
    /// naming the flags that choose the pair and the one that accepts it anyway.
    static func forRun(_ spec: RunSpec, workers p: Int) throws -> GraphPair {
        do {
            if let pushKind = spec.pushTopology {
                return try GraphPair(pull: Topology.build(spec.topology, workers: p, seed: spec.seed),
                                     push: Topology.build(pushKind, workers: p, seed: spec.seed),
                                     allowMissingCommonRoot: spec.breakCommonRoot)
            }
            return spec.breakCommonRoot ? try .withoutCommonRoot(workers: p) : try .standard(spec.topology, workers: p, seed: spec.seed)
        } catch let TopologyError.noCommonRoot(_, pullRoots, pushRoots) {
            throw SpecError.incompatible(
                "--topology \(spec.topology) and --push-topology \(spec.pushTopology ?? spec.topology) "
                    + "share no common root (pull roots \(pullRoots), push roots \(pushRoots)), so \(spec.algorithm.rawValue) "
                    + "cannot converge; choose another pair or pass --break-common-root to run it anyway")
        }
    }
}
