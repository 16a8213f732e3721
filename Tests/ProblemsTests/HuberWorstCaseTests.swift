import Foundation
import RateLab
import TestSupport
import XCTest

/// `huber-worst-case` against the formulas of Drori & Teboulle (2014), evaluated independently here.
final class HuberWorstCaseTests: XCTestCase {
    private func make(L: Double, radius: Double, horizon: Int) throws -> HuberWorstCaseProblem {
        try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "huber-worst-case", L: L, radius: radius, horizon: horizon)) as? HuberWorstCaseProblem)
    }

    /// The brief's formula, written out without the problem's threshold variable:
    /// f(x) = L·R/(2N+1)·|x| − L·R²/(2(2N+1)²) for |x| ≥ R/(2N+1), else (L/2)x².
    private func reference(_ x: Double, L: Double, R: Double, N: Int) -> Double {
        let m = Double(2 * N + 1)
        return abs(x) >= R / m ? L * R / m * abs(x) - L * R * R / (2 * m * m) : L / 2 * x * x
    }

    /// Values match the formula (1e-14 relative), f and f′ are continuous at the kink ±R/(2N+1), f′ matches a
    /// central difference (1e-7 relative, h = 1e-6·t, away from the kink), f′ is monotone with slope ≤ L
    /// (convex, L-smooth) on a grid, and x₀ = R.
    func testFunctionIsTheConvexLSmoothHuber() throws {
        for (L, R, N) in [(1.0, 1.0, 1), (2.5, 3.0, 7), (0.5, 0.2, 40)] {
            let f = try make(L: L, radius: R, horizon: N)
            let t = R / Double(2 * N + 1)
            XCTAssertEqual(f.referencePoint, [R])
            XCTAssertEqual(f.threshold, t, accuracy: 1e-16 * R)
            let grid = (-400...400).map { Double($0) / 100 * R }
            for x in grid {
                let expected = reference(x, L: L, R: R, N: N)
                XCTAssertEqual(f.value([x]), expected, accuracy: 1e-14 * max(abs(expected), L * t * t))
            }
            // Continuity of f and f′ at the kink: the two pieces agree there.
            XCTAssertEqual(L * t * t / 2, L * R / Double(2 * N + 1) * t - L * R * R / (2 * pow(Double(2 * N + 1), 2)), accuracy: 1e-15 * L * R * R)
            XCTAssertEqual(f.derivative(at: t.nextDown), f.derivative(at: t), accuracy: 1e-14 * L * t)
            for x in grid where abs(abs(x) - t) > 1e-3 * t {
                let h = 1e-6 * t
                let central = (f.value(at: x + h) - f.value(at: x - h)) / (2 * h)
                XCTAssertEqual(f.derivative(at: x), central, accuracy: 1e-7 * max(abs(central), L * t))
            }
            for (a, b) in zip(grid, grid.dropFirst()) {
                let slope = (f.derivative(at: b) - f.derivative(at: a)) / (b - a)
                XCTAssertGreaterThanOrEqual(slope, 0)
                XCTAssertLessThanOrEqual(slope, L * (1 + 1e-12))
            }
        }
    }

    /// An independent GD loop x ← x − f′(x)/L from x₀ = R ends at f(x_N) = L·R²/(4N+2) (1e-12 relative), with
    /// x_N = R(N+1)/(2N+1) still on the linear piece; one more step then falls into the quadratic piece.
    func testGradientDescentEndsAtTheTightBound() throws {
        for (L, R, N) in [(1.0, 1.0, 1), (1.0, 1.0, 20), (2.5, 3.0, 7), (0.5, 0.2, 100)] {
            let f = try make(L: L, radius: R, horizon: N)
            var x = R
            for _ in 0..<N { x -= f.derivative(at: x) / L }
            XCTAssertEqual(x, R * Double(N + 1) / Double(2 * N + 1), accuracy: 1e-13 * R)
            let bound = L * R * R / Double(4 * N + 2)
            XCTAssertEqual(f.value(at: x), bound, accuracy: 1e-12 * bound)
            XCTAssertGreaterThanOrEqual(x, f.threshold)
        }
    }

    /// The certified optimum is the closed form x* = 0, f* = 0 with ‖∇f(x*)‖ = 0; BFGS agrees.
    func testCertificate() throws {
        let c = try Optimum.certify(make(L: 2, radius: 3, horizon: 5))
        XCTAssertEqual(c.xStar, [0])
        XCTAssertEqual(c.fStar, 0)
        XCTAssertEqual(c.gradNorm, 0)
        XCTAssertNil(c.mu)
        XCTAssertEqual(c.curvature, "convex (μ = 0)")
        XCTAssertLessThan(c.crossCheckDifference, 1e-20)
    }

    /// Impossible and foreign parameters are refused with the parameter named.
    func testParameters() {
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "huber-worst-case"))) {
            XCTAssertEqual("\($0)", "parameter horizon = (missing) is invalid, expected the number of GD steps N ≥ 1")
        }
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "huber-worst-case", radius: -1, horizon: 2))) {
            XCTAssert("\($0)".contains("parameter radius = -1.0 is invalid"), "\($0)")
        }
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "huber-worst-case", horizon: 0))) {
            XCTAssert("\($0)".contains("parameter horizon = 0 is invalid"), "\($0)")
        }
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "quadratic", horizon: 3))) {
            XCTAssert("\($0)".contains("parameter horizon does not apply to problem 'quadratic'"), "\($0)")
        }
    }
}
