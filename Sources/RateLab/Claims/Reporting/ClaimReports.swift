import Foundation
import RateLabAlgorithms
import RateLabReports
import RateLabVerification

/// Writes what `ratelab check` produces, every file atomically:
///
///     <dir>/summary.txt             `summary(_:)`: the verdict table, details, drifts, counts, the gate line
///     <dir>/junit.xml               one test case per check row and per control (CI dashboards), XFAIL rows skipped
///     <dir>/index.html              the static HTML report of everything below (`HTMLReport`)
///     <dir>/<claim>/trajectories.csv  long format: grid axes, seed, then the standard metric columns
///     <dir>/<claim>/aggregate.csv   across seeds per grid point, checkpoint and metric: n, mean, geometric
///                                   mean, median and the geometric mean's 95% t-interval (`AggregateCSV`)
///     <dir>/<claim>/fits.csv        one row per check row and per control: verdict, measured, interval, bound, margin
///     <dir>/<claim>/claim.json      sidecar: claim text, settings, verdict and status, rows, controls, failing rows,
///                                   versions, seconds
///     <dir>/<claim>/plot.svg, plot-2.svg, …  the plotted metric per grid point (geometric mean over seeds,
///                                   band of its interval), fitted lines and theoretical bounds, one file per
///                                   facet, each with a pgfplots plot.tex reading aggregate.csv (`ClaimFigures`)
///     <dir>/<claim>/<table>.csv     the tables and figures a check row carries (`CheckRow.tables`, `.figures`:
///                                   e.g. tau_star.csv, theories.csv, tau_star.svg)
public enum ClaimReports {
    /// The summary: the verdict table (one row per check row; the bound column says its direction),
    /// then the detail of every row that did not pass, the reason of every XFAIL and XPASS, the baseline
    /// drifts, the counts per check row and per claim, and the closing line that matches the exit status.
    /// A control's row gives the verdict it got, its label the verdict theory predicts; a control that did
    /// not get it is listed ("<claim>: ERROR, this check cannot fail: …").
    public static func summary(_ result: GateResult) -> String {
        var t = TextTable(columns: ["claim", "check", "verdict", "measured", "interval", "bound", "margin"])
        var details = [String]()
        for o in result.outcomes {
            let controlRows = o.controls.map(\.row)
            for (k, row) in (o.rows + controlRows).enumerated() {
                let r = row.outcome, isControl = k >= o.rows.count
                // A control's verdict is what it got; it is a finding only when it is not the predicted one.
                let verdict = isControl ? r.verdict.rawValue : o.gateVerdict(row)
                try! t.append([o.claim.id, row.check, verdict, number(r.measured),
                               r.interval.map { "[\(number($0.low)), \(number($0.high))]" } ?? "",
                               r.bound.map { BoundRelation(r).symbol + " " + number($0) } ?? "", r.margin.map(number) ?? ""])
                if !isControl, r.verdict != .pass { details.append("  \(verdict) \(o.claim.id) / \(row.check): \(r.detail)") }
            }
        }
        var text = t.render()
        if result.isPartial { text = "PARTIAL REPORT: interrupted; not run: \(result.notRun.joined(separator: ", "))\n\n" + text }
        func section(_ title: String, _ lines: [String]) {
            if !lines.isEmpty { text += "\n\(title):\n" + lines.joined(separator: "\n") + "\n" }
        }
        section("Rows that did not pass", details)
        section("Controls that did not get their predicted verdict", result.outcomes.flatMap { o in
            o.controls.compactMap(\.mismatch).map { "  \(o.claim.id): ERROR, \($0)" }
        })
        section("Documented findings (expect:)", result.outcomes.compactMap { o in
            o.status.reason.map { "  \(o.status.name) \(o.claim.id): \($0)" + (o.status.passesGate ? "" : " — passed although expected to fail; update the claim") }
        })
        section("Baseline drift", result.drifts.map { "  DRIFT \($0)" })
        text += "\nchecks: " + counts(result.checkCounts) + "\n"
        text += "claims: " + counts(result.claimCounts) + "\n"
        return text + result.closingLine + "\n"
    }

