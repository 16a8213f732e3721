import Foundation
import XCTest
@testable import RateLabReports

/// What makes a plot fit for a paper: distinguishable colors, titles and legends that stay inside the
/// image, tick labels that never overlap.
final class PaperPlotTests: XCTestCase {
    func testPaletteIsOkabeItoWithEightDistinctColors() {
        XCTAssertEqual(SVGPlot.palette.count, 8)
        XCTAssertEqual(Set(SVGPlot.palette).count, 8)
        XCTAssertEqual(SVGPlot.palette.first, "#0072B2", "Okabe–Ito blue first")
    }

    func testWrappingKeepsWordsAndLimits() {
        XCTAssertEqual(TextWrap.lines("R-FAST with stragglers converges linearly", maxCharacters: 16),
                       ["R-FAST with", "stragglers", "converges", "linearly"])
        XCTAssertEqual(TextWrap.lines("abcdefghij", maxCharacters: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextWrap.lines("", maxCharacters: 4), [])
    }

    /// The title of the `lupa-tau-scaling` kind (≈ 120 characters) on a 640 px image: every line of it
    /// fits the width at 8 px per character, and the legend's long names wrap and grow the image.
    func testLongTitleAndLegendStayInsideTheImage() throws {
        let title = "Local SGD with periodic averaging: the optimal period τ* grows as T^(1/3) p^(-1/3) for the strongly convex logistic problem"
        var plot = SVGPlot(title: title, xLabel: "iteration", yLabel: "gap", xScale: .linear, yScale: .log)
        for k in 0..<8 {
            try plot.add(SVGPlot.Series(name: "problem.workers=\(k), run.tau=\(10 * k), run.algorithm=local-sgd-with-a-long-name",
                                        x: [0, 1, 2], y: [1, 0.1, 0.01]))
        }
        let svg = plot.render()
        let titleLines = svg.matches(of: #/<text x="320" y="\d+" text-anchor="middle" font-size="15">([^<]*)</text>/#).map { String($0.1) }
        XCTAssertGreaterThan(titleLines.count, 1, "a long title wraps")
        XCTAssertEqual(titleLines.joined(separator: " "), title.replacingOccurrences(of: "<", with: "&lt;"))
        XCTAssert(titleLines.allSatisfy { Double($0.count) * 8 <= 640 - 24 }, "\(titleLines)")
        // The image grows to hold the 8 wrapped legend entries.
        let height = try XCTUnwrap(svg.firstMatch(of: #/height="(\d+)" viewBox/#).map { Int($0.1)! })
        let lowestLegendText = try XCTUnwrap(svg.split(separator: "\n").filter { $0.contains("dy=\"0.35em\">problem") || $0.contains("dy=\"0.35em\">run") || $0.contains("dy=\"0.35em\">local") }
            .compactMap { $0.firstMatch(of: #/ y="([0-9.]+)"/#).map { Double($0.1)! } }.max())
        XCTAssertLessThan(lowestLegendText, Double(height), "the legend ends inside the image")
    }

    /// x from 10,000 to 100,000 on the narrowest image: the labels ("100000" is 39 px wide) would collide
    /// at five ticks per axis; the axis takes fewer ticks until 8 px separate neighbouring labels.
    func testTickLabelsNeverCollide() {
        let xs = stride(from: 10_000.0, through: 100_000, by: 2_000).map { $0 }
        var plot = SVGPlot(title: "", xLabel: "iteration", yLabel: "gap", xScale: .linear, yScale: .linear, width: 320, height: 240)
        try? plot.add(SVGPlot.Series(name: "a rather long legend name", x: xs, y: xs.map { 1 / $0 }))
        let svg = plot.render()
        let group = svg[svg.range(of: "<g class=\"tick-labels\"")!.upperBound...]
        let xLabels = group.split(separator: "\n").prefix { !$0.hasPrefix("</g>") }.filter { $0.contains("text-anchor=\"middle\"") }
        let positions = xLabels.compactMap { $0.firstMatch(of: #/<text x="([0-9.]+)"/#).map { Double($0.1)! } }
        let widths = xLabels.compactMap { $0.firstMatch(of: #/>([^<]*)</text>/#).map { 6.5 * Double($0.1.count) } }
        XCTAssertGreaterThanOrEqual(positions.count, 2)
        for k in 1..<positions.count {
            XCTAssertGreaterThanOrEqual(positions[k] - positions[k - 1], (widths[k] + widths[k - 1]) / 2 + 8, "labels \(k - 1), \(k) overlap")
        }
    }
}
