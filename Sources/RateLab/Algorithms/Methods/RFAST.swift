import RateLabLinalg
import RateLabTopology

/// R-FAST: robust fully-asynchronous stochastic gradient tracking over two graphs (rules as
/// reconstructed from ASY-SONATA and Push-Pull; ALGORITHMS.md §2 and README "Methods"). Node i holds its
/// model x_i, tracker z_i, the running sum ρ_i of all tracking mass it has pushed, for each G_C
/// in-neighbour j the last running sum ρ̃_ij it has folded in, the newest model v_j received from each
/// G_R in-neighbour, and its previous stochastic gradient g_i^old. When node i wakes (own pace, no barrier),
/// in the papers' order (`RFASTVariant.paper`, the default):
///
///     1. v_i = x_i − γ z_i                              (the full tracker)
///     2. ρ_i += z_i;  z_i = c_ii z_i;  send ρ_i on G_C and v_i on G_R   (at once, before the gradient)
///     3. at the end of the instant (`EventLoop.atEndOfInstant`, so a v_j arriving now counts):
///        x_i⁺ = r_ii v_i + Σ_j r_ij v_j                 (newest v_j that has arrived: stale)
///     — compute g_i(x_i⁺): the worker is busy for one compute time —
///     4. z_i += Σ_j c_ij (ρ_j − ρ̃_ij), ρ̃_ij = ρ_j       (each newly arrived running sum)
///        z_i += g_i(x_i⁺) − g_i^old;  g_i^old = g_i(x_i⁺);  x_i = x_i⁺;  wake again
///
/// so over one wake z_i ← c_ii z_i + Σ_j c_ij (ρ_j − ρ̃_ij) + g_i(x_i⁺) − g_i^old. The retention
/// z_i = c_ii z_i is applied when ρ_i is sent (not at step 4) so that the invariant below holds at every
/// event. In lock-step (equal compute times, zero transit) every node's step 4 at instant t precedes the
/// arrival of the sums sent at t (FIFO ties), and every pull at t follows every model sent at t, so
/// x⁺ = R(x − γz), z⁺ = Cz + g(x⁺) − g(x): Push-Pull at the same γ.
///
/// `RFASTVariant.legacy` (ablation) keeps RateLab's earlier order: wake: v_i = x_i − γ z_i with z_i
/// already cut to c_ii z_i; mix x_i⁺ at once; fold arrived sums; compute g_i(x_i⁺); then z_i += g − g_old,
/// ρ_i += z_i, z_i = c_ii z_i, send ρ_i and v_i, wake again.
///
/// Messages carry running sums, so a lost packet loses no mass: the next one that arrives carries it.
/// Invariant: Σ_i z_i + Σ_(i,j) c_ij (ρ_j − ρ̃_ij) = Σ_i g_i^old (`trackingMassDefect`).
/// Initialisation: z_i = g_i^old = g_i(x⁰) (evaluated at time 0), ρ = ρ̃ = 0, v_j = x⁰.
final class RFAST: EventDrivenMethod {
    private static let modelChannel = 0, sumChannel = 1
    /// The `timerFired` tag of step 3 (the pull at the end of the wake's instant).
    private static let pullTag = 0

    private let variant: RFASTVariant

    private let p: Int, d: Int
    private let pair: GraphPair
    /// r_ii and (j, r_ij) for j ∈ N_in^R(i), in `pair.pull.inNeighbors[i]` order.
    private let selfPull: [Double], pullWeights: [[Double]]
    /// c_ii and (j, c_ij) for j ∈ N_in^C(i), in `pair.push.inNeighbors[i]` order.
    private let selfPush: [Double], pushWeights: [[Double]]
    /// Offsets of node i's in-edges in the per-edge buffers.
    private let pullOffset: [Int], pushOffset: [Int]
    private let x, z, rho, xPlus, v, gOld, gNew: WorkerMatrix
    /// Per G_R in-edge: newest model received and its sender iteration.
    private let received: WorkerMatrix
    private var receivedIteration: [Int]
    /// Per G_C in-edge: newest running sum received, its iteration, and the last one folded in.
    private let sums: WorkerMatrix, foldedSums: WorkerMatrix
    private var sumIteration: [Int]
    private var sumPending: [Bool]
    private var iteration: [Int]

