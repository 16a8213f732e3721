import Foundation
import FoundationXML
import XCTest
@testable import RateLabReports

final class SVGPlotTests: XCTestCase {
    /// A rate plot: a median gap 0.8^k, a dashed bound 2·0.85^k and a band 0.6·0.8^k … 1.5·0.8^k, k = 0…40, log y.
    private func ratePlot() throws -> SVGPlot {
        let k = (0...40).map(Double.init)
        var plot = SVGPlot(title: "Gap of D-SGD <ring, p = 8>", xLabel: "iteration k", yLabel: "f(x̄) − f*",
                           xScale: .linear, yScale: .log)
        try plot.add(SVGPlot.Band(name: "10–90 % of seeds", x: k, low: k.map { 0.6 * pow(0.8, $0) }, high: k.map { 1.5 * pow(0.8, $0) }))
        try plot.add(SVGPlot.Series(name: "median gap", x: k, y: k.map { pow(0.8, $0) }, markers: true))
        try plot.add(SVGPlot.Series(name: "bound 2·0.85^k", x: k, y: k.map { 2 * pow(0.85, $0) }, style: .dashed))
        return plot
    }

    func testMatchesGoldenFile() throws {
        assertGolden(try ratePlot().render(), named: "rate-plot.svg")
    }

    func testIsWellFormedXMLWithGeometryInsideThePlotArea() throws {
        let svg = try SVGDocument(try ratePlot().render())
        let area = svg.plotArea
        // Two series give two polylines, the band one polygon (no point is skipped).
        XCTAssertEqual(svg.polylines.count, 2)
        XCTAssertEqual(svg.polygons.count, 1)
        XCTAssertEqual(svg.polylines.map(\.count), [41, 41])
        XCTAssertEqual(svg.polygons.first?.count, 82)
        // Coordinates are rounded to 0.01 px, so a point on the frame may sit 0.005 px outside it.
        let slack = 0.005
        for point in (svg.polylines + svg.polygons).joined() {
            XCTAssertTrue(point.x >= area.minX - slack && point.x <= area.maxX + slack, "\(point) outside \(area)")
            XCTAssertTrue(point.y >= area.minY - slack && point.y <= area.maxY + slack, "\(point) outside \(area)")
        }
        // The y axis spans the decades 10^-5 … 10^1 (data from 0.6·0.8^40 ≈ 8e-5 to 2), the x axis 0 … 40,
        // so (k = 0, y = 1) lies on the left edge, 5/6 of the way down from the top, and
        // (k = 40, y = 0.8^40) at the right edge, log10(0.8^40) = 40·log10(0.8) decades above 10^-5.
        let first = try XCTUnwrap(svg.polylines.first?.first), last = try XCTUnwrap(svg.polylines.first?.last)
        XCTAssertEqual(first.x, area.minX, accuracy: slack)
        XCTAssertEqual(first.y, area.minY + area.height / 6, accuracy: 2 * slack)
        XCTAssertEqual(last.x, area.maxX, accuracy: 2 * slack)
        XCTAssertEqual(last.y, area.maxY - (5 + 40 * log10(0.8)) / 6 * area.height, accuracy: 2 * slack)
        XCTAssertEqual(svg.tickLabels, ["0", "10", "20", "30", "40"] + (-5...1).map { "10" + "\($0)".replacingOccurrences(of: "-", with: "−") })
    }

    func testSkippedPointsBreakTheLine() throws {
        var plot = SVGPlot(title: "", xLabel: "", yLabel: "", xScale: .log, yScale: .log)
        let y = [1, 2, .nan, 3, 4, 0, 5, -1, 6, 7] as [Double]
        try plot.add(SVGPlot.Series(name: "s", x: (1...10).map(Double.init), y: y))
        let svg = try SVGDocument(plot.render())
        // Runs of drawable points: {1,2}, {3,4}, {5} (a lone point, drawn as a dot), {6,7}.
        XCTAssertEqual(svg.polylines.map(\.count), [2, 2, 2])
        XCTAssertEqual(svg.circleCount, 1)
    }

