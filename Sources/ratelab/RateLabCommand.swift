import ArgumentParser
import RateLab

@main
struct RateLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratelab",
        abstract: "Verify convergence theory of distributed optimization numerically.",
        subcommands: [ListCommand.self, OptimumCommand.self, RunCommand.self, CheckCommand.self, SweepCommand.self,
                      FitCommand.self, CalibrateCommand.self, BenchCommand.self])

    /// Fixes the BLAS to one thread (results must not depend on `OPENBLAS_NUM_THREADS`), then parses
    /// the arguments and runs the subcommand.
    static func main() {
        BLASRuntime.useOneThread()
        main(nil)
    }
}
