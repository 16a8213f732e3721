import Foundation
import RateLabReports

/// The figures of a claim: its grid points as curves of the plotted metric (`plot:`) against x, split
/// into facets so that no curve is dropped, each written as an SVG and as a pgfplots `.tex` that draws
/// the same curves from `aggregate.csv`.
///
/// A curve is the geometric mean across seeds, with the band of its 95% interval (`AggregateCSV`) when
/// there are two or more seeds. The check rows' overlays in the plotted metric and x — the fitted line
/// (dashed) and the theorem's reference (dotted) — are drawn in their grid point's color. At most
/// `maxCurves` curves share a plot (one color each from the Okabe–Ito palette): with more grid points,
/// a claim with several sweep axes gets one facet per value of its first axis (chunked again when
/// needed), otherwise consecutive chunks; files are `plot.svg`, `plot-2.svg`, … A grid point without
/// runs is listed in its facet's legend as "(no runs)", never left out silently. The y axis is
/// logarithmic when the positive values span two decades or more.
struct ClaimFigures {
    /// One plot: a subset of the grid points.
    struct Facet {
        /// `plot`, `plot-2`, …
        let name: String
        /// What the facet's points have in common ("problem.workers=8"), or "k of n"; empty for a single plot.
        let label: String
        let points: [PointResult]
        /// The axes that vary within the facet (the curves' labels).
        let varying: [String]
    }

    /// The most curves in one plot: the size of the palette.
    static let maxCurves = SVGPlot.palette.count

    let data: ClaimData
    let rows: [CheckRow]
    let facets: [Facet]

    init(_ data: ClaimData, rows: [CheckRow]) {
        self.data = data
        self.rows = rows
        let axes = data.claim.sweep.map(\.name)
        var groups: [(label: String, points: [PointResult], varying: [String])]
        if data.points.count > Self.maxCurves, axes.count > 1 {
            var order = [String](), byValue = [String: [PointResult]]()
            for p in data.points {
                let v = p.point.value(axes[0]) ?? ""
                if byValue[v] == nil { order.append(v) }
                byValue[v, default: []].append(p)
            }
            groups = order.map { ("\(axes[0])=\($0)", byValue[$0]!, Array(axes.dropFirst())) }
        } else {
            groups = [("", data.points, axes)]
        }
        groups = groups.flatMap { group in
            let chunks = stride(from: 0, to: group.points.count, by: Self.maxCurves).map {
                Array(group.points[$0..<min($0 + Self.maxCurves, group.points.count)])
            }
            guard chunks.count > 1 else { return [group] }
            return chunks.enumerated().map { k, chunk in
                ([group.label, "\(k + 1) of \(chunks.count)"].filter { !$0.isEmpty }.joined(separator: ", "), chunk, group.varying)
            }
        }
        facets = groups.enumerated().map { k, g in Facet(name: k == 0 ? "plot" : "plot-\(k + 1)", label: g.label, points: g.points, varying: g.varying) }
    }

    /// Writes `<name>.svg` and `<name>.tex` of every facet into `dir`; returns the SVG file names.
    func write(to dir: String) throws -> [String] {
        for facet in facets {
            try svg(facet).write(to: "\(dir)/\(facet.name).svg")
            try AtomicFile.write(PGFPlotsFigure(self, facet).text, to: "\(dir)/\(facet.name).tex")
        }
        return facets.map { "\($0.name).svg" }
    }

    /// The facet's title: the claim's title, then the facet's label.
    func title(_ facet: Facet) -> String {
        facet.label.isEmpty ? data.claim.title : "\(data.claim.title) (\(facet.label))"
    }

    /// A curve's legend name: the values of the axes that vary within the facet, or the claim id.
    func curveName(_ point: PointResult, in facet: Facet) -> String {
        let name = point.point.values.filter { facet.varying.contains($0.axis) }.map { "\($0.axis)=\($0.value.text)" }.joined(separator: ", ")
        return name.isEmpty ? data.claim.id : name
    }

    /// The overlays of the rows of `point` drawn in the plotted metric and x.
    func overlays(_ point: PointResult) -> [CheckRow.Overlay] {
        let spec = data.claim.plot
        let tag = "[\(point.point.label)]"
        let mine = rows.filter { row in
            row.metric == spec.metric && data.claim.checks.contains { $0.x == spec.x && row.check.hasPrefix($0.label) }
                && (point.point.label.isEmpty || row.check.contains(tag))
        }
        return mine.flatMap(\.overlays)
    }

    /// Log when the positive finite values span at least two decades, else linear.
    func yScale(_ facet: Facet) -> SVGPlot.Scale {
        let values = facet.points.flatMap { $0.trajectory(data.claim.plot.metric, data.claim.plot.x).y }.filter { $0 > 0 && $0.isFinite }
        guard let low = values.min(), let high = values.max() else { return .linear }
        return high / low >= 100 ? .log : .linear
    }

    /// The facet's SVG plot.
    func svg(_ facet: Facet) -> SVGPlot {
        let spec = data.claim.plot
        var plot = SVGPlot(title: title(facet), xLabel: spec.x.rawValue,
                           yLabel: "\(spec.metric.rawValue) (geometric mean over \(data.claim.seeds.count) seed(s))",
                           xScale: .linear, yScale: yScale(facet), width: 760, height: 460)
        for (k, point) in facet.points.enumerated() {
            let color = SVGPlot.palette[k % SVGPlot.palette.count]
            let name = curveName(point, in: facet)
            guard !point.runs.isEmpty else {
                try? plot.add(SVGPlot.Series(name: "\(name) (no runs)", x: [], y: [], color: color))
                continue
            }
            let t = point.trajectory(spec.metric, spec.x)
            try? plot.add(SVGPlot.Series(name: name, x: t.x, y: t.y, color: color))
            if point.runs.count >= 2 {
                let band = seedBand(point)
                try? plot.add(SVGPlot.Band(name: "", x: t.x, low: band.low, high: band.high, color: color))
            }
            for (j, overlay) in overlays(point).enumerated() {
                try? plot.add(SVGPlot.Series(name: overlay.name, x: overlay.x, y: overlay.y, style: j == 0 ? .dashed : .dotted, color: color))
            }
        }
        return plot
    }

    /// The 95% interval of the geometric mean at each checkpoint (NaN where it has none).
    func seedBand(_ point: PointResult) -> (low: [Double], high: [Double]) {
        let count = point.runs.map(\.result.checkpoints.count).min() ?? 0
        let intervals = (0..<count).map { k in
            SeedAggregate(point.runs.map { data.claim.plot.metric.value($0.result.checkpoints[k]) }, level: AggregateCSV.level).interval
        }
        return (intervals.map { $0?.low ?? .nan }, intervals.map { $0?.high ?? .nan })
    }
}
