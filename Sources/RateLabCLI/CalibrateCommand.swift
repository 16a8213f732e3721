import ArgumentParser
import Foundation
import RateLab

/// `ratelab calibrate`: Monte Carlo coverage of every interval RateLab's verdicts rest on, on synthetic
/// series with a known truth (see `Calibration`); writes calibration.csv and calibration.txt.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate", abstract: "Measure the coverage of RateLab's confidence intervals by Monte Carlo.")

    @Option(help: "Directory for calibration.csv and calibration.txt.") var reports: String = "reports"
    @Option(parsing: .unconditional, help: "Synthetic series per cell (≥ 10; 400 gives a coverage to about ±1.1%).")
    var replications: Int = 400
    @Option(parsing: .unconditional, help: "Threads for the cells (default: all cores; results do not depend on it).")
    var threads: Int?
    @Option(parsing: .unconditional, help: "Seed of the synthetic series.") var seed: UInt64 = 1
    @Option(name: .customLong("kind"), help: "Only this interval kind (repeatable): \(Calibration.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kinds: [String] = []
    @Option(name: .customLong("length"), parsing: .singleValue, help: "Only this series length (repeatable).")
    var lengths: [Int] = []

    func run() throws {
        guard replications >= 10 else {
            printError("ratelab calibrate: --replications \(replications) is too small; expected at least 10")
            throw ExitCode(2)
        }
        var selected = [Calibration.Kind]()
        for name in kinds {
            guard let kind = Calibration.Kind(rawValue: name) else {
                printError("ratelab calibrate: --kind '\(name)' is unknown; expected one of \(Calibration.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(2)
            }
            selected.append(kind)
        }
        if let bad = lengths.first(where: { $0 < 10 || $0 > 100_000 }) {
            printError("ratelab calibrate: --length \(bad) is out of range; expected 10…100000 points")
            throw ExitCode(2)
        }
        let cells = Calibration.table(replications: replications, seed: seed, threads: threads ?? ParallelCells.defaultThreads,
                                      kinds: selected.isEmpty ? Calibration.Kind.allCases : selected,
                                      lengths: lengths.isEmpty ? Calibration.lengths : lengths)
        print(CalibrationReport.table(cells), terminator: "")
        do {
            try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
            try CalibrationReport.write(cells, to: reports)
        } catch {
            printError("ratelab calibrate: writing \(reports)/calibration.csv failed: \(error)")
            throw ExitCode(1)
        }
    }
}
