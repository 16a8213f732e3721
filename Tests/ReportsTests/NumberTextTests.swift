import Foundation
import RateLabLinalg
import XCTest
@testable import RateLabReports

final class NumberTextTests: XCTestCase {
    func testTwoDecimalsSpelling() {
        XCTAssertEqual([12.5, 3.0, -0.07, -0.001, 0.05, 1.1, 100.01, -250.499].map(NumberText.twoDecimals),
                       ["12.5", "3", "-0.07", "0", "0.05", "1.1", "100.01", "-250.5"])
    }

    /// Compares with C's printf("%.2f"/"%.3f") as an independent rounding; random values avoid exact ties
    /// (where scaling by 100 first could round differently from printf's exact decimal expansion).
    func testAgreesWithPrintf() {
        var stream = RandomStream(seed: 3, purpose: .data)
        for _ in 0..<2000 {
            let value = (stream.nextUniform() - 0.5) * 4000
            var printed = String(format: "%.2f", value)
            while printed.hasSuffix("0") { printed.removeLast() }
            if printed.hasSuffix(".") { printed.removeLast() }
            if printed == "-0" { printed = "0" }
            XCTAssertEqual(NumberText.twoDecimals(value), printed, "\(value)")
            let thousandths = String(format: "%.3f", abs(value))
            XCTAssertEqual(NumberText.fixed(abs(value), decimals: 3), thousandths, "\(value)")
        }
    }

    func testFixedDecimals() {
        XCTAssertEqual(NumberText.fixed(1.6238, decimals: 3), "1.624")
        XCTAssertEqual(NumberText.fixed(-0.0001, decimals: 3), "0.000")
        XCTAssertEqual(NumberText.fixed(-2.5, decimals: 1), "-2.5")
        XCTAssertEqual(NumberText.fixed(0.05, decimals: 3), "0.050")
        XCTAssertEqual(NumberText.fixed(2, decimals: 0), "2")
    }
}
