import RateLabLinalg
import RateLabProblems
import RateLabSimulation
import RateLabTopology

/// The simulated workers and network every method runs on: per-worker clocks, gradient oracles,
/// compute-time draws, and the network with its collectives.
///
/// Random streams are one per (worker, purpose) — sampling, compute — plus one per link (network) and
/// one for the method's own choices, so a run is a pure function of its seed.
///
/// This is the whole API a method (`SynchronousMethod`, `EventDrivenMethod`) needs: gradients, compute time,
/// the collectives' time, per-thread scratch, and the run's settings. Times are simulated seconds.
public final class Cluster {
    /// The problem: worker i's oracle is `gradient(worker: i, …)`.
    public let problem: Problem
    /// The run's settings (step size `spec.stepSize.rate(at: t)`, τ, topology, seed, …).
    public let spec: RunSpec
    /// p.
    public let workers: Int
    /// d.
    public let dimension: Int
    /// Threads that `forEachWorker` spreads the workers over (1: the caller's thread only).
    public let threads: Int
    /// Collectives (synchronous) or communication actions (asynchronous).
    public var communicationActions = 0
    /// The links' state (latency, bandwidth, loss, delay draws) and message counts.
    public var network: NetworkState
    /// The method's own random choices (e.g. AD-PSGD's neighbour).
    public var methodRandom: RandomStream
    /// What worker i's computation changes (clock, streams, evaluation count), one cache line apart.
    private let slots: WorkerSlots
    /// The threads of `forEachWorker`, started on its first call (event-driven methods never make one).
    private lazy var team = WorkerTeam(size: threads)
    /// One d-vector of scratch per task of `forEachWorker` (e.g. the gradient of the worker at hand).
    private let scratchRows: WorkerMatrix

    /// A lower bound subtracted from f by loss-driven schedules so that F = f − lossFloor ≥ 0
    /// (min(0, f*): losses are already ≥ 0, a quadratic's f* may be negative).
    public let lossFloor: Double

    /// The cluster of `problem.workerCount` workers for a run of `spec`, at time 0 (`Simulator.run` builds it).
    public init(problem: Problem, spec: RunSpec, lossFloor: Double = 0, threads: Int = 1) {
        self.problem = problem
        self.spec = spec
        self.lossFloor = lossFloor
        workers = problem.workerCount
        dimension = problem.dimension
        self.threads = max(1, min(threads, workers))
        scratchRows = WorkerMatrix(rows: self.threads, cols: dimension)
        network = NetworkState(model: spec.network, workerCount: workers, seed: spec.seed)
        methodRandom = RandomStream(seed: spec.seed, stream: 0, purpose: .algorithm)
        slots = WorkerSlots(count: workers) { i in
            WorkerSlot(sampling: RandomStream(seed: spec.seed, stream: UInt64(i), purpose: .sampling),
                       compute: RandomStream(seed: spec.seed, stream: UInt64(i), purpose: .compute))
        }
    }

    /// Gradient evaluations summed over workers.
    public var gradientEvaluations: Int { (0..<workers).reduce(0) { $0 + slots[$1].pointee.evaluations } }

    /// Runs `body(i, task)` for every worker i on `threads` threads (task = the thread's index, for
    /// per-thread scratch): thread k takes the k-th contiguous block of workers, then what is left of
    /// the others (`WorkerTeam`). Bodies of different workers may run concurrently: they may use
    /// worker i's oracle, clock and rows only. Every worker's computation is sequential and draws from
    /// its own streams, so results do not depend on `threads` or on which thread ran which worker.
    public func forEachWorker(_ body: (_ worker: Int, _ task: Int) -> Void) {
        guard threads > 1 else {
            for i in 0..<workers { body(i, 0) }
            return
        }
        team.run(items: workers, body)
    }

    /// F(x) = f(x) − lossFloor, the loss the adaptive averaging rules look at.
    public func loss(_ x: UnsafePointer<Double>) -> Double {
        problem.value(UnsafeBufferPointer(start: x, count: dimension)) - lossFloor
    }

    /// The latest worker clock (simulated seconds).
    public var now: Double { (0..<workers).reduce(0) { max($0, slots[$1].pointee.clock) } }

    /// Sets worker i's clock to `time` (simulated seconds).
    public func setClock(worker i: Int, to time: Double) { slots[i].pointee.clock = time }

    /// The scratch vector of `forEachWorker`'s task `task` (d doubles, on cache lines of its own).
    @inline(__always)
    public func scratch(task: Int) -> UnsafeMutablePointer<Double> { scratchRows.row(task) }

    /// g ← ∇f_i(x) (exact, batch 0) or a minibatch estimate of it; counts one evaluation.
    @inline(__always)
    public func gradient(worker i: Int, at x: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>) {
        let xs = UnsafeBufferPointer(start: x, count: dimension)
        let gs = UnsafeMutableBufferPointer(start: g, count: dimension)
        if spec.batchSize == 0 {
            problem.localGradient(worker: i, xs, into: gs)
        } else {
            problem.stochasticGradient(worker: i, xs, batchSize: spec.batchSize, rng: &slots[i].pointee.sampling, into: gs)
        }
        slots[i].pointee.evaluations += 1
    }

    /// Seconds worker i needs for its next gradient (compute model with stragglers).
    @inline(__always)
    public func drawComputeTime(worker i: Int) -> Double {
        spec.compute.sampleTime(worker: i, workerCount: workers, rng: &slots[i].pointee.compute)
    }

    /// Advances worker i's clock by one gradient's compute time (synchronous methods).
    @inline(__always)
    public func spendCompute(worker i: Int) { slots[i].pointee.clock += drawComputeTime(worker: i) }

    /// Synchronisation: every worker waits for the slowest, then the collective takes `communication` seconds.
    public func barrier(communication: Double) {
        let t = now + communication
        for i in 0..<workers { setClock(worker: i, to: t) }
        communicationActions += 1
    }

    /// Time of a Ring-AllReduce of d doubles (each lost packet costs a retransmission timeout).
    public func allReduceTime() -> Double { network.ringAllReduce(doubles: dimension) }

    /// Synchronous gossip: every edge j → i of `graph` carries `doubles` values, retransmitted until
    /// delivered; the exchange takes as long as its slowest link.
    public func gossipTime(_ graph: Graph, doubles: Int) -> Double {
        var slowest = 0.0
        for i in 0..<workers {
            for j in graph.inNeighbors[i] { slowest = max(slowest, network.sendReliably(from: j, to: i, doubles: doubles)) }
        }
        return slowest
    }
}
