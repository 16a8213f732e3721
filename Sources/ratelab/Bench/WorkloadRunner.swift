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
    /// Builds the workload's problem, runs it, and returns the timings and the peak memory.
    static func measure(_ workload: BenchWorkload) throws -> BenchMeasurement {
        var problem: Problem?
        let setup = try seconds { problem = try ProblemFactory.make(workload.problemSpec) }
        let logistic = problem!
        let reference = Reference(fStar: 0, xStar: [Double](repeating: 0, count: logistic.dimension))
        var result: RunResult?
        var sweep: BenchMeasurement.SweepTiming?
        let wall: Double
        switch workload.mode {
        case .localSGD, .rfast:
            let spec = try workload.runSpec()
            wall = try seconds { result = try Simulator.run(problem: logistic, reference: reference, spec: spec) }
        case let .sweep(cells):
            let specs = try (0..<cells).map { try workload.runSpec(seed: UInt64($0 + 1)) }
            func sweepResults(threads: Int) -> [Result<RunResult, Error>] {
                ParallelCells.map(cells, threads: threads) { cell in
                    Result { try Simulator.run(problem: logistic, reference: reference, spec: specs[cell]) }
                }
            }
            var serial: [Result<RunResult, Error>] = [], parallel: [Result<RunResult, Error>] = []
            let threads = ParallelCells.defaultThreads
            let oneThread = try seconds { serial = sweepResults(threads: 1) }
            wall = try seconds { parallel = sweepResults(threads: threads) }
            let serialRuns = try serial.map { try $0.get() }, parallelRuns = try parallel.map { try $0.get() }
            let identical = zip(serialRuns, parallelRuns).allSatisfy {
                $0.finalAverage == $1.finalAverage && $0.checkpoints == $1.checkpoints
            }
            sweep = .init(oneThreadSeconds: oneThread, threads: threads, identicalResults: identical, allThreadsSeconds: wall)
            result = parallelRuns[0]
        }
        let run = result!
        guard !run.status.isDiverged, let last = run.checkpoints.last else {
            throw BenchError.runDidNotComplete(workload: workload.id, status: run.status.description)
        }
        let runs: Int
        if case let .sweep(cells) = workload.mode { runs = cells } else { runs = 1 }
        return BenchMeasurement(
            workload: workload.id, setupSeconds: setup, wallSeconds: wall,
            sampleGradients: runs * last.gradEvals * BenchWorkload.batchSize,
            events: runs * (last.gradEvals + last.messages - last.dropped),
            peakMemoryBytes: peakResidentBytes(), finalLoss: last.gap, sweep: sweep)
    }

    /// Wall-clock seconds `body` takes (monotonic clock).
    private static func seconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    }

    /// The process's peak resident set size in bytes (Linux reports ru_maxrss in KiB).
    private static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
