/// What every method exposes to the engine: its worker models, for the metrics.
public protocol Method: AnyObject {
    /// out_i ← worker i's model x_i (for push-sum methods the de-biased z_i = x_i / w_i).
    func models(into out: WorkerMatrix)
    /// The averaging periods τ_i used so far (methods with periodic averaging; empty otherwise).
    var periods: [Int] { get }
}

extension Method {
    public var periods: [Int] { [] }
}

/// A synchronous method: the engine calls `iterate` once per iteration; the method takes one local
/// gradient step on every worker (charging compute with `Cluster.spendCompute`) and communicates
/// through the cluster's collectives (charging a `barrier`).
protocol SynchronousMethod: Method {
    func iterate(_ t: Int, on cluster: Cluster)
    /// Iterations t ∈ [start, end) with no checkpoint strictly inside: a method whose workers are
    /// independent between communications can run them worker by worker (`Cluster.forEachWorker`).
    func advance(from start: Int, to end: Int, on cluster: Cluster)
}

extension SynchronousMethod {
    /// One `iterate` after another.
    func advance(from start: Int, to end: Int, on cluster: Cluster) {
        for t in start..<end { iterate(t, on: cluster) }
    }
}

/// An asynchronous method driven by events: each worker runs at its own pace and uses what has arrived.
protocol EventDrivenMethod: Method {
    /// Doubles per message (the loop's payload slot size).
    var payloadWidth: Int { get }
    /// At time 0: start every worker (typically `loop.beginGradient` for each).
    func start(_ loop: EventLoop)
    /// Worker i's gradient, begun earlier, is ready at `loop.now`.
    func gradientReady(worker i: Int, _ loop: EventLoop)
    /// `message` arrived at `loop.now`; its `payload` is valid only during this call.
    func deliver(_ message: Message, payload: UnsafePointer<Double>, _ loop: EventLoop)
    /// A timer the method set with `loop.setTimer` fired.
    func timerFired(worker i: Int, tag: Int, _ loop: EventLoop)
}

extension EventDrivenMethod {
    func timerFired(worker i: Int, tag: Int, _ loop: EventLoop) {}
}