    var payloadWidth: Int { d }

    init(cluster: Cluster, start: [Double]) throws {
        p = cluster.workers
        d = cluster.dimension
        variant = cluster.spec.rfastVariant
        let pair = try GraphPair.forRun(cluster.spec, workers: p)
        self.pair = pair
        let r = MixingMatrix.rowStochastic(pair.pull).matrix
        let c = MixingMatrix.columnStochastic(pair.push).matrix
        selfPull = (0..<p).map { r[$0, $0] }
        selfPush = (0..<p).map { c[$0, $0] }
        pullWeights = (0..<p).map { i in pair.pull.inNeighbors[i].map { r[i, $0] } }
        pushWeights = (0..<p).map { i in pair.push.inNeighbors[i].map { c[i, $0] } }
        pullOffset = RFAST.offsets(pair.pull.inNeighbors)
        pushOffset = RFAST.offsets(pair.push.inNeighbors)
        let pullEdges = pair.pull.edgeCount
        let pushEdges = pair.push.edgeCount
        x = WorkerMatrix(rows: p, cols: d)
        z = WorkerMatrix(rows: p, cols: d)
        rho = WorkerMatrix(rows: p, cols: d)
        xPlus = WorkerMatrix(rows: p, cols: d)
        v = WorkerMatrix(rows: p, cols: d)
        gOld = WorkerMatrix(rows: p, cols: d)
        gNew = WorkerMatrix(rows: p, cols: d)
        received = WorkerMatrix(rows: pullEdges, cols: d)
        sums = WorkerMatrix(rows: pushEdges, cols: d)
        foldedSums = WorkerMatrix(rows: pushEdges, cols: d)
        receivedIteration = [Int](repeating: -1, count: pullEdges)
        sumIteration = [Int](repeating: -1, count: pushEdges)
        sumPending = [Bool](repeating: false, count: pushEdges)
        iteration = [Int](repeating: 0, count: p)
        x.broadcast(start)
        received.broadcast(start)
        for i in 0..<p {
            cluster.gradient(worker: i, at: x.row(i), into: gOld.row(i))
            Kernels.copy(d, gOld.row(i), z.row(i))
        }
    }

    private static func offsets(_ lists: [[Int]]) -> [Int] {
        var offsets = [Int](), total = 0
        for list in lists { offsets.append(total); total += list.count }
        return offsets
    }

    func start(_ loop: EventLoop) {
        for i in 0..<p { wake(i, loop) }
    }

    /// Steps 1–2 and the pull (step 3) at the end of the instant; legacy: descend, fold, pull now.
    private func wake(_ i: Int, _ loop: EventLoop) {
        Kernels.copy(d, x.row(i), v.row(i))
        Kernels.axpy(d, -loop.cluster.spec.stepSize.rate(at: iteration[i]), z.row(i), v.row(i))
        switch variant {
        case .paper:
            sendSumAndModel(i, loop)
            loop.atEndOfInstant(worker: i, tag: RFAST.pullTag)
        case .legacy:
            foldArrivedSums(i)
            pull(i, loop)
        }
    }

    func timerFired(worker i: Int, tag: Int, _ loop: EventLoop) {
        precondition(tag == RFAST.pullTag, "RFAST: unknown timer tag \(tag)")
        pull(i, loop)
    }

