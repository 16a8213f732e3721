/// What every method exposes to the engine: its worker models, for the metrics.
///
/// A method is a `SynchronousMethod` (lock-step iterations separated by barriers) or an
/// `EventDrivenMethod` (asynchronous, driven by the `EventLoop`); `Simulator.run` drives either kind and
/// records the metrics every `spec.checkpointEvery` iterations. A method added from another package is
/// registered with `MethodCatalog.register` under a name claim files and the CLI accept.
public protocol Method: AnyObject {
    /// out_i ← worker i's model x_i (for push-sum methods the de-biased z_i = x_i / w_i); `out` is p × d.
    func models(into out: WorkerMatrix)
    /// The averaging periods τ_i used so far (methods with periodic averaging; empty otherwise).
    var periods: [Int] { get }
}

extension Method {
    public var periods: [Int] { [] }
}

/// A synchronous method: the engine calls `iterate` once per iteration; the method takes one local
/// gradient step on every worker (`Cluster.gradient`, charging compute time with `Cluster.spendCompute`)
/// and communicates through the cluster's collectives (charging their time with `Cluster.barrier`).
/// One iteration is one gradient evaluation per worker.
public protocol SynchronousMethod: Method {
    /// Iteration t (0-based): the step size of this iteration is `cluster.spec.stepSize.rate(at: t)`.
    func iterate(_ t: Int, on cluster: Cluster)
    /// Iterations t ∈ [start, end) with no checkpoint strictly inside: a method whose workers are
    /// independent between communications can run them worker by worker (`Cluster.forEachWorker`).
    func advance(from start: Int, to end: Int, on cluster: Cluster)
}

extension SynchronousMethod {
    /// One `iterate` after another.
    public func advance(from start: Int, to end: Int, on cluster: Cluster) {
        for t in start..<end { iterate(t, on: cluster) }
    }
}

/// An asynchronous method driven by events: each worker runs at its own pace and uses what has arrived.
/// The run's budget is p·T gradient completions; "iteration" means completions / p.
public protocol EventDrivenMethod: Method {
    /// Doubles per message (the loop's payload slot size).
    var payloadWidth: Int { get }
    /// At time 0: start every worker (typically `loop.beginGradient` for each).
    func start(_ loop: EventLoop)
    /// Worker i's gradient, begun earlier, is ready at `loop.now`.
    func gradientReady(worker i: Int, _ loop: EventLoop)
    /// `message` arrived at `loop.now`; its `payload` is valid only during this call.
    func deliver(_ message: Message, payload: UnsafePointer<Double>, _ loop: EventLoop)
    /// A timer the method set with `loop.setTimer` or `loop.atEndOfInstant` fired.
    func timerFired(worker i: Int, tag: Int, _ loop: EventLoop)
}

extension EventDrivenMethod {
    /// No timers: nothing to do.
    public func timerFired(worker i: Int, tag: Int, _ loop: EventLoop) {}
}
