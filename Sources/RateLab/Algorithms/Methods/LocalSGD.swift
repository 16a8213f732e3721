import RateLabLinalg
import RateLabTopology

/// The local-SGD family on one mechanism — `sgd-allreduce`, `local-sgd` (LUPA-SGD), `ada-local-sgd`
/// (ADA-LUPA) and `adacomm` differ only in their `PeriodSchedule`:
///
///     x_j ← x_j − η_t g_j(x_j)                     every step, on every worker
///     x_j ← (1/p) Σ_k x_k  (Ring-AllReduce)         when the current period of τ_i steps ends
///
/// Synchronous SGD is τ = 1: averaging models right after one step from a common point equals
/// averaging gradients. Workers' clocks run independently within a period; the all-reduce is a barrier.
final class LocalSGD: SynchronousMethod {
    private let x: WorkerMatrix
    private let average: UnsafeMutablePointer<Double>
    private let schedule: PeriodSchedule
    private let initialLoss: Double
    /// τ_i of every round started so far; Σ τ_i = T once the run is complete.
    private(set) var periods: [Int] = []
    private var nextAveraging: Int

    init(cluster: Cluster, start: [Double], periods schedule: PeriodSchedule) {
        let d = cluster.dimension
        x = WorkerMatrix(rows: cluster.workers, cols: d)
        x.broadcast(start)
        average = .allocate(capacity: max(1, d))
        self.schedule = schedule
        initialLoss = schedule.readsLoss ? start.withUnsafeBufferPointer { cluster.loss($0.baseAddress!) } : 1
        let first = min(schedule.period(round: 0, initialLoss: initialLoss, currentLoss: initialLoss), cluster.spec.steps)
        periods = [first]
        nextAveraging = first
    }

    deinit { average.deallocate() }

    func iterate(_ t: Int, on cluster: Cluster) { advance(from: t, to: t + 1, on: cluster) }

    /// Within a period the workers are independent: each runs its local steps up to the next
    /// averaging (or `end`) on its own, in parallel across `cluster.threads`, with its rows hot in cache.
    func advance(from start: Int, to end: Int, on cluster: Cluster) {
        let d = cluster.dimension
        var t = start
        while t < end {
            let stop = min(nextAveraging, end)
            let first = t
            cluster.forEachWorker { i, task in
                let g = cluster.scratch(task: task)
                for s in first..<stop {
                    cluster.gradient(worker: i, at: x.row(i), into: g)
                    Kernels.axpy(d, -cluster.spec.stepSize.rate(at: s), g, x.row(i))
                    cluster.spendCompute(worker: i)
                }
            }
            t = stop
            if t == nextAveraging { averageModels(on: cluster) }
        }
    }

    /// x_i ← x̄ for every worker, a Ring-AllReduce barrier, and the next period from the schedule.
    private func averageModels(on cluster: Cluster) {
        Kernels.average(x, into: average)
        x.broadcast(average)
        cluster.barrier(communication: cluster.allReduceTime())
        let remaining = cluster.spec.steps - nextAveraging
        guard remaining > 0 else { return }
        let current = schedule.readsLoss ? cluster.loss(average) : initialLoss
        let tau = min(schedule.period(round: periods.count, initialLoss: initialLoss, currentLoss: current), remaining)
        periods.append(tau)
        nextAveraging += tau
    }

    func models(into out: WorkerMatrix) { out.assign(x) }
}
