/// What one RateLab child process measured for its workload (printed as one JSON line).
struct BenchMeasurement: Codable, Sendable {
    /// The workload letter.
    var workload: String
    /// Seconds to build the problem (data, L and μ by dsyevd); not part of the throughput.
    var setupSeconds: Double
    /// Seconds of simulation (`Simulator.run`), the timed part; for a sweep, on all cores.
    var wallSeconds: Double
    /// Minibatch sample gradients computed: gradient evaluations × B.
    var sampleGradients: Int
    /// Event-driven runs: simulated events, i.e. gradient completions plus messages delivered or in
    /// flight at the end (sent − dropped); 0 for synchronous runs.
    var events: Int
    /// Peak resident memory of the child process in bytes (`getrusage` ru_maxrss).
    var peakMemoryBytes: Int
    /// Resident memory of the child before the problem is built (runtime and libraries), bytes.
    var baselineMemoryBytes: Int
    /// The run's own peak memory: peak − baseline, bytes.
    var runMemoryBytes: Int { max(0, peakMemoryBytes - baselineMemoryBytes) }
    /// f(x̄_T) at the end of the (first) run.
    var finalLoss: Double
    /// Sweeps only: seconds on one thread, the thread count used, and whether every cell's result
    /// was bitwise identical on one thread and on all of them.
    var sweep: SweepTiming?

    /// Sweep timing of workload E.
    struct SweepTiming: Codable, Sendable {
        var oneThreadSeconds: Double
        var allThreadsSeconds: Double
        var threads: Int
        var identicalResults: Bool
        /// The speed-up t₁ / t_N of a pure arithmetic loop (no memory traffic) split the same way
        /// right before the sweep: how much parallelism the machine actually gave at that moment
        /// (below the thread count when other processes share the cores).
        var machineSpeedup: Double
        /// Speed-up of all cores over one thread: t₁ / t_N.
        var speedup: Double { oneThreadSeconds / max(1e-12, allThreadsSeconds) }
    }

    /// Sample gradients per second of simulation.
    var sampleGradientsPerSecond: Double { Double(sampleGradients) / max(1e-12, wallSeconds) }
    /// Events per second of simulation.
    var eventsPerSecond: Double { Double(events) / max(1e-12, wallSeconds) }
}

/// What the NumPy peer printed (benchmarks/numpy_local_sgd.py).
struct NumPyMeasurement: Codable, Sendable {
    var wallSeconds: Double
    var sampleGradients: Int
    var sampleGradientsPerSecond: Double
    var setupSeconds: Double
    var finalLoss: Double
    var numpy: String

    private enum CodingKeys: String, CodingKey {
        case wallSeconds = "wall_seconds", sampleGradients = "sample_gradients"
        case sampleGradientsPerSecond = "sample_gradients_per_second", setupSeconds = "setup_seconds"
        case finalLoss = "final_loss", numpy
    }
}
