import Foundation
import RateLabAlgorithms
import RateLabReports
import RateLabVerification

/// Writes what `ratelab check` produces, every file atomically:
///
///     <dir>/summary.txt             the verdict table of every claim
///     <dir>/junit.xml               one test case per check row and per control (CI dashboards)
///     <dir>/<claim>/trajectories.csv  long format: grid axes, seed, then the standard metric columns
///     <dir>/<claim>/fits.csv        one row per check row and per control: verdict, measured, interval, bound, margin
///     <dir>/<claim>/claim.json      sidecar: claim text, settings, rows, controls, versions, seconds
///     <dir>/<claim>/plot.svg        the plotted metric per grid point (geometric mean over seeds), log scale,
///                                   with fitted lines and theoretical bounds
public enum ClaimReports {
    /// The verdict table: claim, check, verdict, measured, interval, bound, margin; a control's row gives the
    /// verdict it got, its label the verdict theory predicts. Below it, a line per control that did not get
    /// its predicted verdict ("<claim>: ERROR, this check cannot fail: …").
    public static func table(_ outcomes: [ClaimOutcome]) -> String {
        var t = TextTable(columns: ["claim", "check", "verdict", "measured", "interval", "bound", "margin"])
        for o in outcomes {
            for row in o.reportedRows {
                let r = row.outcome
                try! t.append([o.claim.id, row.check, r.verdict.rawValue, number(r.measured),
                               r.interval.map { "[\(number($0.low)), \(number($0.high))]" } ?? "", r.bound.map(number) ?? "", r.margin.map(number) ?? ""])
            }
        }
        let passed = outcomes.filter { $0.verdict == .pass }.count
        let mismatches = outcomes.flatMap { o in o.controls.compactMap(\.mismatch).map { "\(o.claim.id): ERROR, \($0)\n" } }
        return t.render() + "\n" + mismatches.joined() + "\(passed) passed, \(outcomes.count - passed) failed\n"
    }

    /// Writes every report of `outcomes` under `directory`.
    public static func write(_ outcomes: [ClaimOutcome], to directory: String) throws {
        for o in outcomes { try writeClaim(o, to: "\(directory)/\(o.claim.id)") }
        try AtomicFile.write(table(outcomes), to: "\(directory)/summary.txt")
        try junit(outcomes).write(to: "\(directory)/junit.xml")
    }

    /// `<dir>/trajectories.csv`: columns claim, the sweep axes, seed, then the standard metric columns.
    static func writeTrajectories(_ data: ClaimData, to dir: String) throws {
        var runs = [(labels: [CSVValue], result: RunResult)]()
        for point in data.points {
            for run in point.runs {
                runs.append((labels: [.text(data.claim.id)] + point.point.values.map { .text($0.value.text) } + [.integer(Int(run.seed))], result: run.result))
            }
        }
        try TrajectoryCSV.document(labelColumns: ["claim"] + data.claim.sweep.map(\.name) + ["seed"], runs: runs).write(to: "\(dir)/trajectories.csv")
    }

    static func writeClaim(_ o: ClaimOutcome, to dir: String) throws {
        try writeTrajectories(o.data, to: dir)
        var fits = CSVDocument(columns: ["claim", "check", "verdict", "measured", "low", "high", "bound", "margin", "detail"])
        for row in o.reportedRows {
            let r = row.outcome
            try fits.append([.text(o.claim.id), .text(row.check), .text(r.verdict.rawValue), .number(r.measured),
                             r.interval.map { .number($0.low) } ?? .missing, r.interval.map { .number($0.high) } ?? .missing,
                             r.bound.map { .number($0) } ?? .missing, r.margin.map { .number($0) } ?? .missing, .text(r.detail)])
        }
        try fits.write(to: "\(dir)/fits.csv")
        try JSONSidecar.write(Sidecar(o), to: "\(dir)/claim.json")
        try plot(o).write(to: "\(dir)/plot.svg")
    }

