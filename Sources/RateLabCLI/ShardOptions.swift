import ArgumentParser
import Foundation
import RateLab

/// `--shard` and `--require-cached` of `check` and `sweep`: run one process's share of the cells into a
/// shared cell cache, and merge the shards afterwards without running anything.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Run only this process's share of the cells into --cache (no reports): K/N (0-based rank K of N) or auto.",
        discussion: "auto reads the launcher's rank and size: Open MPI, PMI, srun (SLURM_PROCID/SLURM_NTASKS) and Slurm job arrays."))
    var shard: String?
    @Flag(help: "Fail (exit 1) instead of running a cell missing from --cache: merging the shards of a sharded run.")
    var requireCached = false

    /// The shard of this process, nil when unsharded; checks that the options fit together (bad input).
    func resolve(cache: String?) throws -> Shard? {
        if (shard != nil || requireCached) && cache == nil {
            throw SpecError.incompatible("\(shard != nil ? "--shard" : "--require-cached") needs --cache DIR")
        }
        if shard != nil && requireCached { throw SpecError.incompatible("--shard runs cells; --require-cached runs none") }
        return try shard.map { try Shard.parse($0) }
    }

    /// Runs `plan`'s share of `claims` with `runner` and prints what it did; exits 130 when interrupted.
    func runShare(_ claims: [Claim], plan: ShardPlan, runner: ClaimRunner, command: String, cache: String) throws {
        var cells = 0, failures = [String]()
        for claim in claims {
            do {
                let share = try runner.runShare(claim, of: plan)
                cells += share.cells
                failures += share.failures
            } catch is ClaimRunner.Interrupted {
                printError("\(command): interrupted; finished cells are in \(cache), run the shard again to resume")
                throw ExitCode(GateResult.interruptedStatus)
            }
        }
        for failure in failures { printError("\(command): shard \(plan.shard): \(failure)") }
        print("shard \(plan.shard): \(cells) cell(s) of \(claims.count) claim(s) in \(cache)"
              + (failures.isEmpty ? "" : ", \(failures.count) failed (not cached)"))
    }
}
