import ArgumentParser
import Foundation
import RateLab

/// `ratelab check [PATH...]`: runs every claim (cells in parallel), prints the verdict table and writes
/// reports/. Exit status (`GateResult.exitStatus`): 0 every claim is PASS or XFAIL and nothing drifted
/// from the baseline, 1 some claim is FAIL, INCONCLUSIVE, DIVERGED, ERROR or XPASS or a value drifted,
/// 2 a malformed claim file or baseline (nothing run), 130 interrupted (partial report written).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run the numeric claims and report a verdict for each.")

    @Argument(help: "Claim files or directories of *.yaml claims.") var paths: [String] = ["proofs-numeric"]
    @Option(help: "Directory for summary.txt, junit.xml and per-claim CSV/JSON/SVG.") var reports: String = "reports"
    @Option(parsing: .unconditional, help: "Threads for the cells (default: all cores).") var threads: Int?
    @Option(help: "Reuse and store finished cells in this directory (an interrupted run resumes from it).") var cache: String?
    @Option(help: "Compare measured values with this baseline JSON (only the claims run); a drift beyond the tolerance fails.")
    var baseline: String?
    @Flag(help: "Record the measured values of the claims run into the --baseline file (other claims' values are kept).")
    var updateBaseline = false
    @Option(parsing: .unconditional, help: "Baseline: change allowed relative to the stored value.")
    var driftTolerance: Double = DriftTolerance().relative
    @Option(parsing: .unconditional,
            help: "Baseline: absolute change allowed for every value (default: per metric, 1e-12 for gap, 1e-20 for squared norms).")
    var driftAbsolute: Double?
    @Option(parsing: .unconditional, help: "Baseline: change allowed as a fraction of the width of the row's confidence interval.")
    var driftInterval: Double = DriftTolerance().intervalFraction
    @OptionGroup var sharding: ShardOptions
    @OptionGroup var optimumCache: OptimumCacheOption

    func run() throws {
        let claims: [Claim], stored: Baseline?, shard: Shard?
        do {
            try checkOptions()
            shard = try sharding.resolve(cache: cache)
            claims = try ClaimParser.parseAll(paths)
            stored = try storedBaseline()
        } catch {
            printError("ratelab check: \(error)")
            throw ExitCode(CommandFailure.badInput)
        }
        let runner = claimRunner(command: "ratelab check", threads: threads, cache: cache, sharding: sharding, optimumCache: optimumCache)
        if let shard, let cache {
            return try sharding.runShare(claims, plan: ShardPlan(shard), runner: runner, command: "ratelab check", cache: cache)
        }
        var outcomes = [ClaimOutcome]()
        for (k, claim) in claims.enumerated() {
            printError("check: claim \(k + 1)/\(claims.count) \(claim.id)")
            let outcome: ClaimOutcome
            do { outcome = try runner.check(claim) } catch is ClaimRunner.Interrupted { break } catch let missing as ClaimRunner.NotCached {
                printError("ratelab check: --require-cached: \(missing)")
                throw ExitCode(CommandFailure.failedComputation)
            }
            outcomes.append(outcome)
            let controlSeconds = outcome.controls.map(\.outcome.seconds).reduce(0, +)
            printError("\(outcome.status.name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(claim.id) (\(String(format: "%.1f", outcome.seconds)) s"
                + (outcome.controls.isEmpty ? ")" : ", \(outcome.controls.count) control(s) \(String(format: "%.1f", controlSeconds)) s)"))
        }
        let notRun = claims.dropFirst(outcomes.count).map(\.id)
        var drifts = [Drift]()
        if let file = baseline, notRun.isEmpty {
            if updateBaseline {
                let recorded = (stored ?? Baseline(values: [:])).replacing(claims: outcomes.map(\.claim.id), with: Baseline(outcomes))
                try recorded.write(to: file)
                printError("baseline: recorded \(Baseline(outcomes).values.count) value(s) of \(outcomes.count) claim(s) in \(file)")
            } else if let stored {
                drifts = stored.drifts(outcomes, tolerance: DriftTolerance(relative: driftTolerance, absolute: driftAbsolute, intervalFraction: driftInterval))
            }
        }
        let result = GateResult(outcomes: outcomes, drifts: drifts, notRun: notRun)
        print(ClaimReports.summary(result), terminator: "")
        do { try ClaimReports.write(result, to: reports) } catch {
            printError("ratelab check: writing reports failed: \(error)")
            throw ExitCode(CommandFailure.failedComputation)
        }
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }

    /// Refuses option combinations that cannot work (bad input, exit 2).
    private func checkOptions() throws {
        if updateBaseline && baseline == nil { throw SpecError.incompatible("--update-baseline needs --baseline FILE") }
        if sharding.shard != nil && baseline != nil { throw SpecError.incompatible("--shard writes no values; give --baseline to the merge") }
        for (name, value) in [("--drift-tolerance", driftTolerance), ("--drift-absolute", driftAbsolute ?? 0), ("--drift-interval", driftInterval)]
        where !(value >= 0 && value.isFinite) {
            throw SpecError.invalid(parameter: name, value: "\(value)", expected: "a number ≥ 0")
        }
    }

    /// The baseline to compare with or to merge into: nil without `--baseline`, or when
    /// `--update-baseline` records a file that does not exist yet.
    private func storedBaseline() throws -> Baseline? {
        guard let file = baseline else { return nil }
        if updateBaseline && !FileManager.default.fileExists(atPath: file) { return nil }
        return try Baseline.read(file)
    }
}

