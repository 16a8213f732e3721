import ArgumentParser
import Foundation
import RateLab

/// `ratelab check [PATH...]`: runs every claim (cells in parallel), prints the verdict table and writes
/// reports/. Exit status: 0 every claim passes (and no baseline drift), 1 some claim fails, diverges or
/// errs or a fitted value drifted from the baseline, 2 a malformed claim file (nothing run).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run the numeric claims and report a verdict for each.")

    @Argument(help: "Claim files or directories of *.yaml claims.") var paths: [String] = ["proofs-numeric"]
    @Option(help: "Directory for summary.txt, junit.xml and per-claim CSV/JSON/SVG.") var reports: String = "reports"
    @Option(parsing: .unconditional, help: "Threads for the cells (default: all cores).") var threads: Int?
    @Option(help: "Reuse and store finished cells in this directory (resumable).") var cache: String?
    @Option(help: "Compare measured values with this baseline JSON; a drift beyond the tolerance fails.") var baseline: String?
    @Flag(help: "Write the measured values to the --baseline file instead of comparing.") var updateBaseline = false
    @Option(parsing: .unconditional, help: "Relative drift allowed against the baseline.") var driftTolerance: Double = 1e-6

    func run() throws {
        let claims: [Claim]
        do { claims = try ClaimParser.parseAll(paths) } catch {
            printError("ratelab check: \(error)")
            throw ExitCode(2)
        }
        if updateBaseline && baseline == nil {
            printError("ratelab check: --update-baseline needs --baseline FILE")
            throw ExitCode(2)
        }
        let runner = ClaimRunner(threads: threads ?? ParallelCells.defaultThreads, cacheDirectory: cache, showProgress: true)
        var outcomes = [ClaimOutcome]()
        for claim in claims {
            let o = runner.check(claim)
            outcomes.append(o)
            let controlSeconds = o.controls.map(\.outcome.seconds).reduce(0, +)
            printError("\(o.verdict.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(claim.id) (\(String(format: "%.1f", o.seconds)) s"
                + (o.controls.isEmpty ? ")" : ", \(o.controls.count) control(s) \(String(format: "%.1f", controlSeconds)) s)"))
        }
        let table = ClaimReports.table(outcomes)
        print(table, terminator: "")
        do { try ClaimReports.write(outcomes, to: reports) } catch {
            printError("ratelab check: writing reports failed: \(error)")
            throw ExitCode(1)
        }
        var drifted = false
        if let file = baseline {
            let measured = Baseline(outcomes)
            if updateBaseline {
                try measured.write(to: file)
                print("baseline written to \(file) (\(measured.values.count) values)")
            } else {
                let stored: Baseline
                do { stored = try Baseline.read(file) } catch {
                    printError("ratelab check: \(error)")
                    throw ExitCode(2)
                }
                let drifts = stored.drifts(from: measured, tolerance: driftTolerance)
                for d in drifts { print("DRIFT \(d)") }
                print("baseline \(file): \(drifts.isEmpty ? "no drift" : "\(drifts.count) drift(s)") beyond relative \(driftTolerance)")
                drifted = !drifts.isEmpty
            }
        }
        if drifted || outcomes.contains(where: { $0.verdict != .pass }) { throw ExitCode(1) }
    }
}

/// `ratelab sweep CLAIM`: runs a claim's grid only, resumable through a cell cache, and writes its
/// trajectories CSV (the same file `check` writes).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Run a claim's grid (resumable) and write its trajectories CSV.")

    @Argument(help: "A claim file.") var claim: String
    @Option(help: "Directory for <claim>/trajectories.csv.") var reports: String = "reports"
    @Option(help: "Cell cache; finished cells are not run again.") var cache: String = ".ratelab-cache"
    @Option(parsing: .unconditional, help: "Threads for the cells (default: all cores).") var threads: Int?

    func run() throws {
        let parsed: Claim
        do { parsed = try ClaimParser.parse(file: claim) } catch {
            printError("ratelab sweep: \(error)")
            throw ExitCode(2)
        }
        let runner = ClaimRunner(threads: threads ?? ParallelCells.defaultThreads, cacheDirectory: cache, showProgress: true)
        let summary = try runner.sweep(parsed, reports: reports)
        print(summary)
    }
}
