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
        commandName: "optimum", abstract: "Compute and certify the true optimum of a problem.",
        usage: "\(RateLabCommand.executableName) optimum (--problem <problem> | --all) [<options>]")

    @OptionGroup var problemOptions: ProblemOptions
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
        if all == (problemOptions.problem != nil) { throw ValidationError("give exactly one of --problem NAME or --all") }
    }

    func run() throws {
        do {
            let specs = all ? OptimumCommand.defaultSpecs : [try problemOptions.spec()]
            var reports: [String] = []
            for spec in specs {
                let certificate = try Optimum.certify(try ProblemFactory.make(spec))
                reports.append(json ? try OptimumCommand.json(certificate) : OptimumCommand.report(certificate, spec: spec))
            }
            print(json && all ? "[\n" + reports.joined(separator: ",\n") + "\n]" : reports.joined(separator: "\n\n"))
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }

    /// One JSON object with sorted snake_case keys.
    static func json(_ certificate: OptimumCertificate) throws -> String {
        try compactJSON(certificate)
    }

    /// The readable report: one `label  value` line per certificate field, x* abbreviated.
    static func report(_ c: OptimumCertificate, spec: ProblemSpec) -> String {
        let source = spec.dataSource
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
        return labelled(lines)
    }
}
