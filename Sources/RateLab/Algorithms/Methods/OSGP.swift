import RateLabLinalg
import RateLabTopology

/// Overlap SGP (Assran et al. 2019): asynchronous push-sum over the one-peer exponential graph.
/// Worker i holds a numerator x_i and weight w_i (model z_i = x_i / w_i) and loops at its own pace:
///
///     g_i = g_i(z_i)                                (computed while messages travel: overlap)
///     x_i ← x_i − η g_i;  x_i += Σ received numerators;  w_i += Σ received weights
///     send (x_i/2, w_i/2) to (i + 2^(k_i mod m)) mod p;  keep the other half
///
/// Bounded staleness s (overlap factor): before its step k, worker i waits until the message its
/// in-peer of round k − s, (i − 2^((k−s) mod m)) mod p, sent in that round has arrived. So no worker
/// runs more than s rounds ahead of the workers that feed it, which keeps the push-sum weights bounded
/// away from zero. A lost message loses its mass (no running sums); its loss is known to the receiver
/// at once (a timeout in practice), so it is not waited for.
final class OSGP: EventDrivenMethod {
    private let p: Int, d: Int, staleness: Int
    private let x: WorkerMatrix
    private var weight: [Double]
    private let incoming: WorkerMatrix
    private var incomingWeight: [Double]
    private let pendingGradient: WorkerMatrix
    private let z: UnsafeMutablePointer<Double>
    private let half: UnsafeMutablePointer<Double>
    private var iteration: [Int]
    /// resolved[i][r]: worker i's in-message of round r has arrived or is known lost.
    private var resolved: [[Bool]]
    private var waiting: [Bool]

    var payloadWidth: Int { d + 1 }

    init(cluster: Cluster, start: [Double]) {
        p = cluster.workers
        d = cluster.dimension
        staleness = cluster.spec.staleness
        x = WorkerMatrix(rows: p, cols: d)
        x.broadcast(start)
        weight = [Double](repeating: 1, count: p)
        incoming = WorkerMatrix(rows: p, cols: d)
        incomingWeight = [Double](repeating: 0, count: p)
        pendingGradient = WorkerMatrix(rows: p, cols: d)
        z = .allocate(capacity: d + 1)
        half = .allocate(capacity: d + 1)
        iteration = [Int](repeating: 0, count: p)
        resolved = [[Bool]](repeating: [], count: p)
        waiting = [Bool](repeating: false, count: p)
    }

    deinit { z.deallocate(); half.deallocate() }

    func start(_ loop: EventLoop) {
        for i in 0..<p { compute(i, loop) }
    }

    private func compute(_ i: Int, _ loop: EventLoop) {
        Kernels.copyScaled(d, 1 / weight[i], x.row(i), z)
        loop.cluster.gradient(worker: i, at: z, into: pendingGradient.row(i))
        loop.beginGradient(worker: i)
    }

    private func mustWait(_ i: Int) -> Bool {
        let round = iteration[i] - staleness
        guard round >= 0, Topology.onePeerExponentialTarget(of: i, round: round, workers: p) != i else { return false }
        return round >= resolved[i].count || !resolved[i][round]
    }

    private func resolve(_ i: Int, round: Int) {
        while resolved[i].count <= round { resolved[i].append(false) }
        resolved[i][round] = true
    }

    func gradientReady(worker i: Int, _ loop: EventLoop) {
        if mustWait(i) { waiting[i] = true } else { step(i, loop) }
    }

    private func step(_ i: Int, _ loop: EventLoop) {
        let xi = x.row(i)
        Kernels.axpy(d, -loop.cluster.spec.stepSize.rate(at: iteration[i]), pendingGradient.row(i), xi)
        Kernels.axpy(d, 1, incoming.row(i), xi)
        incoming.row(i).update(repeating: 0, count: d)
        weight[i] += incomingWeight[i]
        incomingWeight[i] = 0
        let round = iteration[i]
        let peer = Topology.onePeerExponentialTarget(of: i, round: round, workers: p)
        iteration[i] += 1
        if peer != i {
            Kernels.scale(d, 0.5, xi)
            weight[i] *= 0.5
            Kernels.copy(d, xi, half)
            half[d] = weight[i]
            if !loop.send(from: i, to: peer, channel: 0, iteration: round, payload: UnsafeBufferPointer(start: half, count: d + 1)) {
                resolve(peer, round: round)
                wakeIfReady(peer, loop)
            }
            loop.cluster.communicationActions += 1
        }
        compute(i, loop)
    }

    func deliver(_ message: Message, payload: UnsafePointer<Double>, _ loop: EventLoop) {
        let i = message.to
        Kernels.axpy(d, 1, payload, incoming.row(i))
        incomingWeight[i] += payload[d]
        resolve(i, round: message.iteration)
        wakeIfReady(i, loop)
    }

    /// Resumes a waiting worker whose awaited message is now resolved.
    private func wakeIfReady(_ i: Int, _ loop: EventLoop) {
        guard waiting[i], !mustWait(i) else { return }
        waiting[i] = false
        loop.cluster.setClock(worker: i, to: loop.now)
        step(i, loop)
    }

    func models(into out: WorkerMatrix) { Kernels.pushSumModels(x, weights: weight, into: out) }
}