/// `ratelab sweep CLAIM`: runs a claim's grid only, resumable through a cell cache, and writes its
/// trajectories CSV (the same file `check` writes). Interrupted, it keeps the finished cells and exits 130.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Run a claim's grid (resumable) and write its trajectories CSV.")

    @Argument(help: "A claim file.") var claim: String
    @Option(help: "Directory for <claim>/trajectories.csv.") var reports: String = "reports"
    @Option(help: "Cell cache; finished cells are not run again.") var cache: String = ".ratelab-cache"
    @Option(parsing: .unconditional, help: "Threads for the cells (default: all cores).") var threads: Int?
    @OptionGroup var sharding: ShardOptions
    @OptionGroup var optimumCache: OptimumCacheOption

    func run() throws {
        let parsed: Claim, shard: Shard?
        do {
            shard = try sharding.resolve(cache: cache)
            parsed = try ClaimParser.parse(file: claim)
        } catch {
            printError("ratelab sweep: \(error)")
            throw ExitCode(CommandFailure.badInput)
        }
        let runner = claimRunner(command: "ratelab sweep", threads: threads, cache: cache, sharding: sharding, optimumCache: optimumCache)
        if let shard {
            return try sharding.runShare([parsed], plan: ShardPlan(shard), runner: runner, command: "ratelab sweep", cache: cache)
        }
        do { print(try runner.sweep(parsed, reports: reports)) } catch is ClaimRunner.Interrupted {
            printError("ratelab sweep: interrupted; finished cells are in \(cache), run again to resume")
            throw ExitCode(GateResult.interruptedStatus)
        } catch let missing as ClaimRunner.NotCached {
            printError("ratelab sweep: --require-cached: \(missing)")
            throw ExitCode(CommandFailure.failedComputation)
        }
    }
}

/// The runner of `check` and `sweep`: cells on `threads` threads (default: all cores), cached in `cache`,
/// stopped at the next cell by Ctrl-C (`Interrupts`), with the sharding options' `--require-cached`.
private func claimRunner(command: String, threads: Int?, cache: String?, sharding: ShardOptions,
                         optimumCache: OptimumCacheOption) -> ClaimRunner {
    var runner = ClaimRunner(threads: threads ?? ParallelCells.defaultThreads, cacheDirectory: cache, showProgress: true,
                             stop: Interrupts.install(command: command), optimumCache: optimumCache.cache(cellCache: cache))
    runner.requireCached = sharding.requireCached
    return runner
}
