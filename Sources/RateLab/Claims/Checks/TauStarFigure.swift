import Foundation
import RateLabReports
import RateLabVerification

/// `tau_star.svg`: τ* against T (log–log), one series per (p, B) with its bootstrap band (a censored τ* sits
/// at its cap, T or the top of the grid), the continuous excess fit's τ* per (p, B) as a dashed line when there
/// is one, and each theory's slope a of τ* ∝ T^a as a dotted line. A (p, B) keeps one palette color for its
/// τ*, band and fit; the theories take the colors after them. The
/// theories' constants are unknown, so their lines start at the τ* of the smallest T of the first series:
/// only the slopes are compared.
enum TauStarFigure {
    /// One point of the figure: a cell's T, p, B and its τ*.
    struct Point {
        let T: Double, p: Double, B: Double
        let estimate: TauStarEstimate
    }

    /// `fitted`: the excess fit's τ* per cell (same cells as `points`), or empty.
    static func make(_ points: [Point], fitted: [(T: Double, p: Double, B: Double, value: Double)] = [], title: String) -> CheckRow.Figure {
        var svg = SVGPlot(title: title, xLabel: "T (steps)", yLabel: "τ* (steps)", xScale: .log, yScale: .log)
        let series = Dictionary(grouping: points) { "p=\(short($0.p)), B=\(short($0.B))" }
        let keys = series.keys.sorted { series[$0]![0].p < series[$1]![0].p }
        let palette = SVGPlot.palette
        for (k, key) in keys.enumerated() {
            let s = series[key]!.sorted { $0.T < $1.T }, color = palette[k % palette.count]
            try? svg.add(SVGPlot.Series(name: "τ* \(key)", x: s.map(\.T), y: s.map(\.estimate.value), markers: true, color: color))
            try? svg.add(SVGPlot.Band(name: "95% bootstrap \(key)", x: s.map(\.T), low: s.map(\.estimate.interval.low),
                                      high: s.map(\.estimate.interval.high), color: color))
            let fit = fitted.filter { "p=\(short($0.p)), B=\(short($0.B))" == key }.sorted { $0.T < $1.T }
            if !fit.isEmpty {
                try? svg.add(SVGPlot.Series(name: "excess fit τ* \(key)", x: fit.map(\.T), y: fit.map(\.value), style: .dashed, color: color))
            }
        }
        if let first = keys.first.map({ series[$0]!.sorted { $0.T < $1.T } }), let start = first.first, let end = first.last, end.T > start.T {
            for (j, theory) in TauTheories.all.enumerated() {
                let a = theory.exponents[0]
                try? svg.add(SVGPlot.Series(name: "\(theory.name): T^\(short(a))", x: [start.T, end.T],
                                            y: [start.estimate.value, start.estimate.value * pow(end.T / start.T, a)], style: .dotted,
                                            color: palette[(keys.count + j) % palette.count]))
            }
        }
        return CheckRow.Figure(file: "tau_star.svg", plot: svg)
    }
}
