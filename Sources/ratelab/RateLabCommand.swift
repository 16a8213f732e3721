import ArgumentParser
import RateLab

@main
struct RateLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratelab",
        abstract: "Verify convergence theory of distributed optimization numerically.",
        subcommands: [ListCommand.self, OptimumCommand.self, RunCommand.self, CheckCommand.self, SweepCommand.self,
                      FitCommand.self, CalibrateCommand.self, BenchCommand.self])
}
