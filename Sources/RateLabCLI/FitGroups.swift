import Foundation
import RateLab

/// `ratelab fit --group COLUMN`: one fit per value of COLUMN (e.g. per seed), summarised by the mean of
/// the estimates and their t-interval across groups (`SeedSpread`). Each group is an independent
/// replication (a seed runs the whole experiment again), so this interval needs no model of the noise
/// inside a run; each group's own fit interval is reported beside it. Encoded as the `--json` object.
struct FitGroups: Encodable {
    /// One group's fit.
    struct Group: Encodable {
        /// The group column's value.
        var value: Double
        /// ρ̂ (geometric) or α̂ (power).
        var estimate: Double
        /// The group's own interval from its fit.
        var ci: [Double]
        var points: Int
    }

    /// A group whose fit failed, named by its value.
    struct GroupFailure: Error, CustomStringConvertible {
        var group: String
        var error: Error
        var description: String { "\(group): \(error)" }
    }

    var model: String
    var x: String
    var y: String
    var group: String
    var groups: [Group]
    /// Mean of the per-group estimates.
    var mean: Double
    /// Its t-interval across groups at `level`.
    var ci: [Double]
    var level: Double
    /// How `ci` was computed, e.g. "t-interval over 5 values of seed (n − 1 = 4 df)".
    var method: String

    /// Splits (x, y) by the values of `groups` (in order of first appearance), fits each with `fit` and
    /// takes the t-interval of the estimates; fewer than two groups is a `FitError`.
    static func fit(x: [Double], y: [Double], groups: [Double], group: String, level: Double, model: String, xName: String,
                    yName: String, _ fit: (_ x: [Double], _ y: [Double]) throws -> FitCommand.Report) throws -> FitGroups {
        var order = [Double](), rows = [Double: [Int]]()
        for (k, g) in groups.enumerated() {
            if rows[g] == nil { order.append(g) }
            rows[g, default: []].append(k)
        }
        let fitted = try order.map { g -> Group in
            let report: FitCommand.Report
            do { report = try fit(rows[g]!.map { x[$0] }, rows[g]!.map { y[$0] }) } catch let error as FitError {
                throw GroupFailure(group: "\(group)=\(FitGroups.label(g))", error: error)
            }
            return Group(value: g, estimate: report.rate ?? report.exponent ?? .nan, ci: report.ci, points: report.window.points)
        }
        let spread = try SeedSpread.of(fitted.map { $0.estimate }, level: level)
        return FitGroups(model: model, x: xName, y: yName, group: group, groups: fitted, mean: spread.mean,
                         ci: [spread.interval.low, spread.interval.high], level: level,
                         method: "t-interval over \(spread.n) values of \(group) (n − 1 = \(spread.n - 1) df)")
    }

    /// A group value as written in a CSV: an integer without a fraction, else Swift's shortest form.
    static func label(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// The readable output: one line per group, then the line across groups.
    var line: String {
        let symbol = model == "geometric" ? "ρ" : "α"
        let percent = String(format: "%g%% CI", level * 100)
        var lines = groups.map {
            "\(group)=\(FitGroups.label($0.value)): \(symbol) = \(String(format: "%.10g", $0.estimate)) "
                + "(\(percent) [\(String(format: "%.6g", $0.ci[0])), \(String(format: "%.6g", $0.ci[1]))]), \($0.points) points"
        }
        lines.append("\(model) across \(groups.count) groups: mean \(symbol) = \(String(format: "%.10g", mean)), "
            + "\(percent) [\(String(format: "%.6g", ci[0])), \(String(format: "%.6g", ci[1]))] (\(method))")
        return lines.joined(separator: "\n")
    }
}
