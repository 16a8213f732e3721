import XCTest
@testable import RateLabReports

final class PlotAxisTests: XCTestCase {
    private func labels(_ axis: PlotAxis) -> [String] { axis.ticks.map(axis.label) }

    func testLinearNiceTicks() {
        // Span/5 = 0.148 → step 0.1; the range widens to whole steps [0.1, 0.9].
        let axis = PlotAxis(scale: .linear, covering: [0.13, 0.5, 0.87, .nan, .infinity])
        XCTAssertEqual(labels(axis), ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
        XCTAssertEqual(axis.lower, 0.1, accuracy: 1e-15)  // one rounding of 1 × 0.1
        XCTAssertEqual(axis.upper, 0.9, accuracy: 1e-15)
        XCTAssertEqual(axis.fraction(0.5)!, 0.5, accuracy: 1e-15)  // a few roundings of O(1) numbers
        XCTAssertNil(axis.fraction(.nan))
    }

    func testLinearNegativeAndScientificLabels() {
        XCTAssertEqual(labels(PlotAxis(scale: .linear, covering: [-3, 1.2])), ["−3", "−2", "−1", "0", "1", "2"])
        // Ticks 0 … 2.5e7 in steps of 5e6: 1e7 needs 8 digits, so the whole axis switches to scientific notation.
        XCTAssertEqual(labels(PlotAxis(scale: .linear, covering: [0, 2.4e7])), ["0", "5e6", "1e7", "1.5e7", "2e7", "2.5e7"])
        XCTAssertEqual(labels(PlotAxis(scale: .linear, covering: [0, 3e-5])), ["0", "5e−6", "1e−5", "1.5e−5", "2e−5", "2.5e−5", "3e−5"])
    }

    func testLinearSingleValueWidens() {
        // v = 5 widens to [4, 6]: span/5 = 0.4 → step 0.5.
        XCTAssertEqual(labels(PlotAxis(scale: .linear, covering: [5, 5])), ["4", "4.5", "5", "5.5", "6"])
    }

    func testLogDecadesAndThinning() {
        let few = PlotAxis(scale: .log, covering: [8e-5, 2, -1, 0])
        XCTAssertEqual(few.ticks.map(\.exponent), Array(-5...1))
        // 3e-13 … 2 covers the 14 decades −13 … 1; at most 9 ticks means a tick every 2 decades on [−14, 2].
        let many = PlotAxis(scale: .log, covering: [3e-13, 2])
        XCTAssertEqual(many.ticks.map(\.exponent), Array(stride(from: -14, through: 2, by: 2)))
        XCTAssertEqual(many.fraction(1e-13)!, 1.0 / 16, accuracy: 1e-12)  // log10 of 1e-13 is within 1 ulp of −13
        XCTAssertNil(many.fraction(0))
        XCTAssertEqual(PlotAxis(scale: .log, covering: [10]).ticks.map(\.exponent), [1, 2])
        XCTAssertEqual(labels(few).first, "10<tspan dy=\"-5\" font-size=\"9\">−5</tspan>")
    }
}
