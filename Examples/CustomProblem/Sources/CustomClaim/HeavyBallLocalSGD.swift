import RateLab

/// Local SGD with heavy-ball momentum (Polyak 1964), a method added from outside RateLab. On every
/// worker i, with step η_t (`run.lr`) and momentum β:
///
///     x_i ← x_i − η_t g_i(x_i) + β (x_i − x_i⁻),   x_i⁻ ← the x_i before this step
///
/// and every τ steps (`run.tau`) both x_i and x_i⁻ are replaced by their averages over the workers (two
/// Ring-AllReduce of d doubles), so the momentum x − x⁻ is averaged too. With τ = 1 and exact gradients
/// this is heavy-ball GD on f = (1/p) Σ f_i: on a quadratic whose slowest eigenvalue μ of ∇²f is
/// overdamped, (1 + β − ημ)² ≥ 4β, ‖x − x*‖ contracts asymptotically by the larger root of
/// z² − (1 + β − ημ) z + β = 0, faster than GD's 1 − ημ (the example's claim checks it).
final class HeavyBallLocalSGD: SynchronousMethod {
    /// β.
    let momentum: Double
    private let x: WorkerMatrix
    private let previous: WorkerMatrix
    /// The average of the workers' rows, one row.
    private let average: WorkerMatrix

    init(cluster: Cluster, start: [Double], momentum: Double) {
        self.momentum = momentum
        x = WorkerMatrix(rows: cluster.workers, cols: cluster.dimension)
        x.broadcast(start)
        previous = WorkerMatrix(rows: cluster.workers, cols: cluster.dimension)
        previous.broadcast(start)
        average = WorkerMatrix(rows: 1, cols: cluster.dimension)
    }

    func iterate(_ t: Int, on cluster: Cluster) {
        let d = cluster.dimension, eta = cluster.spec.stepSize.rate(at: t), beta = momentum
        cluster.forEachWorker { i, task in
            let g = cluster.scratch(task: task), xi = x.row(i), before = previous.row(i)
            cluster.gradient(worker: i, at: xi, into: g)
            for k in 0..<d {
                let next = xi[k] - eta * g[k] + beta * (xi[k] - before[k])
                before[k] = xi[k]
                xi[k] = next
            }
            cluster.spendCompute(worker: i)
        }
        if (t + 1) % cluster.spec.tau == 0 {
            for rows in [x, previous] {
                Kernels.average(rows, into: average.row(0))
                rows.broadcast(average.row(0))
            }
            cluster.barrier(communication: cluster.allReduceTime() + cluster.allReduceTime())
        }
    }

    func models(into out: WorkerMatrix) { out.assign(x) }
}
