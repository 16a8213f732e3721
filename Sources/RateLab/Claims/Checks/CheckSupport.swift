import Foundation
import RateLabVerification

extension CheckOutcome {
    /// An outcome with nothing measured (NaN, no interval, bound or margin): ERROR or DIVERGED with why.
    static func unmeasured(_ verdict: Verdict, _ detail: String) -> CheckOutcome {
        CheckOutcome(verdict: verdict, measured: .nan, interval: nil, bound: nil, margin: nil, detail: detail)
    }
}

extension CheckSpec {
    /// "check label [grid point]" for a row.
    func rowLabel(_ point: PointResult?, _ suffix: String = "") -> String {
        var s = label
        if let p = point, !p.point.label.isEmpty { s += " [\(p.point.label)]" }
        if !suffix.isEmpty { s += " \(suffix)" }
        return s
    }

    /// A row for a grid point that has no usable data: ERROR when it could not run, DIVERGED when a
    /// seed blew up; nil when the point is usable.
    func unusableRow(_ point: PointResult) -> CheckRow? {
        if let failure = point.failure {
            return CheckRow(check: rowLabel(point), outcome: .unmeasured(.error, failure))
        }
        if let status = point.diverged {
            return CheckRow(check: rowLabel(point), outcome: .unmeasured(.diverged, "run \(status)"))
        }
        return nil
    }

    /// A row that says the check could not be computed (too few points, no matching grid points, …).
    func errorRow(_ point: PointResult?, _ message: String) -> CheckRow {
        CheckRow(check: rowLabel(point), outcome: .unmeasured(.error, message))
    }

    /// The grid points this check reads.
    func points(_ data: ClaimData) -> [PointResult] { data.points(matching: filter) }
}

extension MappingReader {
    /// An expression in L, mu, kappa, p, T, B, d under `key`.
    func expression(_ key: String) throws -> Expression? {
        guard let text = try string(key) else { return nil }
        do { return try Expression(parsing: text) } catch { throw self.error(key, "\(error)") }
    }

    /// A statistic under `key` (default `fallback`), with `target` for time-to-target.
    func statistic(_ key: String = "statistic", fallback: Statistic = .final) throws -> Statistic {
        guard let text = try string(key) else { return fallback }
        do { return try Statistic(parsing: text, target: try double("target")) } catch { throw self.error(key, "\(error)") }
    }
}

/// Four significant digits for details.
func short(_ v: Double) -> String { String(format: "%.4g", v) }

/// "estimate [low, high]" with four significant digits each.
func short(_ estimate: Double, _ interval: Interval) -> String { "\(short(estimate)) [\(short(interval.low)), \(short(interval.high))]" }
