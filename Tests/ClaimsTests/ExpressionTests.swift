import XCTest
@testable import RateLabClaims

final class ExpressionTests: XCTestCase {
    /// Closed-form values, exact in binary (or to 1 ulp for pow/cbrt).
    func testEvaluation() throws {
        let b = ["L": 4.0, "mu": 0.5, "T": 8000, "p": 8]
        XCTAssertEqual(try Expression(parsing: "1/L").evaluate(b), 0.25)
        XCTAssertEqual(try Expression(parsing: "(1 - mu/L)^2").evaluate(b), 0.765625)
        XCTAssertEqual(try Expression(parsing: "2^3^2").evaluate(b), 512, "right-associative power")
        XCTAssertEqual(try Expression(parsing: "-2^2").evaluate(b), -4)
        XCTAssertEqual(try Expression(parsing: "max(1, floor(T^(2/3)/p^(1/3)))").evaluate(b), 200, accuracy: 1e-9)
        XCTAssertEqual(try Expression(parsing: "1e-3 * 2.5E2").evaluate(b), 0.25)
        XCTAssertEqual(try Expression(parsing: "sqrt(16) + cbrt(27) + min(3, 2)").evaluate(b), 9)
    }

    func testErrorsNameTheProblem() {
        XCTAssertThrowsError(try Expression(parsing: "1/Lip")) { XCTAssertTrue("\($0)".contains("unknown name 'Lip'"), "\($0)") }
        XCTAssertThrowsError(try Expression(parsing: "(1 + 2")) { XCTAssertTrue("\($0)".contains("expected ')'"), "\($0)") }
        XCTAssertThrowsError(try Expression(parsing: "1 +")) { XCTAssertTrue("\($0)".contains("expected"), "\($0)") }
        XCTAssertThrowsError(try Expression(parsing: "foo(2)")) { XCTAssertTrue("\($0)".contains("unknown function 'foo'"), "\($0)") }
        XCTAssertThrowsError(try Expression(parsing: "max(2)")) { XCTAssertTrue("\($0)".contains("takes 2 argument"), "\($0)") }
        XCTAssertThrowsError(try Expression(parsing: "2 3")) { XCTAssertTrue("\($0)".contains("unexpected '3'"), "\($0)") }
    }
}
