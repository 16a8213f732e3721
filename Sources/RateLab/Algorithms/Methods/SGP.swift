import RateLabLinalg
import RateLabTopology

/// Stochastic Gradient Push (Assran et al. 2019), synchronous: push-sum over the time-varying
/// one-peer exponential graph. Worker i holds a numerator x_i and a weight w_i; its model is
/// z_i = x_i / w_i. In iteration t:
///
///     x_i ← x_i − η_t g_i(z_i)
///     send (x_i/2, w_i/2) to peer (i + 2^(t mod m)) mod p, keep the other half, add what arrives
///
/// Without loss Σ_i w_i = p and Σ_i x_i evolve exactly as in SGD on the average. A lost message
/// loses its mass for good (no running sums); the receiver waits one retransmission timeout for it.
final class SGP: SynchronousMethod {
    private var x: WorkerMatrix
    private var next: WorkerMatrix
    private var weight: [Double]
    private var nextWeight: [Double]
    /// Scratch for z_i, one row per thread of `Cluster.forEachWorker`.
    private let z: WorkerMatrix

    init(cluster: Cluster, start: [Double]) {
        let p = cluster.workers, d = cluster.dimension
        x = WorkerMatrix(rows: p, cols: d)
        x.broadcast(start)
        next = WorkerMatrix(rows: p, cols: d)
        weight = [Double](repeating: 1, count: p)
        nextWeight = weight
        z = WorkerMatrix(rows: cluster.threads, cols: d)
    }

    /// Σ_i w_i (= p while no message is lost).
    var totalWeight: Double { weight.reduce(0, +) }

    func iterate(_ t: Int, on cluster: Cluster) {
        let p = cluster.workers, d = cluster.dimension, eta = cluster.spec.stepSize.rate(at: t)
        cluster.forEachWorker { i, task in
            let zi = z.row(task), g = cluster.scratch(task: task)
            Kernels.copyScaled(d, 1 / weight[i], x.row(i), zi)
            cluster.gradient(worker: i, at: zi, into: g)
            Kernels.axpy(d, -eta, g, x.row(i))
            cluster.spendCompute(worker: i)
        }
        next.zero()
        for i in 0..<p { nextWeight[i] = 0 }
        var slowest = 0.0
        for i in 0..<p {
            Kernels.axpy(d, 0.5, x.row(i), next.row(i))
            nextWeight[i] += 0.5 * weight[i]
            let peer = Topology.onePeerExponentialTarget(of: i, round: t, workers: p)
            guard peer != i else {
                Kernels.axpy(d, 0.5, x.row(i), next.row(i))
                nextWeight[i] += 0.5 * weight[i]
                continue
            }
            if let transit = cluster.network.send(from: i, to: peer, doubles: d + 1) {
                Kernels.axpy(d, 0.5, x.row(i), next.row(peer))
                nextWeight[peer] += 0.5 * weight[i]
                slowest = max(slowest, transit)
            } else {
                slowest = max(slowest, cluster.network.model.retransmissionTimeout)
            }
        }
        swap(&x, &next)
        swap(&weight, &nextWeight)
        cluster.barrier(communication: slowest)
    }

    func models(into out: WorkerMatrix) { Kernels.pushSumModels(x, weights: weight, into: out) }
}
