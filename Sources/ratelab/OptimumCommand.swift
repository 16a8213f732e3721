import ArgumentParser
import Foundation
import RateLab

/// `ratelab optimum`: builds a problem, computes its certified optimum and prints a readable
/// report or, with `--json`, one JSON object (snake_case keys: f_star, x_star, grad_norm, L, mu,
/// solver, …). `--all` reports every built-in problem with default parameters.
/// Bad input (unknown problem, impossible parameter, malformed data) prints one message to
/// stderr and exits with code 2; a solver failure exits with code 1.
struct OptimumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimum", abstract: "Compute and certify the true optimum of a problem.")

    @Option(help: "Problem name (see `ratelab list`).") var problem: String?
    @Option(help: "LIBSVM data file.") var data: String?
    @Option(help: "Regularisation λ ≥ 0 (default depends on the problem).") var lambda: Double?
    @Option(help: "Dimension d of a synthetic problem.") var dim: Int?
    @Option(help: "Quadratic: condition number κ = L/μ.") var kappa: Double?
    @Option(help: "Quadratic: smallest eigenvalue μ.") var mu: Double?
    @Option(name: .customLong("L"), help: "Quadratic: largest eigenvalue L.") var smoothness: Double?
    @Option(help: "Quadratic: eigenvalue spacing (linear, geometric, worst-case).") var spacing: String?
    @Option(help: "Rows per worker of a synthetic problem.") var samples: Int?
    @Option(help: "Number of workers p.") var workers: Int = 1
    @Option(help: "Row split: contiguous or shuffled.") var split: String = "contiguous"
    @Option(help: "Quadratic: gradient heterogeneity ζ at x*.") var zeta: Double = 0
    @Option(help: "Quadratic: oracle noise σ; synthetic least squares: label noise.") var noise: Double = 0
    @Option(help: "Two-layer-net: hidden units H.") var hidden: Int = 8
    @Option(help: "Seed of every random stream.") var seed: UInt64 = 1
    @Flag(help: "Print one JSON object instead of the report.") var json = false
    @Flag(help: "Report every built-in problem with default parameters.") var all = false

    /// The specs `--all` reports: real data sets as in the brief, synthetic defaults otherwise.
    static let defaultSpecs: [ProblemSpec] = [
        ProblemSpec(name: "logistic", dataPath: "data/breast-cancer.svm", lambda: 1e-3),
        ProblemSpec(name: "logistic", dataPath: "data/breast-cancer.svm", lambda: 1e-2),
        ProblemSpec(name: "least-squares", dataPath: "data/diabetes.svm", lambda: 0),
        ProblemSpec(name: "quadratic"),
        ProblemSpec(name: "least-squares"),
        ProblemSpec(name: "logistic"),
        ProblemSpec(name: "pl-sine"),
        ProblemSpec(name: "nonconvex-logistic"),
        ProblemSpec(name: "two-layer-net"),
    ]

    func validate() throws {
        if all == (problem != nil) { throw ValidationError("give exactly one of --problem NAME or --all") }
    }

    func run() throws {
        do {
            let specs = all ? OptimumCommand.defaultSpecs : [try spec()]
            var reports: [String] = []
            for spec in specs {
                let certificate = try Optimum.certify(try ProblemFactory.make(spec))
                reports.append(json ? try OptimumCommand.json(certificate) : OptimumCommand.report(certificate, spec: spec))
            }
            print(json && all ? "[\n" + reports.joined(separator: ",\n") + "\n]" : reports.joined(separator: "\n\n"))
        } catch let error as OptimumError {
            if case .separableData = error { throw OptimumCommand.fail(error, code: 2) }
            throw OptimumCommand.fail(error, code: 1)
        } catch let error as CustomStringConvertible & Error {
            throw OptimumCommand.fail(error, code: 2)
        }
    }

    /// The spec from the command-line options.
    func spec() throws -> ProblemSpec {
        guard let split = DataSplit(rawValue: split) else {
            throw ProblemError.invalidParameter(parameter: "--split", value: split, expected: "contiguous or shuffled")
        }
        var spec = ProblemSpec(
            name: problem ?? "", dataPath: data, lambda: lambda, dimension: dim, samplesPerWorker: samples,
            workers: workers, split: split, mu: mu, L: smoothness, kappa: kappa, zeta: zeta, noise: noise,
            hidden: hidden, seed: seed)
        if let spacing = spacing {
            guard let value = SpectrumSpacing(rawValue: spacing) else {
                throw ProblemError.invalidParameter(parameter: "--spacing", value: spacing, expected: "linear, geometric or worst-case")
            }
            spec.spacing = value
        }
        return spec
    }

    /// Prints `error: <message>` to stderr and returns the exit code to throw.
    static func fail(_ error: CustomStringConvertible, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        return ExitCode(code)
    }

    /// One JSON object with sorted snake_case keys.
    static func json(_ certificate: OptimumCertificate) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(certificate), as: UTF8.self)
    }

    /// The readable report: one `label  value` line per certificate field, x* abbreviated.
    static func report(_ c: OptimumCertificate, spec: ProblemSpec) -> String {
        let source = spec.dataPath
            ?? (spec.name == "two-layer-net" ? TwoLayerNetProblem.defaultDataPath : "synthetic, seed \(spec.seed)")
        let shownX = c.xStar.prefix(6).map { String(format: "%.6g", $0) }.joined(separator: ", ")
        let lines: [(String, String)] = [
            ("problem", "\(c.problem) (\(source), λ = \(spec.lambda.map { "\($0)" } ?? "default"), p = \(spec.workers))"),
            ("f*", String(format: "%.17g", c.fStar)),
            ("‖∇f(x*)‖", String(format: "%.3e (scaled %.3e)", c.gradNorm, c.scaledGradNorm)),
            ("L", String(format: "%.10g", c.L)),
            ("μ", c.mu.map { String(format: "%.10g", $0) } ?? "none"),
            ("curvature", c.curvature),
            ("ζ²", String(format: "%.6e", c.zetaSquared)),
            ("solver", c.solver),
            ("cross-check", c.crossCheck),
            ("difference", String(format: "%.3e (%@)", c.crossCheckDifference, c.crossCheckMetric)),
            ("x*", "[\(shownX)\(c.xStar.count > 6 ? ", … (\(c.xStar.count) entries)" : "")]"),
        ]
        return lines.map { $0.0.padding(toLength: 12, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }
}