    /// "12 PASS, 2 FAIL" in `GateResult.order`, zero counts left out.
    private static func counts(_ byName: [String: Int]) -> String {
        let parts = GateResult.order.compactMap { name in byName[name].map { "\($0) \(name)" } }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// Writes every report of `result` under `directory`, the HTML page (`HTMLReport`) last.
    public static func write(_ result: GateResult, to directory: String) throws {
        ReportManifest.invalidate(directory)
        var plots = [String: [String]]()
        for o in result.outcomes { plots[o.claim.id] = try writeClaim(o, to: "\(directory)/\(o.claim.id)") }
        try AtomicFile.write(summary(result), to: "\(directory)/summary.txt")
        try junit(result).write(to: "\(directory)/junit.xml")
        let calibration = FileManager.default.contents(atPath: "\(directory)/calibration.csv").map { String(decoding: $0, as: UTF8.self) }
        try AtomicFile.write(HTMLReport(result: result, plots: plots, calibrationCSV: calibration).text, to: "\(directory)/index.html")
        try ReportManifest.write(directory, files: written(under: directory, claims: result.outcomes.map(\.claim.id)))
    }

    /// The report files of this run: the top-level reports and everything in the claims' directories.
    private static func written(under directory: String, claims: [String]) -> [String] {
        var files = ["summary.txt", "junit.xml", "index.html"]
        for id in claims {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(id)")) ?? []
            files += names.filter { !$0.contains(".ratelab-tmp-") }.map { "\(id)/\($0)" }
        }
        return files
    }

    /// The figure data and figures of a claim: `<dir>/trajectories.csv` (columns claim, the sweep axes,
    /// seed, then the standard metric columns), `<dir>/aggregate.csv` (across seeds, see `AggregateCSV`)
    /// and the plots with the overlays of `rows` (`ClaimFigures`); returns the plots' SVG file names.
    @discardableResult
    static func writeFigureData(_ data: ClaimData, rows: [CheckRow], to dir: String) throws -> [String] {
        var runs = [(labels: [CSVValue], result: RunResult)]()
        for point in data.points {
            for run in point.runs {
                runs.append((labels: [.text(data.claim.id)] + point.point.values.map { .text($0.value.text) } + [.integer(Int(run.seed))], result: run.result))
            }
        }
        try TrajectoryCSV.document(labelColumns: ["claim"] + data.claim.sweep.map(\.name) + ["seed"], runs: runs).write(to: "\(dir)/trajectories.csv")
        try AggregateCSV.document(data).write(to: "\(dir)/aggregate.csv")
        return try ClaimFigures(data, rows: rows).write(to: dir)
    }

    /// Writes the files of one claim; returns its plots' file names.
    static func writeClaim(_ o: ClaimOutcome, to dir: String) throws -> [String] {
        let plots = try writeFigureData(o.data, rows: o.rows, to: dir)
        var fits = CSVDocument(columns: ["claim", "check", "verdict", "measured", "low", "high", "bound", "margin", "detail"])
        for row in o.reportedRows {
            let r = row.outcome
            try fits.append([.text(o.claim.id), .text(row.check), .text(r.verdict.rawValue), .number(r.measured),
                             r.interval.map { .number($0.low) } ?? .missing, r.interval.map { .number($0.high) } ?? .missing,
                             r.bound.map { .number($0) } ?? .missing, r.margin.map { .number($0) } ?? .missing, .text(r.detail)])
        }
        try fits.write(to: "\(dir)/fits.csv")
        for table in o.rows.flatMap(\.tables) { try table.document.write(to: "\(dir)/\(table.file)") }
        for figure in o.rows.flatMap(\.figures) { try figure.plot.write(to: "\(dir)/\(figure.file)") }
        try JSONSidecar.write(Sidecar(o), to: "\(dir)/claim.json")
        return plots
    }

    private struct Sidecar: Encodable {
        let id, title, source, statement, file: String
        let verdict: String
        /// The verdict against the claim's expectation: PASS, FAIL, …, XFAIL or XPASS.
        let status: String
        let expectReason: String?
        let problem: [String: String]
        let run: [String: String]
        let sweep: [String: [String]]
        /// The groups of sweep axes that vary together (`zip:`), each in axis order.
        let zip: [[String]]
        let seeds: [UInt64]
        let rows: [CheckRow]
        let controls: [ControlEntry]
        /// "check: VERDICT — detail" for every row that did not pass.
        let failures: [String]
        let seconds: Double
        let version: String
        let gitCommit: String?

        init(_ o: ClaimOutcome) {
            let c = o.claim
            id = c.id; title = c.title; source = c.source; statement = c.statement; file = c.file
            verdict = o.claim.isFigureOnly ? o.status.name : o.verdict.rawValue
            status = o.status.name
            expectReason = o.claim.expectation?.reason
            problem = c.problem.mapValues(\.text)
            run = c.run.mapValues(\.text)
            sweep = Dictionary(uniqueKeysWithValues: c.sweep.map { ($0.name, $0.values.map(\.text)) })
            zip = SweepAxis.dimensions(c.sweep).filter { $0.axes.count > 1 }.map { $0.axes.map { c.sweep[$0].name } }
            seeds = c.seeds
            rows = o.rows
            controls = o.controls.map(ControlEntry.init)
            failures = o.rows.filter { $0.outcome.verdict != .pass }.map { "\($0.check): \($0.outcome.verdict.rawValue) — \($0.outcome.detail)" }
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

    /// One test case per check row, named "<row>" in class "<claim>". A row of an XFAIL claim that got
    /// the expected verdict is skipped with the reason (dashboards list skips apart, and they do not fail
    /// the build); every row of an XPASS claim fails; a row that drifted from the baseline fails with the
    /// drift; a baseline row that vanished is a failed case of its own.
    static func junit(_ result: GateResult) -> JUnitReport {
        var report = JUnitReport(suiteName: "ratelab-claims")
        let drifts = Dictionary(grouping: result.drifts) { Baseline.key($0.claim, $0.row) }
        for o in result.outcomes {
            let share = o.seconds / Double(max(1, o.rows.count))
            var rowKeys = Set<String>()
            for row in o.rows {
                let key = Baseline.key(o.claim.id, row.check)
                rowKeys.insert(key)
                var outcome = junitOutcome(row, of: o)
                if outcome == .passed, let drift = drifts[key]?.first {
                    outcome = .failed(message: "baseline drift", detail: "\(drift)")
                }
                report.add(JUnitReport.Case(classname: o.claim.id, name: row.check, time: share, outcome: outcome))
            }
            for drift in result.drifts where drift.claim == o.claim.id && !rowKeys.contains(Baseline.key(drift.claim, drift.row)) {
                report.add(JUnitReport.Case(classname: o.claim.id, name: drift.row, time: 0,
                                            outcome: .failed(message: "baseline drift", detail: "\(drift)")))
            }
            for c in o.controls {
                let outcome: JUnitReport.Case.Outcome = c.mismatch.map { .errored(message: $0, detail: c.row.outcome.detail) } ?? .passed
                report.add(JUnitReport.Case(classname: o.claim.id, name: c.row.check, time: c.outcome.seconds, outcome: outcome))
            }
        }
        return report
    }

    private static func junitOutcome(_ row: CheckRow, of o: ClaimOutcome) -> JUnitReport.Case.Outcome {
        let r = row.outcome
        switch (o.gateVerdict(row), r.verdict) {
        case ("XFAIL", _): return .skipped(reason: "XFAIL (\(r.verdict.rawValue)): \(o.status.reason ?? "")")
        case ("XPASS", _): return .failed(message: "XPASS: passed although expected to \(o.claim.expectation?.verdict.rawValue.lowercased() ?? "fail")",
                                          detail: "reason given: \(o.status.reason ?? ""); \(r.detail)")
        case (_, .pass): return .passed
        case (_, .fail), (_, .inconclusive): return .failed(message: "\(r.verdict.rawValue): measured \(number(r.measured))", detail: r.detail)
        case (_, .diverged), (_, .error): return .errored(message: r.verdict.rawValue, detail: r.detail)
        }
    }

    /// Four significant digits, "nan"/"inf" spelled out (`short` prints ±inf as "inf"/"-inf" already,
    /// but a negative NaN as "-nan"); zero is "0", never "-0".
    static func number(_ v: Double) -> String {
        v.isNaN ? "nan" : short(v == 0 ? 0 : v)
    }
}
