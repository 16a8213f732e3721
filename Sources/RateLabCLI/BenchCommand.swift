import ArgumentParser
import Foundation
import RateLab

/// `ratelab bench`: runs the fixed workloads A–F, each in its own child process (so its peak memory
/// is its own), next to the NumPy peer, prints the table and writes `<reports>/bench.json`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark the simulator against a NumPy peer (workloads A–F; writes bench.json).")

    @Option(name: .long, help: "Directory for bench.json.")
    var reports = "reports"

    @Option(name: .long, help: "Run only these workloads (comma-separated letters, e.g. A,C).")
    var workload: String?

    /// Internal: how the parent runs each workload in a child process; hidden from `--help`.
    @Flag(name: .long, help: ArgumentHelp("Measure one workload in this process and print its JSON line (used by the parent).",
                                          visibility: .private))
    var child = false

    @Option(name: .long, help: "Python interpreter for the NumPy peer.")
    var python = "python3"

    @Option(name: .long, help: "The NumPy peer script.")
    var peer = "benchmarks/numpy_local_sgd.py"

    /// Runs of each side for a workload with a NumPy peer, alternating RateLab and NumPy; the fastest
    /// of each is compared (the machines this runs on are shared, and a slow run says nothing about
    /// either implementation).
    static let repetitions = 3

    func run() throws {
        let selected = try workload.map { list in
            try list.split(separator: ",").map { try BenchWorkload.named(String($0)) }
        } ?? BenchWorkload.all
        if child {
            for workload in selected {
                let measurement = try WorkloadRunner.measure(workload)
                print(String(decoding: try JSONEncoder().encode(measurement), as: UTF8.self))
            }
            return
        }
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let single = ["OPENBLAS_NUM_THREADS": "1"]
        var rows: [BenchRow] = []
        let pythonPath = ChildProcess.locate(python)
        for workload in selected {
            printError("bench: workload \(workload.id): \(workload.summary)")
            var measurements: [BenchMeasurement] = [], peers: [NumPyMeasurement] = []
            let peerRuns = workload.hasNumPyPeer
            for _ in 0..<(peerRuns ? BenchCommand.repetitions : 1) {
                measurements.append(try ChildProcess.runDecoding(
                    BenchMeasurement.self, executable: executable,
                    arguments: ["bench", "--workload", workload.id, "--child"], environment: single))
                if peerRuns {
                    peers.append(try ChildProcess.runDecoding(
                        NumPyMeasurement.self, executable: pythonPath,
                        arguments: [peer] + workload.numpyArguments, environment: single))
                }
            }
            rows.append(BenchRow(workload, ratelab: measurements, numpy: peers))
        }
        print(try BenchReport.table(rows).render(), terminator: "")
        for note in BenchReport.notes(rows) { print(note) }
        let path = (reports as NSString).appendingPathComponent("bench.json")
        try BenchReport.write(rows, openblasThreads: single["OPENBLAS_NUM_THREADS"]!, to: path)
        print("bench: wrote \(path)")
    }
}
