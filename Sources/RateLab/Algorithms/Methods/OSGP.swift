import RateLabTopology

/// Overlap SGP (Assran et al. 2019): asynchronous push-sum over the one-peer exponential graph.
/// Worker i holds a numerator x_i and weight w_i (model z_i = x_i / w_i) and loops at its own pace:
///
///     g_i = g_i(z_i)                                (computed while messages travel: overlap)
///     x_i ← x_i − η g_i;  x_i += Σ received numerators;  w_i += Σ received weights
///     send (x_i/2, w_i/2) to (i + 2^(k_i mod m)) mod p;  keep the other half
///
/// Bounded staleness s: before its step k_i, worker i waits for any message still in flight to it
/// that was sent at a sender iteration ≤ k_i − s. A lost message loses its mass (no running sums)
/// and is not waited for.
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
    /// Sender iterations of the messages in flight to each worker.
    private var inFlight: [[Int]]
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
        inFlight = [[Int]](repeating: [], count: p)
        waiting = [Bool](repeating: false, count: p)
    }

    deinit { z.deallocate(); half.deallocate() }

    /// Σ_i w_i plus weight received but not yet folded in (messages in flight excluded).
    var totalWeight: Double { weight.reduce(0, +) + incomingWeight.reduce(0, +) }

    func start(_ loop: EventLoop) {
        for i in 0..<p { compute(i, loop) }
    }

    private func compute(_ i: Int, _ loop: EventLoop) {
        Kernels.copy(d, x.row(i), z)
        Kernels.scale(d, 1 / weight[i], z)
        loop.cluster.gradient(worker: i, at: z, into: pendingGradient.row(i))
        loop.beginGradient(worker: i)
    }

    private func mustWait(_ i: Int) -> Bool {
        inFlight[i].contains { $0 <= iteration[i] - staleness }
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
        let peer = Topology.onePeerExponentialTarget(of: i, round: iteration[i], workers: p)
        iteration[i] += 1
        if peer != i {
            Kernels.scale(d, 0.5, xi)
            weight[i] *= 0.5
            Kernels.copy(d, xi, half)
            half[d] = weight[i]
            if loop.send(from: i, to: peer, channel: 0, iteration: iteration[i],
                         payload: UnsafeBufferPointer(start: half, count: d + 1)) {
                inFlight[peer].append(iteration[i])
            }
            loop.cluster.communicationActions += 1
        }
        compute(i, loop)
    }

    func deliver(_ message: Message, payload: UnsafePointer<Double>, _ loop: EventLoop) {
        let i = message.to
        Kernels.axpy(d, 1, payload, incoming.row(i))
        incomingWeight[i] += payload[d]
        if let k = inFlight[i].firstIndex(of: message.iteration) { inFlight[i].remove(at: k) }
        if waiting[i] && !mustWait(i) {
            waiting[i] = false
            loop.cluster.clocks[i] = loop.now
            step(i, loop)
        }
    }

    func models(into out: WorkerMatrix) {
        for i in 0..<p {
            Kernels.copy(d, x.row(i), out.row(i))
            Kernels.scale(d, 1 / weight[i], out.row(i))
        }
    }
}
