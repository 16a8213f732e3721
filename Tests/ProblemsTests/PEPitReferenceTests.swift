import Foundation
import TestSupport
import XCTest

/// The committed PEPit reference values (proofs-numeric/data, written by benchmarks/pepit/gd_worst_case.py)
/// agree with the closed-form worst cases of GD with step 1/L. Tolerance 1e-5 relative: the SDP is solved by
/// an interior-point method (Clarabel) to about 1e-8; PEPit is not needed to run this test.
final class PEPitReferenceTests: XCTestCase {
    /// The rows of a committed CSV as name → value maps.
    private func table(_ name: String) throws -> [[String: Double]] {
        let path = CLI.root.appendingPathComponent("proofs-numeric/data/\(name)").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        return try lines.dropFirst().map { line in
            let cells = line.split(separator: ",").map { Double($0) }
            return Dictionary(uniqueKeysWithValues: try zip(header, cells).map { ($0, try XCTUnwrap($1, "\(name): \(line)")) })
        }
    }

    /// The horizons the script writes by default: convex, every N up to 20, then 25, 30, 40, …, 100; strongly
    /// convex, N = 1…20 at L = 10 (beyond, (0.81)^N < 1e-4 and the SDP's absolute accuracy would dominate), and
    /// the convex horizons at L = 100 ((0.99)^(2N) ≥ 0.13 up to N = 100).
    private static let convexHorizons = Array(1...20) + [25, 30, 40, 50, 60, 70, 80, 90, 100]
    private static let stronglyConvexHorizons = Array(1...20).map { (L: 10.0, N: $0) } + convexHorizons.map { (L: 100.0, N: $0) }

    /// Smooth convex, L = R = 1: PEPit's sup f(x_N) − f* = 1/(4N+2) at every horizon.
    func testConvexWorstCaseIsDroriTeboulle() throws {
        let rows = try table("pepit-gd-convex.csv")
        XCTAssertEqual(rows.map { Int($0["N"]!) }, PEPitReferenceTests.convexHorizons)
        for row in rows {
            let n = row["N"]!, theory = 1 / (4 * n + 2)
            XCTAssertEqual(row["theory"]!, theory, accuracy: 1e-15 * theory)
            XCTAssertEqual(row["pepit_worst_case"]!, theory, accuracy: 1e-5 * theory, "N = \(n)")
        }
    }

    /// Smooth μ-strongly convex, μ = 1, L = 10 and 100: PEPit's sup ‖x_N − x*‖² = (1 − μ/L)^{2N} at every horizon.
    func testStronglyConvexWorstCaseIsTheContraction() throws {
        let rows = try table("pepit-gd-strongly-convex.csv")
        XCTAssertEqual(rows.map { Int($0["N"]!) }, PEPitReferenceTests.stronglyConvexHorizons.map(\.N))
        XCTAssertEqual(rows.map { $0["L"]! }, PEPitReferenceTests.stronglyConvexHorizons.map(\.L))
        for row in rows {
            let n = row["N"]!, theory = pow(1 - row["mu"]! / row["L"]!, 2 * n)
            XCTAssertEqual(row["theory"]!, theory, accuracy: 1e-13 * theory)
            XCTAssertEqual(row["pepit_worst_case"]!, theory, accuracy: 1e-5 * theory, "N = \(n)")
        }
    }
}
