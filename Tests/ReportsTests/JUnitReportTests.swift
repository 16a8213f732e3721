import Foundation
import FoundationXML
import XCTest
@testable import RateLabReports

final class JUnitReportTests: XCTestCase {
    private func sampleReport() -> JUnitReport {
        var report = JUnitReport(suiteName: "ratelab <proofs-numeric>")
        report.add(.init(classname: "gd.yaml", name: "linear rate", time: 0.1234, outcome: .passed))
        report.add(.init(classname: "dsgd.yaml", name: "rate ≤ 1 − μ/L", time: 1.5,
                         outcome: .failed(message: "rate 0.991 > bound 0.98 & margin \"-0.011\"",
                                          detail: "interval [0.989, 0.993]\nseeds: 8 <all>")))
        report.add(.init(classname: "extra.yaml", name: "consensus", time: 0.0004,
                         outcome: .errored(message: "diverged at iteration 120 ('inf')", detail: "gap = inf\u{07}")))
        report.add(.init(classname: "gt.yaml", name: "optional", time: 0, outcome: .skipped(reason: "needs GSL ≥ 2.7")))
        return report
    }

    func testMatchesGoldenFile() {
        assertGolden(sampleReport().render(), named: "junit.xml")
    }

    /// Parses the report and checks that counts, attributes and escaped text come back unchanged.
    func testParsesWithCountsAndUnescapedText() throws {
        let document = try XMLDocument(data: Data(sampleReport().render().utf8))
        let suite = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(suite.name, "testsuite")
        XCTAssertEqual(suite.attribute(forName: "name")?.stringValue, "ratelab <proofs-numeric>")
        for (attribute, count) in [("tests", "4"), ("failures", "1"), ("errors", "1"), ("skipped", "1")] {
            XCTAssertEqual(suite.attribute(forName: attribute)?.stringValue, count, attribute)
        }
        // Sum of the case times 0.1234 + 1.5 + 0.0004 + 0 = 1.6238 s, written with three decimals.
        XCTAssertEqual(suite.attribute(forName: "time")?.stringValue, "1.624")
        let cases = suite.elements(forName: "testcase")
        XCTAssertEqual(cases.map { $0.attribute(forName: "classname")?.stringValue }, ["gd.yaml", "dsgd.yaml", "extra.yaml", "gt.yaml"])
        XCTAssertEqual(cases[1].attribute(forName: "name")?.stringValue, "rate ≤ 1 − μ/L")
        let failure = try XCTUnwrap(cases[1].elements(forName: "failure").first)
        XCTAssertEqual(failure.attribute(forName: "message")?.stringValue, "rate 0.991 > bound 0.98 & margin \"-0.011\"")
        XCTAssertEqual(failure.stringValue, "interval [0.989, 0.993]\nseeds: 8 <all>")
        let error = try XCTUnwrap(cases[2].elements(forName: "error").first)
        XCTAssertEqual(error.attribute(forName: "message")?.stringValue, "diverged at iteration 120 ('inf')")
        // U+0007 is not allowed in XML 1.0; it is replaced by U+FFFD to keep the document well-formed.
        XCTAssertEqual(error.stringValue, "gap = inf\u{FFFD}")
        XCTAssertEqual(cases[3].elements(forName: "skipped").first?.attribute(forName: "message")?.stringValue, "needs GSL ≥ 2.7")
        XCTAssertTrue(cases[0].children?.isEmpty ?? true)
    }

    func testAttributeKeepsNewlinesAndTabs() throws {
        var report = JUnitReport(suiteName: "s")
        report.add(.init(classname: "c", name: "n", time: 1, outcome: .failed(message: "line 1\nline 2\tend", detail: "")))
        let document = try XMLDocument(data: Data(report.render().utf8))
        let failure = try XCTUnwrap(document.rootElement()?.elements(forName: "testcase").first?.elements(forName: "failure").first)
        XCTAssertEqual(failure.attribute(forName: "message")?.stringValue, "line 1\nline 2\tend")
    }
}