    func testEmptyPlotStillRenders() throws {
        let svg = try SVGDocument(SVGPlot(title: "empty", xLabel: "x", yLabel: "y", xScale: .linear, yScale: .log).render())
        XCTAssertTrue(svg.polylines.isEmpty)
        // Default ranges: [0, 1] in steps of 0.2 and the decade [10^0, 10^1].
        XCTAssertEqual(svg.tickLabels, ["0", "0.2", "0.4", "0.6", "0.8", "1", "100", "101"])
    }

    func testMismatchedCoordinatesThrow() {
        var plot = SVGPlot(title: "p", xLabel: "", yLabel: "", xScale: .linear, yScale: .linear)
        XCTAssertThrowsError(try plot.add(SVGPlot.Series(name: "s", x: [1, 2], y: [1]))) { error in
            XCTAssertEqual("\(error)", "plot 'p', 's': coordinate arrays must have equal length, but x has 2 values, y has 1")
        }
        XCTAssertThrowsError(try plot.add(SVGPlot.Band(name: "b", x: [1], low: [1], high: [])))
        XCTAssertTrue(plot.series.isEmpty && plot.bands.isEmpty)
    }

    /// Renders the rate plot into the temporary directory for a look in a browser or with rsvg-convert.
    func testWriteStoresTheRendering() throws {
        let path = try makeScratchDirectory("svg-write") + "/rate-plot.svg"
        let plot = try ratePlot()
        try plot.write(to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data(plot.render().utf8))
    }
}

/// The parts of a rendered plot that the tests inspect, read with Foundation's XML parser.
private struct SVGDocument {
    struct Point { let x, y: Double }
    struct Area { let minX, minY, width, height: Double; var maxX: Double { minX + width }; var maxY: Double { minY + height } }

    let plotArea: Area
    let polylines: [[Point]]
    let polygons: [[Point]]
    let circleCount: Int
    let tickLabels: [String]

    init(_ text: String) throws {
        let root = try XCTUnwrap(try XMLDocument(data: Data(text.utf8)).rootElement())
        XCTAssertEqual(root.name, "svg")
        // Every element in document order (XPath would need the SVG namespace bound to a prefix).
        var all: [XMLElement] = []
        func collect(_ element: XMLElement) {
            all.append(element)
            for child in element.children ?? [] { if let child = child as? XMLElement { collect(child) } }
        }
        collect(root)
        // Attributes by name via `attributes`: corelibs' `attribute(forName:)` misses them under a default namespace.
        func attribute(_ element: XMLElement, _ name: String) -> String? {
            element.attributes?.first { $0.name == name }?.stringValue
        }
        func elements(_ name: String) -> [XMLElement] { all.filter { $0.name == name } }
        func children(ofGroup group: String, named name: String) -> [XMLElement] {
            elements("g").filter { attribute($0, "class") == group }.flatMap { $0.elements(forName: name) }
        }
        func number(_ element: XMLElement, _ name: String) throws -> Double {
            try XCTUnwrap(Double(attribute(element, name) ?? ""), "\(name) of \(element)")
        }
        func points(_ element: XMLElement) throws -> [Point] {
            try (attribute(element, "points") ?? "").split(separator: " ").map { pair in
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                XCTAssertEqual(xy.count, 2, "malformed point \(pair)")
                return Point(x: try XCTUnwrap(xy.first), y: try XCTUnwrap(xy.last))
            }
        }
        let rect = try XCTUnwrap(elements("rect").first { attribute($0, "class") == "plot-area" })
        plotArea = Area(minX: try number(rect, "x"), minY: try number(rect, "y"),
                        width: try number(rect, "width"), height: try number(rect, "height"))
        polylines = try elements("polyline").map(points)
        polygons = try elements("polygon").map(points)
        circleCount = children(ofGroup: "series", named: "circle").count
        tickLabels = children(ofGroup: "tick-labels", named: "text").map { $0.stringValue ?? "" }
    }
}
