import ArgumentParser
import Foundation
import RateLab

/// `ratelab fit FILE.csv --x COLUMN --y COLUMN --model geometric|power`: the rate fits of the
/// verification engine on any CSV (e.g. a training log from another tool).
///
/// `geometric` fits y ≈ C·ρ^x, jointly with a floor F (C·ρ^x + F) when one is detected (ρ per unit of x);
/// `power` fits y ≈ C·x^α over the last `--tail` of the points with x > 0, rows with x ≤ 0 left out with a
/// note (α dimensionless). Both model AR(1)-correlated errors and calibrate the interval by a parametric
/// bootstrap (coverage: `ratelab calibrate`). Prints one readable line or, with `--json`, one object with
/// `model`, `x`, `y`, `rate` or `exponent`, `ci` = [low, high] at `--level`, `window` = {start, end,
/// points} in x units, `floor` and `floor_ci` (geometric, when detected), `method`, `phi` and
/// `effective_points`. Bad input (too few usable points, x out of order, a constant metric) exits 2 naming
/// the file, column and line; an interval the data do not bound is reported INCONCLUSIVE (exit 1).
///
/// `--where COLUMN=VALUE` (repeatable) keeps the rows whose COLUMN equals VALUE, e.g. one grid point of a
/// sweep's trajectories.csv. `--group COLUMN` (e.g. `seed`) fits each value of COLUMN separately and
/// reports the mean of the per-group estimates with the t-interval across groups (`FitGroups`).
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "Fit a geometric rate or a power law to two columns of a CSV file.")

    /// The fitted models.
    enum Model: String, CaseIterable, ExpressibleByArgument {
        case geometric, power
    }

    /// The `--json` object.
    struct Report: Encodable {
        struct Window: Encodable {
            var start: Double
            var end: Double
            var points: Int
        }

        var model: String
        var x: String
        var y: String
        var rate: Double?
        var exponent: Double?
        var ci: [Double]
        var level: Double
        var window: Window
        var floor: Double?
        var floor_ci: [Double]?
        var method: String
        var phi: Double
        var effective_points: Double
    }

    @Argument(help: "The CSV file (one header row, numeric cells in the two columns used).") var file: String
    @Option(help: "Column of the abscissa (e.g. iteration or sim_time).") var x: String
    @Option(help: "Column of the metric (e.g. gap); only its positive finite values are fitted.") var y: String
    @Option(help: "geometric (y ≈ C·ρ^x) or power (y ≈ C·x^α).") var model: Model
    @Option(parsing: .unconditional, help: "geometric: fraction of the decaying points to skip at the start, in [0, 1).")
    var burnIn: Double?
    @Option(parsing: .unconditional, help: "power: fraction of the points, at the end, to fit, in (0, 1].") var tail: Double?
    @Option(parsing: .unconditional, help: "Confidence level of the interval, in (0, 1).") var level: Double = 0.95
    @Option(name: .customLong("where"), help: "Keep only the rows with COLUMN=VALUE (repeatable), e.g. run.tau=10.")
    var conditions: [String] = []
    @Option(help: "Fit each value of this column separately (e.g. seed) and report the t-interval across them.")
    var group: String?
    @Flag(help: "Print one JSON object instead of a readable line.") var json = false

    func run() throws {
        do {
            let selection = try conditions.map(FitCommand.condition)
            let table = try CSVTable.read(path: file, columns: [x, y] + (group.map { [$0] } ?? []), selecting: selection)
            if let group {
                let report = try FitGroups.fit(x: try table.column(named: x), y: try table.column(named: y),
                                               groups: try table.column(named: group), group: group, level: level,
                                               model: model.rawValue, xName: x, yName: y, checkedFit)
                print(json ? try compactJSON(report) : report.line)
                return
            }
            let (xs, ys) = try validated(table)
            let report = try checkedFit(x: xs, y: ys)
            print(json ? try compactJSON(report) : FitCommand.line(report))
            if !report.ci.allSatisfy(\.isFinite) {
                printError("INCONCLUSIVE: the data do not bound the \(model == .geometric ? "rate" : "exponent") (unbounded interval)")
                throw ExitCode(1)
            }
        } catch let error as FitGroups.GroupFailure {
            printError("ratelab fit: \(file): \(error)")
            throw ExitCode(1)
        } catch let error as FitError {
            // A fit that cannot be made names the file it was asked of.
            printError("ratelab fit: \(file): \(error)")
            throw ExitCode(CommandFailure.badInput)
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }

    /// `COLUMN=VALUE` of `--where` as a row condition.
    private static func condition(_ text: String) throws -> CSVTable.Condition {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw SpecError.invalid(parameter: "--where", value: text, expected: "COLUMN=VALUE")
        }
        return CSVTable.Condition(column: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }

    /// `fit`, refusing a result that is not finite.
    private func checkedFit(x xs: [Double], y ys: [Double]) throws -> Report {
        let report = try fit(x: xs, y: ys)
        // An unbounded interval is not an error but INCONCLUSIVE (reported by `run`); a non-finite estimate is.
        let values = [report.rate ?? report.exponent ?? .nan, report.window.start, report.window.end]
        guard values.allSatisfy(\.isFinite) else {
            throw SpecError.incompatible(
                "\(file): the \(model.rawValue) fit of \(y) against \(x) is not finite (values too large for double precision); rescale the columns")
        }
        return report
    }

    /// The fit of the chosen model, refusing the option of the other model.
    private func fit(x xs: [Double], y ys: [Double]) throws -> Report {
        switch model {
        case .geometric:
            if tail != nil { throw SpecError.incompatible("--tail applies only to --model power") }
            let fit = try GeometricFit.fit(x: xs, y: ys, level: level, burnIn: burnIn ?? 0)
            return Report(model: model.rawValue, x: x, y: y, rate: fit.rate, ci: [fit.ci.low, fit.ci.high], level: level,
                          window: .init(start: fit.window.start, end: fit.window.end, points: fit.points), floor: fit.floor,
                          floor_ci: fit.floorCI.map { [$0.low, $0.high] }, method: SerialEstimate.method, phi: fit.logRate.phi,
                          effective_points: fit.logRate.effectiveSampleSize)
        case .power:
            if burnIn != nil { throw SpecError.incompatible("--burn-in applies only to --model geometric") }
            let positive = zip(xs, ys).filter { $0.0 > 0 }
            if positive.count < xs.count {
                printError("note: \(xs.count - positive.count) row(s) with \(x) ≤ 0 (e.g. iteration 0) left out: C·x^α needs x > 0")
            }
            let fit = try PowerLawFit.fit(x: positive.map(\.0), y: positive.map(\.1), level: level, tailFraction: tail ?? 1)
            return Report(model: model.rawValue, x: x, y: y, exponent: fit.exponent, ci: [fit.ci.low, fit.ci.high],
                          level: level, window: .init(start: fit.window.start, end: fit.window.end, points: fit.points),
                          method: SerialEstimate.method, phi: fit.slope.phi, effective_points: fit.slope.effectiveSampleSize)
        }
    }

    /// The two columns, refused with file, column and line when a log-scale fit cannot use them: x must
    /// not decrease (a sweep CSV holds several series: select one), y needs at least 3 positive values
    /// and must not be constant.
    private func validated(_ table: CSVTable) throws -> (x: [Double], y: [Double]) {
        let xs = try table.column(named: x), ys = try table.column(named: y)
        if let i = xs.indices.dropFirst().first(where: { xs[$0] < xs[$0 - 1] }) {
            throw SpecError.incompatible("\(file):\(table.lines[i]): column '\(x)' is \(xs[i]), smaller than \(xs[i - 1]) on line \(table.lines[i - 1]); expected one series in increasing \(x) (a sweep CSV holds several: select one)")
        }
        let positive = ys.indices.filter { ys[$0] > 0 }
        guard positive.count >= 3 else {
            throw SpecError.incompatible("\(file): column '\(y)' has \(positive.count) positive value(s)\(positive.isEmpty ? "" : " (lines " + positive.map { "\(table.lines[$0])" }.joined(separator: ", ") + ")"); a log-scale fit needs at least 3")
        }
        if positive.allSatisfy({ ys[$0] == ys[positive[0]] }) {
            throw SpecError.incompatible("\(file): column '\(y)' is \(ys[positive[0]]) on every line with a positive value; a rate needs a changing series")
        }
        return (xs, ys)
    }

    /// The readable line, e.g. `geometric: gap ≈ C·ρ^iteration, ρ = 0.9 (95% CI [0.89, 0.91]), 40 points,
    /// iteration 0…390, floor 1e-08`.
    static func line(_ r: Report) -> String {
        let ci = String(format: "%g%% CI [%.6g, %.6g]", r.level * 100, r.ci[0], r.ci[1])
        let window = "\(r.window.points) points, \(r.x) \(String(format: "%g", r.window.start))…\(String(format: "%g", r.window.end))"
        if let rate = r.rate {
            let floor = r.floor.map { String(format: ", floor %.6g", $0) } ?? ", no floor"
            return "geometric: \(r.y) ≈ C·ρ^\(r.x)\(r.floor == nil ? "" : " + F"), ρ = \(String(format: "%.10g", rate)) (\(ci)), \(window)\(floor)\(dependence(r))"
        }
        return "power: \(r.y) ≈ C·\(r.x)^α, α = \(String(format: "%.10g", r.exponent ?? .nan)) (\(ci)), \(window)\(dependence(r))"
    }

    /// "; AR(1) φ̂ = 0.52, n_eff ≈ 31".
    private static func dependence(_ r: Report) -> String {
        String(format: "; AR(1) φ̂ = %.3g, n_eff ≈ %.3g", r.phi, r.effective_points)
    }
}