    private struct Sidecar: Encodable {
        let id, title, source, statement, file: String
        let verdict: String
        let problem: [String: String]
        let run: [String: String]
        let sweep: [String: [String]]
        let seeds: [UInt64]
        let rows: [CheckRow]
        let controls: [ControlEntry]
        let failures: [String]
        let seconds: Double
        let version: String
        let gitCommit: String?

        init(_ o: ClaimOutcome) {
            let c = o.claim
            id = c.id; title = c.title; source = c.source; statement = c.statement; file = c.file
            verdict = o.verdict.rawValue
            problem = c.problem.mapValues(\.text)
            run = c.run.mapValues(\.text)
            sweep = Dictionary(uniqueKeysWithValues: c.sweep.map { ($0.name, $0.values.map(\.text)) })
            seeds = c.seeds
            rows = o.rows
            controls = o.controls.map(ControlEntry.init)
            failures = o.data.points.compactMap(\.failure)
            seconds = o.seconds
            version = RateLabVersion.string
            gitCommit = RateLabVersion.gitCommit
        }
    }

    /// A control in claim.json: its name and reason, the verdict predicted and got, and its own rows.
    private struct ControlEntry: Encodable {
        let name, why, expect, verdict: String
        let held: Bool
        let rows: [CheckRow]
        let seconds: Double

        init(_ c: ControlOutcome) {
            name = c.control.name; why = c.control.why; expect = c.control.expected.description
            verdict = c.verdict.rawValue; held = c.held
            rows = c.outcome.rows
            seconds = c.outcome.seconds
        }
    }

    /// Metric vs x per grid point (at most 12 curves), fitted and theoretical lines dashed/dotted.
    static func plot(_ o: ClaimOutcome) -> SVGPlot {
        let spec = o.claim.plot
        var svg = SVGPlot(title: o.claim.title, xLabel: spec.x.rawValue, yLabel: spec.metric.rawValue, xScale: .linear, yScale: .log)
        for point in o.data.points.prefix(12) where !point.runs.isEmpty {
            let t = point.trajectory(spec.metric, spec.x)
            try? svg.add(SVGPlot.Series(name: point.point.label.isEmpty ? o.claim.id : point.point.label, x: t.x, y: t.y))
        }
        for row in o.rows.prefix(6) {
            for (k, overlay) in row.overlays.enumerated() {
                try? svg.add(SVGPlot.Series(name: overlay.name, x: overlay.x, y: overlay.y, style: k == 0 ? .dashed : .dotted))
            }
        }
        return svg
    }

    static func junit(_ outcomes: [ClaimOutcome]) -> JUnitReport {
        var report = JUnitReport(suiteName: "ratelab-claims")
        for o in outcomes {
            let share = o.seconds / Double(max(1, o.rows.count))
            for row in o.rows {
                let r = row.outcome
                let outcome: JUnitReport.Case.Outcome
                switch r.verdict {
                case .pass: outcome = .passed
                case .fail, .inconclusive: outcome = .failed(message: "\(r.verdict.rawValue): measured \(number(r.measured))", detail: r.detail)
                case .diverged, .error: outcome = .errored(message: "\(r.verdict.rawValue)", detail: r.detail)
                }
                report.add(JUnitReport.Case(classname: o.claim.id, name: row.check, time: share, outcome: outcome))
            }
            for c in o.controls {
                let outcome: JUnitReport.Case.Outcome = c.mismatch.map { .errored(message: $0, detail: c.row.outcome.detail) } ?? .passed
                report.add(JUnitReport.Case(classname: o.claim.id, name: c.row.check, time: c.outcome.seconds, outcome: outcome))
            }
        }
        return report
    }

    /// Four significant digits, "nan"/"inf" spelled out (`short` prints ±inf as "inf"/"-inf" already,
    /// but a negative NaN as "-nan").
    static func number(_ v: Double) -> String {
        v.isNaN ? "nan" : short(v)
    }
}
