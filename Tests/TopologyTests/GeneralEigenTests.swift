import RateLab
import TestSupport
import XCTest

final class GeneralEigenTests: XCTestCase {
    /// A rotation by θ has eigenvalues cos θ ± i sin θ (a conjugate pair, positive imaginary part first).
    /// Tolerance 1e-15: entries of size 1, a 2×2 QR step, errors of a few ulps.
    func testRotationHasConjugatePair() throws {
        let theta = 0.7
        let e = try GeneralEigen(Matrix([[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]))
        XCTAssertEqual(e.values.count, 2)
        XCTAssertEqual(e.values[0].re, cos(theta), accuracy: 1e-15)
        XCTAssertEqual(e.values[0].im, sin(theta), accuracy: 1e-15)
        XCTAssertEqual(e.values[1].re, cos(theta), accuracy: 1e-15)
        XCTAssertEqual(e.values[1].im, -sin(theta), accuracy: 1e-15)
        XCTAssertEqual(e.moduli[0], 1, accuracy: 1e-15)
    }

    /// A triangular matrix's eigenvalues are its diagonal (real). Tolerance 1e-14 for entries up to 5.
    func testTriangularMatrixHasItsDiagonal() throws {
        let e = try GeneralEigen(Matrix([[2, 7, -1], [0, -3, 4], [0, 0, 5]]))
        XCTAssertLessThanOrEqual(maxAbsDifference(e.values.map(\.re).sorted(), [-3, 2, 5]), 1e-14)
        XCTAssertTrue(e.values.allSatisfy { $0.im == 0 })
    }

    func testNonSquareIsRefused() {
        XCTAssertThrowsError(try GeneralEigen(Matrix(rows: 2, cols: 3))) {
            XCTAssertEqual("\($0)", "dimension mismatch: dgeev: matrix is 2×3, expected square")
        }
    }
}
