import Foundation
import RateLab

/// One row of the benchmark: a workload, RateLab's measurement and, when it has one, the peer's.
struct BenchRow: Encodable {
    let workload: String
    let description: String
    /// The fastest RateLab run (with the memory figures of the run that used the most) and the fastest NumPy run.
    let ratelab: BenchMeasurement
    let numpy: NumPyMeasurement?
    /// Simulation seconds of every run, in the order they ran (alternating with the peer's).
    let ratelabRunSeconds: [Double], numpyRunSeconds: [Double]
    /// The ratio the target applies to: RateLab / NumPy sample-gradient throughput, or for a sweep
    /// the speed-up on all cores over one thread; nil when there is no target.
    let ratio: Double?
    let target: Double?
    /// The run's own peak memory / (2 × data bytes + state bytes): ≤ 1 meets the memory target.
    let memoryRatio: Double
    /// RateLab's sample gradients and simulated events per second (the events of event-driven runs).
    let sampleGradientsPerSecond: Double, eventsPerSecond: Double
    /// Whether the targets are met: ratio ≥ target (a workload without one completed, or there would
    /// be no row) and, for a single run, mem/bound ≤ 1 (the memory target is per run, not per sweep).
    let targetMet: Bool

    init(_ workload: BenchWorkload, ratelab runs: [BenchMeasurement], numpy peers: [NumPyMeasurement]) {
        self.workload = workload.id
        description = workload.summary
        var ratelab = runs.min { $0.wallSeconds < $1.wallSeconds }!
        let heaviest = runs.max { $0.runMemoryBytes < $1.runMemoryBytes }!
        (ratelab.peakMemoryBytes, ratelab.baselineMemoryBytes) = (heaviest.peakMemoryBytes, heaviest.baselineMemoryBytes)
        self.ratelab = ratelab
        let numpy = peers.min { $0.wallSeconds < $1.wallSeconds }
        self.numpy = numpy
        ratelabRunSeconds = runs.map(\.wallSeconds)
        numpyRunSeconds = peers.map(\.wallSeconds)
        let ratio = numpy.map { ratelab.sampleGradientsPerSecond / $0.sampleGradientsPerSecond } ?? ratelab.sweep?.speedup
        self.ratio = ratio
        target = workload.target
        memoryRatio = Double(ratelab.runMemoryBytes) / Double(2 * workload.dataBytes + workload.stateBytes)
        sampleGradientsPerSecond = ratelab.sampleGradientsPerSecond
        eventsPerSecond = ratelab.eventsPerSecond
        let fastEnough = workload.target.map { (ratio ?? 0) >= $0 } ?? true
        targetMet = fastEnough && (ratelab.sweep != nil || memoryRatio <= 1)
    }
}

/// The benchmark's outputs: the terminal table and reports/bench.json.
enum BenchReport {
    /// The table: throughput, events, memory and wall times, with the ratio against the target.
    static func table(_ rows: [BenchRow]) throws -> TextTable {
        var table = TextTable(
            columns: ["id", "workload", "setup s", "run s", "sample-grad/s", "events/s", "peak MiB", "run MiB", "mem/bound",
                      "NumPy s", "NumPy grad/s", "ratio", "target", "met"],
            title: "RateLab benchmark (ratio: × NumPy sample-gradient throughput; E: × one thread)")
        for row in rows {
            let m = row.ratelab
            let runSeconds = m.sweep.map { "\(fixed($0.oneThreadSeconds, 2))/\(fixed($0.allThreadsSeconds, 2))" }
            try table.append([
                row.workload, row.description, fixed(m.setupSeconds, 2), runSeconds ?? fixed(m.wallSeconds, 2),
                scientific(m.sampleGradientsPerSecond), scientific(m.eventsPerSecond),
                fixed(Double(m.peakMemoryBytes) / 1_048_576, 1), fixed(Double(m.runMemoryBytes) / 1_048_576, 1),
                fixed(row.memoryRatio, 2),
                row.numpy.map { fixed($0.wallSeconds, 2) } ?? "-",
                row.numpy.map { scientific($0.sampleGradientsPerSecond) } ?? "-",
                row.ratio.map { fixed($0, 1) } ?? "-", row.target.map { "≥ \(fixed($0, 1))" } ?? "completes",
                row.targetMet ? "yes" : "no",
            ])
        }
        return table
    }

    /// Footnotes printed under the table.
    static func notes(_ rows: [BenchRow]) -> [String] {
        var notes = [
            "Timed: the simulation only (problem set-up apart); reference f* = 0, x* = 0 (no certified optimum);",
            "metrics at the start and the end of each run. peak MiB: the child's peak RSS; run MiB: peak minus",
            "its RSS before the problem was built; mem/bound = run MiB / (2·data as stored + p·d·state vectors).",
            "Workloads with a NumPy peer: each side ran \(BenchCommand.repetitions) times, alternating; run s, NumPy s and the ratio",
            "are the fastest of each side (all times are in bench.json); the memory columns are the run that used the most.",
            "run s of a sweep: one thread / all cores, each the fastest of \(WorkloadRunner.sweepRepetitions) alternating repetitions. met: ratio ≥ target\nand (single runs) mem/bound ≤ 1.",
        ]
        if let sweep = rows.compactMap(\.ratelab.sweep).first {
            notes.append("Sweep on \(sweep.threads) threads: results \(sweep.identicalResults ? "bitwise identical" : "DIFFERENT") to one thread; "
                + "a pure arithmetic loop split the same way ran \(fixed(sweep.machineSpeedup, 2))× faster (the parallelism the machine gave).")
        }
        return notes
    }

    /// reports/bench.json: every row with both measurements, and the machine it ran on.
    /// `openblasThreads`: the OPENBLAS_NUM_THREADS the measured processes ran with.
    static func write(_ rows: [BenchRow], openblasThreads: String, to path: String) throws {
        struct Document: Encodable {
            let cores: Int
            let openblasThreads: String
            let rows: [BenchRow]
        }
        let document = Document(
            cores: ProcessInfo.processInfo.activeProcessorCount,
            openblasThreads: openblasThreads, rows: rows)
        try JSONSidecar.write(document, to: path)
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    private static func scientific(_ value: Double) -> String {
        value == 0 ? "-" : String(format: "%.3g", value)
    }
}
