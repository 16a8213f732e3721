import RateLab

/// One fixed workload of `ratelab bench`: a problem size, a method and how it is measured.
///
/// Every workload is logistic regression (λ = 10⁻³, 10 % label flips) on synthetic Gaussian data,
/// minibatch B = 32, τ = 10, step size η = 0.05 (R-FAST: γ = 0.01), metrics only at the start and the
/// end (`checkpointEvery` = T) so that the timed loop is the simulation itself.
struct BenchWorkload: Sendable {
    /// How the workload is run and what it is compared against.
    enum Mode: Sendable {
        /// One Local SGD run, compared with the NumPy peer when `numpyPeer` is true.
        case localSGD(numpyPeer: Bool)
        /// One R-FAST run on a ring with stragglers and packet loss (events per second, no peer).
        case rfast(stragglers: String, loss: Double)
        /// `cells` Local SGD runs (seeds 1…cells) on one shared problem, on 1 thread and on all cores.
        case sweep(cells: Int)
    }

    /// The letter used on the command line (`--workload A`).
    let id: String
    let mode: Mode
    /// p.
    let workers: Int
    /// d.
    let dimension: Int
    /// m, rows per worker.
    let samplesPerWorker: Int
    /// T: steps per worker.
    let steps: Int
    /// The speed-up this workload must reach (× NumPy, or × one thread for a sweep); nil = only
    /// that it completes.
    let target: Double?

    static let batchSize = 32
    static let tau = 10
    static let lambda = 1e-3
    static let stepSize = 0.05
    static let rfastStepSize = 0.01

    /// Workloads A–F of issue 5, in table order.
    static let all: [BenchWorkload] = [
        BenchWorkload(id: "A", mode: .localSGD(numpyPeer: true), workers: 8, dimension: 50, samplesPerWorker: 1000,
                      steps: 20_000, target: 20),
        BenchWorkload(id: "B", mode: .localSGD(numpyPeer: true), workers: 64, dimension: 50, samplesPerWorker: 500,
                      steps: 5000, target: 20),
        BenchWorkload(id: "C", mode: .localSGD(numpyPeer: true), workers: 8, dimension: 1000, samplesPerWorker: 1000,
                      steps: 5000, target: 5),
        BenchWorkload(id: "D", mode: .rfast(stragglers: "0.125:5", loss: 0.1), workers: 64, dimension: 50,
                      samplesPerWorker: 500, steps: 5000, target: nil),
        // Cells as long as A's run (about 0.1 s each), so that per-cell set-up does not dominate the timing.
        BenchWorkload(id: "E", mode: .sweep(cells: 16), workers: 8, dimension: 50, samplesPerWorker: 1000,
                      steps: 20_000, target: 1.8),
        BenchWorkload(id: "F", mode: .localSGD(numpyPeer: false), workers: 1024, dimension: 1000, samplesPerWorker: 50,
                      steps: 100, target: nil),
    ]

    /// The workload called `id` (case-insensitive); throws `BenchError.unknownWorkload` otherwise.
    static func named(_ id: String) throws -> BenchWorkload {
        guard let workload = all.first(where: { $0.id.lowercased() == id.lowercased() }) else {
            throw BenchError.unknownWorkload(id, known: all.map(\.id))
        }
        return workload
    }

    /// One line for the table, e.g. "local-sgd p=8 d=50 m=1000 T=20000".
    var summary: String {
        let size = "p=\(workers) d=\(dimension) m=\(samplesPerWorker) T=\(steps)"
        switch mode {
        case .localSGD: return "local-sgd \(size)"
        case let .rfast(stragglers, loss): return "rfast ring \(size) stragglers \(stragglers) loss \(loss)"
        case let .sweep(cells): return "sweep \(cells)×local-sgd \(size)"
        }
    }

    /// The logistic problem of the workload (data seed 1).
    var problemSpec: ProblemSpec {
        ProblemSpec(name: "logistic", lambda: BenchWorkload.lambda, dimension: dimension,
                    samplesPerWorker: samplesPerWorker, workers: workers)
    }

    /// The run of the workload with simulation seed `seed`.
    func runSpec(seed: UInt64 = 1) throws -> RunSpec {
        var spec: RunSpec
        switch mode {
        case .localSGD, .sweep:
            spec = RunSpec(algorithm: .localSGD)
            spec.stepSize = .constant(BenchWorkload.stepSize)
        case let .rfast(stragglers, loss):
            spec = RunSpec(algorithm: .rfast)
            spec.stepSize = .constant(BenchWorkload.rfastStepSize)
            spec.topology = .ring
            spec.compute = ComputeModel(stragglers: try StragglerModel(parsing: stragglers))
            spec.network = NetworkModel(loss: .independent(probability: loss))
        }
        spec.steps = steps
        spec.batchSize = BenchWorkload.batchSize
        spec.tau = BenchWorkload.tau
        spec.checkpointEvery = steps
        spec.seed = seed
        return spec
    }

    /// Whether the NumPy peer runs this workload.
    var hasNumPyPeer: Bool {
        if case let .localSGD(peer) = mode { return peer }
        return false
    }

    /// The peer's command-line arguments for the same workload.
    var numpyArguments: [String] {
        ["--workers", "\(workers)", "--dimension", "\(dimension)", "--samples-per-worker", "\(samplesPerWorker)",
         "--steps", "\(steps)", "--batch", "\(BenchWorkload.batchSize)", "--tau", "\(BenchWorkload.tau)",
         "--lr", "\(BenchWorkload.stepSize)", "--lam", "\(BenchWorkload.lambda)"]
    }

    /// p × d matrices of doubles the run keeps: Local SGD's models and the recorder's copy (2);
    /// R-FAST's x, z, ρ, x⁺, v, g_old, g_new and the recorder's copy (8) plus three per-in-edge
    /// buffers on a ring (2 in-edges per node each: 6).
    var stateVectors: Int {
        switch mode {
        case .localSGD, .sweep: return 2
        case .rfast: return 14
        }
    }

    /// Bytes of the data set as stored: n rows of features, each d doubles padded to whole 64-byte lines
    /// (`AlignedRows`), and n labels, 8 bytes each (n = p·m).
    var dataBytes: Int { workers * samplesPerWorker * (AlignedRows.stride(columns: dimension) + 1) * 8 }

    /// Bytes of the worker state: p·d·`stateVectors` doubles.
    var stateBytes: Int { workers * dimension * stateVectors * 8 }
}