    /// Step 3: x_i⁺ = r_ii v_i + Σ_j r_ij v_j with the newest v_j received, then start computing g_i(x_i⁺).
    private func pull(_ i: Int, _ loop: EventLoop) {
        let next = xPlus.row(i)
        next.update(repeating: 0, count: d)
        Kernels.axpy(d, selfPull[i], v.row(i), next)
        for (k, w) in pullWeights[i].enumerated() { Kernels.axpy(d, w, received.row(pullOffset[i] + k), next) }
        loop.cluster.gradient(worker: i, at: next, into: gNew.row(i))
        loop.beginGradient(worker: i)
    }

    /// z_i += c_ij (ρ_j − ρ̃_ij) and ρ̃_ij = ρ_j for every G_C in-neighbour j whose newer running sum has arrived.
    private func foldArrivedSums(_ i: Int) {
        for (k, w) in pushWeights[i].enumerated() where sumPending[pushOffset[i] + k] {
            let e = pushOffset[i] + k
            Kernels.axpy(d, w, sums.row(e), z.row(i))
            Kernels.axpy(d, -w, foldedSums.row(e), z.row(i))
            Kernels.copy(d, sums.row(e), foldedSums.row(e))
            sumPending[e] = false
        }
    }

    /// ρ_i += z_i, z_i = c_ii z_i (the pushed mass leaves the tracker), then send ρ_i on G_C and v_i on G_R.
    private func sendSumAndModel(_ i: Int, _ loop: EventLoop) {
        Kernels.axpy(d, 1, z.row(i), rho.row(i))
        Kernels.scale(d, selfPush[i], z.row(i))
        for j in pair.push.outNeighbors[i] {
            loop.send(from: i, to: j, channel: RFAST.sumChannel, iteration: iteration[i], payload: rho.view(i))
        }
        for j in pair.pull.outNeighbors[i] {
            loop.send(from: i, to: j, channel: RFAST.modelChannel, iteration: iteration[i], payload: v.view(i))
        }
        loop.cluster.communicationActions += 1
    }

    /// Step 4 (legacy: the tracking correction, then send), then wake again.
    func gradientReady(worker i: Int, _ loop: EventLoop) {
        if variant == .paper { foldArrivedSums(i) }
        Kernels.trackGradient(d, new: gNew.row(i), old: gOld.row(i), tracker: z.row(i))
        Kernels.copy(d, xPlus.row(i), x.row(i))
        iteration[i] += 1
        if variant == .legacy { sendSumAndModel(i, loop) }
        wake(i, loop)
    }

    func deliver(_ message: Message, payload: UnsafePointer<Double>, _ loop: EventLoop) {
        let i = message.to
        if message.channel == RFAST.modelChannel {
            let e = pullOffset[i] + pair.pull.inNeighbors[i].firstIndex(of: message.from)!
            guard message.iteration > receivedIteration[e] else { return }
            receivedIteration[e] = message.iteration
            Kernels.copy(d, payload, received.row(e))
        } else {
            let e = pushOffset[i] + pair.push.inNeighbors[i].firstIndex(of: message.from)!
            guard message.iteration > sumIteration[e] else { return }
            sumIteration[e] = message.iteration
            Kernels.copy(d, payload, sums.row(e))
            sumPending[e] = true
        }
    }

    func models(into out: WorkerMatrix) { out.assign(x) }

    /// max_k |Σ_i z_ik + Σ_(i,j) c_ij (ρ_jk − ρ̃_ijk) − Σ_i g_ik^old|, with ρ_j the sender's current
    /// running sum (so mass in flight or lost counts): zero up to rounding under any delay or loss.
    var trackingMassDefect: Double {
        var defect = 0.0
        for k in 0..<d {
            var s = 0.0
            for i in 0..<p {
                s += z.row(i)[k] - gOld.row(i)[k]
                for (n, j) in pair.push.inNeighbors[i].enumerated() {
                    s += pushWeights[i][n] * (rho.row(j)[k] - foldedSums.row(pushOffset[i] + n)[k])
                }
            }
            defect = max(defect, abs(s))
        }
        return defect
    }
}
