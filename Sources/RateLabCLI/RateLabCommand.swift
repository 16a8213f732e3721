import ArgumentParser
import RateLab

/// The `ratelab` command line as a library: the shipped `ratelab` executable is `RateLabCommand.main()`,
/// and another package builds its own executable the same way after registering its problems and
/// methods (`ProblemCatalog.register`, `MethodCatalog.register`), so that every subcommand (`list`, `run`,
/// `check`, `sweep`, `fit`, …) accepts their names:
///
///     import RateLab
///     import RateLabCLI
///
///     try ProblemCatalog.register(.init(name: "my-problem", description: "…") { try MyProblem($0) })
///     try MethodCatalog.register(.init(name: "my-method", summary: "…") { MyMethod(cluster: $0, start: $1) })
///     RateLabCommand.main()
public struct RateLabCommand: ParsableCommand {
    /// The name the command calls itself in usage lines, help and hints: the executable's file name
    /// (`ratelab`, or the name of a user's executable built on this library), `ratelab` when there is none.
    public static let executableName: String = CommandLine.arguments.first?.split(separator: "/").last.map(String.init) ?? "ratelab"

    public static let configuration = CommandConfiguration(
        commandName: executableName,
        abstract: "Verify convergence theory of distributed optimization numerically.",
        subcommands: [ListCommand.self, OptimumCommand.self, RunCommand.self, CheckCommand.self, SweepCommand.self,
                      FitCommand.self, CalibrateCommand.self, BenchCommand.self])

    /// Parses and runs the command like ArgumentParser's own `main()`, except that a parse or
    /// validation error (unknown option, a value that is not a number, a failed `validate()`) exits
    /// with RateLab's bad-input status 2 instead of ArgumentParser's 64, after its one-line message.
    /// The BLAS is fixed to one thread first (results must not depend on `OPENBLAS_NUM_THREADS`).
    public static func main() {
        BLASRuntime.useOneThread()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            printError("error: \(message(for: error)) (see '\(executableName) help')")
            exit(withError: ExitCode(CommandFailure.badInput))
        }
    }

    public init() {}
}
