import XCTest
@testable import RateLabClaims
import RateLab

/// The step-size grammar is one: `--lr` (numbers) and a claim's `lr:` (expressions) accept the same
/// forms and give the same schedules.
final class StepScheduleTests: XCTestCase {
    func testCommandLineForms() throws {
        XCTAssertEqual(try StepSchedule(parsing: "0.05", horizon: 100), .constant(0.05))
        XCTAssertEqual(try StepSchedule(parsing: "const:0.05", horizon: 100), .constant(0.05))
        XCTAssertEqual(try StepSchedule(parsing: "constant:0.05", horizon: 100), .constant(0.05))
        let inverse = try StepSchedule(parsing: "inv:4:100", horizon: 100)
        XCTAssertEqual(inverse, .inverseTime(a: 4, b: 100))
        XCTAssertEqual(inverse.rate(at: 0), 0.04)  // 4/(0 + 100)
        XCTAssertEqual(inverse.rate(at: 100), 0.02)  // 4/(100 + 100)
        XCTAssertEqual(try StepSchedule(parsing: "sqrt:0.5", horizon: 100).rate(at: 7), 0.05)  // 0.5/√100
        for bad in ["0", "-1", "inf", "nan", "x", "inv:4", "inv:4:0", "sqrt:x", "sqrt:1:2", "foo:1", ""] {
            XCTAssertThrowsError(try StepSchedule(parsing: bad, horizon: 100), bad) { error in
                XCTAssertTrue("\(error)".hasPrefix("invalid --lr '\(bad)'"), "\(error)")
            }
        }
    }

    /// A claim's expressions, evaluated with L, μ, κ bound, give the schedule `--lr` gives for the values.
    func testClaimTemplateMatchesCommandLine() throws {
        let bindings = ["L": 5.0, "mu": 0.5, "kappa": 10.0]
        let cases = [("1/L", "0.2"), ("const:1/L", "const:0.2"), ("constant:2/L", "0.4"),
                     ("inv:4/mu:8*kappa", "inv:8:80"), ("sqrt:kappa/20", "sqrt:0.5")]
        for (expression, numbers) in cases {
            let parser = SettingParser(settings: ["lr": Setting(text: expression, line: 3)], file: "c.yaml", section: "run")
            let template = try parser.stepSchedule(expression, key: "lr")
            XCTAssertEqual(try template.evaluate(bindings, horizon: 100), try StepSchedule(parsing: numbers, horizon: 100), expression)
        }
        let parser = SettingParser(settings: ["lr": Setting(text: "inv:1", line: 3)], file: "c.yaml", section: "run")
        XCTAssertThrowsError(try parser.stepSchedule("inv:1", key: "lr")) { error in
            XCTAssertEqual((error as? ClaimError)?.line, 3)
            XCTAssertTrue("\(error)".contains("expected one of the forms"), "\(error)")
        }
        let negative = try parser.stepSchedule("1 - L", key: "lr")
        XCTAssertThrowsError(try negative.evaluate(bindings, horizon: 100)) { error in
            XCTAssertTrue("\(error)".contains("positive finite parameters"), "\(error)")
        }
    }
}
