import Foundation
import RateLab
#if canImport(Glibc)
import Glibc
#endif

/// Runs one workload in this process and measures it (the body of `ratelab bench --child`).
///
/// Runs are measured against a cheap reference (f* = 0, x* = 0) instead of a certified optimum:
/// certifying would dominate the set-up and the metrics are computed only twice per run anyway.
enum WorkloadRunner {
    /// Timings of a sweep (E) on one thread and on all cores, alternating; the fastest of each counts.
    static let sweepRepetitions = 2

    /// Builds the workload's problem, runs it, and returns the timings and the peak memory.
    static func measure(_ workload: BenchWorkload) throws -> BenchMeasurement {
        // Start threads first (the Dispatch pool of a sweep's cells, and with it the per-thread malloc
        // arenas a run's worker team reuses): they belong to the process, not to the run's memory.
        DispatchQueue.concurrentPerform(iterations: ParallelCells.defaultThreads) { _ in }
        let baseline = residentBytes()
        let (logistic, setup) = try timed { try ProblemFactory.make(workload.problemSpec) }
        let reference = Reference(fStar: 0, xStar: [Double](repeating: 0, count: logistic.dimension))
        let run: RunResult, wall: Double
        var sweep: BenchMeasurement.SweepTiming?
        switch workload.mode {
        case .localSGD, .rfast:
            let spec = try workload.runSpec()
            (run, wall) = try timed {
                try Simulator.run(problem: logistic, reference: reference, spec: spec, threads: ParallelCells.defaultThreads)
            }
        case let .sweep(cells):
            let specs = try (0..<cells).map { try workload.runSpec(seed: UInt64($0 + 1)) }
            func sweepResults(threads: Int) -> [Result<RunResult, Error>] {
                ParallelCells.map(cells, threads: threads) { cell in
                    Result { try Simulator.run(problem: logistic, reference: reference, spec: specs[cell]) }
                }
            }
            let threads = ParallelCells.defaultThreads
            let machine = machineSpeedup(cells: cells, threads: threads)
            // Each timing is the fastest of `sweepRepetitions`, one thread and all cores alternating, so
            // that a burst of load from elsewhere on the machine does not decide the ratio.
            var serial: [Result<RunResult, Error>] = [], parallel: [Result<RunResult, Error>] = []
            var oneThread = Double.infinity, allThreads = Double.infinity
            for _ in 0..<sweepRepetitions {
                let (one, oneSeconds) = timed { sweepResults(threads: 1) }
                if oneSeconds < oneThread { (serial, oneThread) = (one, oneSeconds) }
                let (all, allSeconds) = timed { sweepResults(threads: threads) }
                if allSeconds < allThreads { (parallel, allThreads) = (all, allSeconds) }
            }
            wall = allThreads
            let serialRuns = try serial.map { try $0.get() }, parallelRuns = try parallel.map { try $0.get() }
            let identical = zip(serialRuns, parallelRuns).allSatisfy {
                $0.finalAverage == $1.finalAverage && $0.checkpoints == $1.checkpoints
            }
            sweep = .init(oneThreadSeconds: oneThread, allThreadsSeconds: wall, threads: threads, identicalResults: identical,
                          machineSpeedup: machine)
            run = parallelRuns[0]
        }
        guard !run.status.isDiverged, let last = run.checkpoints.last else {
            throw BenchError.runDidNotComplete(workload: workload.id, status: run.status.description)
        }
        var runs = 1, events = 0
        switch workload.mode {
        case let .sweep(cells): runs = cells
        case .rfast: events = last.gradEvals + last.messages - last.dropped
        case .localSGD: break
        }
        return BenchMeasurement(
            workload: workload.id, setupSeconds: setup, wallSeconds: wall,
            sampleGradients: runs * last.gradEvals * BenchWorkload.batchSize,
            events: events,
            peakMemoryBytes: peakResidentBytes(), baselineMemoryBytes: baseline, finalLoss: last.gap, sweep: sweep)
    }

    /// `body()` and the wall-clock seconds it took (monotonic clock).
    private static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }

    /// t₁ / t_N for `cells` cells of 2·10⁷ `RandomStream` draws each (pure arithmetic, registers
    /// only), mapped by `ParallelCells.map` on one thread and on `threads`.
    private static func machineSpeedup(cells: Int, threads: Int) -> Double {
        func spin(_ threads: Int) -> [UInt64] {
            ParallelCells.map(cells, threads: threads) { cell in
                var rng = RandomStream(seed: UInt64(cell), purpose: .compute)
                var acc: UInt64 = 0
                for _ in 0..<20_000_000 { acc ^= rng.next() }
                return acc
            }
        }
        let (serial, one) = timed { spin(1) }
        let (parallel, all) = timed { spin(threads) }
        precondition(serial == parallel, "ParallelCells.map must not change the result")
        return one / max(1e-12, all)
    }

    /// The process's current resident set size in bytes (/proc/self/statm, second field, in pages).
    private static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The process's peak resident set size in bytes (Linux reports ru_maxrss in KiB).
    private static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
