import ArgumentParser
import Foundation
import RateLab

/// The command-line flags that define a problem (`ratelab optimum`, `ratelab run`), turned into a
/// `ProblemSpec` by `spec()`. Flags a problem does not use must be left out (the factory refuses them).
struct ProblemOptions: ParsableArguments {
    /// The library's defaults, shown by `--help`.
    private static let defaults = ProblemSpec(name: "")

    @Option(help: "Problem name (required; see `ratelab list`).") var problem: String?
    @Option(help: "LIBSVM data file (default: synthetic data).") var data: String?
    @Option(parsing: .unconditional, help: "Regularisation λ ≥ 0 (default depends on the problem).") var lambda: Double?
    @Option(parsing: .unconditional, help: "Dimension d of a synthetic problem.") var dim: Int?
    @Option(name: [.customLong("samples-per-worker"), .customLong("samples")],
            parsing: .unconditional, help: "Rows per worker of a synthetic problem.") var samplesPerWorker: Int?
    @Option(parsing: .unconditional, help: "Total rows n of a synthetic problem, the same for every p (instead of --samples-per-worker).")
    var totalSamples: Int?
    @Option(parsing: .unconditional, help: "logcosh-regression: nonlinearity ν ≥ 0 of log cosh(ν r)/ν² (default 1; 0 = least squares).")
    var nonlinearity: Double?
    @Option(parsing: .unconditional, help: "Number of workers p ≥ 1.") var workers: Int = defaults.workers
    @Option(help: "Row split: contiguous, shuffled, or global (every worker samples all rows).") var split: String = defaults.split.rawValue
    @Option(parsing: .unconditional, help: "Quadratic: condition number κ = L/μ.") var kappa: Double?
    @Option(parsing: .unconditional, help: "Quadratic: smallest eigenvalue μ > 0.") var mu: Double?
    @Option(name: .customLong("L"), parsing: .unconditional, help: "Quadratic: largest eigenvalue L ≥ μ; huber-worst-case: smoothness L > 0.")
    var smoothness: Double?
    @Option(help: "Quadratic: eigenvalue spacing (linear, geometric, worst-case).") var spacing: String?
    @Option(parsing: .unconditional, help: "Quadratic: gradient heterogeneity ζ ≥ 0 at x*.") var zeta: Double = defaults.zeta
    @Option(parsing: .unconditional, help: "Quadratic: curvature heterogeneity h ∈ [0, 1).")
    var curvatureHeterogeneity: Double = defaults.curvatureHeterogeneity
    @Option(parsing: .unconditional, help: "Quadratic: Hessian spread s ∈ [0, 1) on the scale of each eigenvalue (up to s·L).")
    var hessianSpread: Double = defaults.hessianSpread
    @Option(parsing: .unconditional, help: "Quadratic: oracle noise σ; synthetic least squares: label noise.")
    var noise: Double = defaults.noise
    @Option(parsing: .unconditional, help: "Synthetic logistic: label flip probability in [0, 0.5).")
    var labelFlip: Double = defaults.labelFlip
    @Option(parsing: .unconditional, help: "Two-layer-net: hidden units H ≥ 1.") var hidden: Int = defaults.hidden
    @Option(parsing: .unconditional, help: "huber-worst-case: distance R > 0 of the start x₀ = R from x* = 0.") var radius: Double?
    @Option(parsing: .unconditional, help: "huber-worst-case: number of GD steps N ≥ 1 it is the worst case for.") var horizon: Int?
    @Option(parsing: .unconditional, help: "Seed of every random stream (problem data and simulation).")
    var seed: UInt64 = defaults.seed

    /// The problem name; throws a `SpecError` listing the known ones when `--problem` is missing.
    func problemName() throws -> String {
        guard let problem else {
            throw SpecError.invalid(parameter: "--problem", value: "", expected: "one of \(ProblemCatalog.names.joined(separator: ", "))")
        }
        return problem
    }

    /// The spec from the flags; throws `ProblemError` naming the flag for an unknown split or spacing.
    func spec() throws -> ProblemSpec {
        guard let split = DataSplit(rawValue: split) else {
            throw ProblemError.invalidParameter(parameter: "--split", value: split, expected: ProblemOptions.alternatives(DataSplit.self))
        }
        var spec = ProblemSpec(
            name: try problemName(), dataPath: data, lambda: lambda, dimension: dim, samplesPerWorker: samplesPerWorker,
            workers: workers, split: split, mu: mu, L: smoothness, kappa: kappa, zeta: zeta,
            curvatureHeterogeneity: curvatureHeterogeneity, hessianSpread: hessianSpread, noise: noise, labelFlip: labelFlip, hidden: hidden,
            radius: radius, horizon: horizon, seed: seed, totalSamples: totalSamples, nonlinearity: nonlinearity)
        if let spacing {
            guard let value = SpectrumSpacing(rawValue: spacing) else {
                throw ProblemError.invalidParameter(parameter: "--spacing", value: spacing, expected: ProblemOptions.alternatives(SpectrumSpacing.self))
            }
            spec.spacing = value
        }
        return spec
    }

    /// The raw values of every case, e.g. "linear, geometric or worst-case".
    private static func alternatives<T: CaseIterable & RawRepresentable>(_: T.Type) -> String where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        guard let last = names.last, names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}

/// How the commands turn an error into a message and an exit status.
enum CommandFailure {
    /// Exit status of a bad input (unknown name, impossible parameter, malformed file).
    static let badInput: Int32 = 2
    /// Exit status of a computation that failed on valid input (a LAPACK or solver failure, an unwritable file).
    static let failedComputation: Int32 = 1

    /// Prints `error: <message>` to stderr and returns the exit code to throw: `failedComputation`
    /// for LAPACK, solver and I/O failures, `badInput` for everything else. An `ExitCode` passes through.
    static func exit(for error: Error) -> ExitCode {
        if let code = error as? ExitCode { return code }
        let code: Int32
        switch error {
        case OptimumError.separableData: code = badInput
        case is OptimumError, is LinalgError, is ReportError, ProblemError.numericFailure: code = failedComputation
        default: code = badInput
        }
        printError("error: \(error)")
        return ExitCode(code)
    }
}

/// A label–value listing: each label padded to 12 characters, one line per pair.
func labelled(_ lines: [(String, String)]) -> String {
    lines.map { $0.0.padding(toLength: 12, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
}

/// Writes `message` and a newline to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

/// `value` as one line of JSON with sorted keys (the `--json` output of the commands).
func compactJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
