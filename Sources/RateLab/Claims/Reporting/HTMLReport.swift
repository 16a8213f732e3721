import Foundation
import RateLabReports

/// `<reports>/index.html`: the whole run as one static page that works offline from the file system
/// (no server, no external resource; styles and the filter script are inline).
///
/// It has the gate line; a verdict table over all claims, filtered by status and by text; one section
/// per claim with its statement, source and file, the documented reason of an XFAIL/XPASS, every check
/// row (verdict as the gate sees it, measured value, interval, bound, margin, the interval's method and
/// the detail), the controls (predicted and got), its plots and links to its CSVs, sidecar and pgfplots
/// files; the calibration table when `<reports>/calibration.csv` exists (`ratelab calibrate`); and the
/// baseline drifts. The page checks itself when loaded: `<body data-plots="loaded/total"
/// data-errors="N">` counts the plot images that loaded and the script errors seen (the browser test
/// reads them).
struct HTMLReport {
    let result: GateResult
    /// Each claim's plot files (relative to its folder), by claim id.
    let plots: [String: [String]]
    /// The text of `calibration.csv`, if there is one.
    let calibrationCSV: String?

    /// The page.
    var text: String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<title>RateLab claims report</title>\n<style>\n\(Self.style)</style>\n"
        h += "<script>\n\(Self.errorHook)</script>\n</head>\n<body data-plots=\"\" data-errors=\"0\">\n"
        h += "<h1>RateLab claims report</h1>\n<p class=\"gate\">\(e(result.closingLine))</p>\n"
        h += verdictTable + result.outcomes.map(section).joined() + calibration + drifts
        h += "<p class=\"footer\">RateLab \(e(RateLabVersion.string))\(RateLabVersion.gitCommit.map { " (" + e($0) + ")" } ?? "")</p>\n"
        h += "<script>\n\(Self.script)</script>\n</body>\n</html>\n"
        return h
    }

    /// The filters and the table of claims (one row each, linking to its section).
    private var verdictTable: String {
        let statuses = GateResult.order.filter { name in result.outcomes.contains { $0.status.name == name } }
        var h = "<h2 id=\"verdicts\">Verdicts</h2>\n<div class=\"filters\">"
        h += statuses.map { "<label><input type=\"checkbox\" class=\"status-filter\" value=\"\($0)\" checked> \($0)</label>" }.joined(separator: " ")
        h += " <input type=\"search\" id=\"text-filter\" placeholder=\"filter claims by text\"></div>\n"
        h += "<table id=\"verdict-table\">\n<tr><th>claim</th><th>status</th><th>rows passed</th><th>controls held</th><th>title</th><th>seconds</th></tr>\n"
        for o in result.outcomes {
            let passed = o.rows.filter { $0.outcome.verdict == .pass }.count
            h += "<tr class=\"claim-row\" data-status=\"\(o.status.name)\"><td><a href=\"#claim-\(a(o.claim.id))\">\(e(o.claim.id))</a></td>"
            h += "<td class=\"status \(o.status.name)\">\(o.status.name)</td><td>\(passed)/\(o.rows.count)</td>"
            h += "<td>\(o.controls.filter(\.held).count)/\(o.controls.count)</td><td>\(e(o.claim.title))</td>"
            h += "<td>\(String(format: "%.1f", o.seconds))</td></tr>\n"
        }
        return h + "</table>\n"
    }

    /// One claim's section.
    private func section(_ o: ClaimOutcome) -> String {
        let c = o.claim, id = a(c.id)
        var h = "<section class=\"claim\" id=\"claim-\(id)\" data-status=\"\(o.status.name)\">\n"
        h += "<h2>\(e(c.id)) <span class=\"status \(o.status.name)\">\(o.status.name)</span></h2>\n"
        h += "<p class=\"title\">\(e(c.title))</p>\n<dl>\n<dt>statement</dt><dd>\(e(c.statement))</dd>\n"
        h += "<dt>source</dt><dd>\(e(c.source))</dd>\n<dt>file</dt><dd><code>\(e(c.file))</code></dd>\n"
        if let reason = o.status.reason { h += "<dt>expected (\(o.status.name))</dt><dd>\(e(reason))</dd>\n" }
        h += "</dl>\n"
        if !o.rows.isEmpty {
            h += "<h3>Checks</h3>\n<table class=\"checks\">\n<tr><th>check</th><th>verdict</th><th>measured</th><th>95% interval</th>"
            h += "<th>bound</th><th>margin</th><th>method</th><th>detail</th></tr>\n"
            for row in o.rows {
                let r = row.outcome, verdict = o.gateVerdict(row)
                h += "<tr><td>\(e(row.check))</td><td class=\"status \(verdict)\">\(verdict)</td><td>\(ClaimReports.number(r.measured))</td>"
                h += "<td>\(r.interval.map { "[\(ClaimReports.number($0.low)), \(ClaimReports.number($0.high))]" } ?? "")</td>"
                h += "<td>\(e(r.bound.map { BoundRelation(r).symbol + " " + ClaimReports.number($0) } ?? ""))</td>"
                h += "<td>\(r.margin.map(ClaimReports.number) ?? "")</td><td>\(e(r.method ?? ""))</td><td>\(e(r.detail))</td></tr>\n"
            }
            h += "</table>\n"
        }
        if !o.controls.isEmpty {
            h += "<h3>Controls</h3>\n<table class=\"controls\">\n<tr><th>control</th><th>why</th><th>predicted</th><th>got</th><th>held</th></tr>\n"
            for control in o.controls {
                h += "<tr><td>\(e(control.control.name))</td><td>\(e(control.control.why))</td>"
                h += "<td>\(e(control.control.expected.description))</td><td class=\"status \(control.verdict.rawValue)\">\(control.verdict.rawValue)</td>"
                h += "<td>\(control.held ? "yes" : "<strong>no</strong>")</td></tr>\n"
            }
            h += "</table>\n"
        }
        h += "<h3>Plots</h3>\n<div class=\"plots\">\n"
        for plot in plots[c.id] ?? [] {
            h += "<figure><img class=\"claim-plot\" src=\"\(id)/\(a(plot))\" alt=\"\(a(c.id)): \(a(plot))\" loading=\"eager\">"
            h += "<figcaption><a href=\"\(id)/\(a(plot))\">\(e(plot))</a> · "
            h += "<a href=\"\(id)/\(a(plot.replacingOccurrences(of: ".svg", with: ".tex")))\">pgfplots</a></figcaption></figure>\n"
        }
        h += "</div>\n<p class=\"files\">Data: " + ["trajectories.csv", "aggregate.csv", "fits.csv", "claim.json"]
            .map { "<a href=\"\(id)/\($0)\">\($0)</a>" }.joined(separator: " · ") + "</p>\n"
        return h + "</section>\n"
    }

    /// The calibration table, when `calibration.csv` exists.
    private var calibration: String {
        guard let csv = calibrationCSV else { return "" }
        let lines = csv.split(whereSeparator: \.isNewline).map { Self.fields(String($0)) }
        guard let header = lines.first else { return "" }
        var h = "<h2 id=\"calibration\">Calibration of the intervals</h2>\n"
        h += "<p>Monte Carlo coverage of nominal 95% intervals (<a href=\"calibration.csv\">calibration.csv</a>, written by <code>ratelab calibrate</code>).</p>\n"
        h += "<table class=\"calibration\">\n<tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for row in lines.dropFirst() { h += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        return h + "</table>\n"
    }

    /// The baseline drifts (or that there are none).
    private var drifts: String {
        var h = "<h2 id=\"drift\">Baseline drift</h2>\n"
        guard !result.drifts.isEmpty else { return h + "<p>No value drifted from the baseline (or no baseline was given).</p>\n" }
        h += "<ul class=\"drifts\">\n" + result.drifts.map { "<li>\(e($0.description))</li>\n" }.joined() + "</ul>\n"
        return h
    }

    /// The fields of one CSV line (RFC 4180: quoted fields may hold commas and doubled quotes).
    static func fields(_ line: String) -> [String] {
        var fields = [String](), current = "", quoted = false
        var chars = line.makeIterator()
        while let ch = chars.next() {
            switch (ch, quoted) {
            case ("\"", true):
                if let next = chars.next() {
                    if next == "\"" { current.append("\"") } else {
                        quoted = false
                        if next == "," { fields.append(current); current = "" } else { current.append(next) }
                    }
                } else { quoted = false }
            case ("\"", false) where current.isEmpty: quoted = true
            case (",", false): fields.append(current); current = ""
            default: current.append(ch)
            }
        }
        fields.append(current)
        return fields
    }

    private func e(_ s: String) -> String { XMLText.content(s) }
    private func a(_ s: String) -> String { XMLText.attribute(s) }

    /// Counts script errors, failed resources and `console.error` calls before anything else runs (`data-errors`).
    static let errorHook = """
    window.ratelabErrors = 0;
    window.addEventListener('error', function () { window.ratelabErrors += 1; }, true);
    (function (original) {
      console.error = function () { window.ratelabErrors += 1; original.apply(console, arguments); };
    })(console.error);
    """

    /// The filters (status checkboxes, text) and the self-check of the plots.
    static let script = """
    (function () {
      function apply() {
        var shown = {};
        document.querySelectorAll('.status-filter').forEach(function (box) { shown[box.value] = box.checked; });
        var text = document.getElementById('text-filter').value.toLowerCase();
        document.querySelectorAll('.claim-row, section.claim').forEach(function (el) {
          var visible = shown[el.dataset.status] !== false && el.textContent.toLowerCase().indexOf(text) >= 0;
          el.style.display = visible ? '' : 'none';
        });
      }
      document.querySelectorAll('.status-filter').forEach(function (box) { box.addEventListener('change', apply); });
      document.getElementById('text-filter').addEventListener('input', apply);
      window.addEventListener('load', function () {
        var images = document.querySelectorAll('img.claim-plot');
        var loaded = Array.prototype.filter.call(images, function (img) { return img.complete && img.naturalWidth > 0; }).length;
        document.body.dataset.plots = loaded + '/' + images.length;
        document.body.dataset.errors = String(window.ratelabErrors);
      });
    })();
    """

    static let style = """
    body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1400px; }
    table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
    th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
    th { background: #f2f2f2; }
    .status { font-weight: bold; }
    .PASS { color: #009E73; } .XFAIL { color: #0072B2; } .FIGURE { color: #555; }
    .FAIL, .XPASS, .ERROR, .DIVERGED { color: #D55E00; } .INCONCLUSIVE { color: #E69F00; }
    section.claim { border-top: 2px solid #ddd; margin-top: 2em; }
    .plots { display: flex; flex-wrap: wrap; gap: 1em; }
    figure { margin: 0; } img.claim-plot { max-width: 760px; width: 100%; border: 1px solid #eee; }
    .filters label { margin-right: 0.8em; } .gate { font-weight: bold; } .footer { color: #777; font-size: 0.8em; }
    dt { font-weight: bold; } dd { margin: 0 0 0.4em 1.5em; }

    """
}
