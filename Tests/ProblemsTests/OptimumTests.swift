import RateLab
import TestSupport
import XCTest

final class OptimumTests: XCTestCase {
    func testQuadraticLapackMatchesClosedForm() throws {
        let q = try ProblemFactory.make(ProblemSpec(name: "quadratic", dimension: 12, kappa: 1e4, spacing: .geometric))
        let c = try Optimum.certify(q)
        // κ = 1e4: both solves are backward stable, so they agree to ~κ·ε ≈ 2e-12.
        XCTAssertLessThan(c.crossCheckDifference, 1e-11)
        XCTAssertLessThan(c.scaledGradNorm, 1e-12)
        XCTAssertEqual(c.crossCheckMetric, OptimumCertificate.relativeX)
    }

    func testLeastSquaresRidgeAndMinimumNorm() throws {
        let ridge = try Optimum.certify(ProblemFactory.make(ProblemSpec(name: "least-squares", dataPath: ProblemFixtures.diabetes, lambda: 0.1, workers: 3)))
        XCTAssertLessThan(ridge.crossCheckDifference, 1e-12) // κ(AᵀWA + λI) ≈ 40: agreement ~1e-14
        XCTAssertLessThan(ridge.scaledGradNorm, 1e-12)

        let diabetes = try Optimum.certify(ProblemFactory.make(ProblemSpec(name: "least-squares", dataPath: ProblemFixtures.diabetes, lambda: 0)))
        XCTAssertLessThan(diabetes.crossCheckDifference, 1e-11) // normal equations square κ ≈ 470: ~1e-13
        XCTAssertLessThan(diabetes.scaledGradNorm, 1e-12)

        let over = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "least-squares", lambda: 0, dimension: 30, samplesPerWorker: 10, workers: 2)) as? LeastSquaresProblem)
        let c = try Optimum.certify(over)
        XCTAssertLessThan(c.fStar, 1e-25) // consistent system: f* = 0 up to rounding of residuals (~1e-15)²
        XCTAssertLessThan(c.crossCheckDifference, 1e-12)
        // Minimum norm: x* lies in the row space, so x* = Aᵀy; it is also shorter than the planted x_true.
        XCTAssertLessThanOrEqual(BLAS.norm(c.xStar), BLAS.norm(try XCTUnwrap(over.groundTruth)))
    }

    func testLogisticNewtonAgainstGSLBFGS2() throws {
        for lambda in [1e-3, 1e-2] {
            let problem = try ProblemFactory.make(ProblemSpec(name: "logistic", dataPath: ProblemFixtures.breastCancer, lambda: lambda))
            let c = try Optimum.certify(problem)
            XCTAssertLessThan(c.scaledGradNorm, 1e-12)
            // The bar: Newton and GSL BFGS2 (on f, then on ½‖∇f‖²) agree to 1e-9 relative in x.
            // Strong convexity gives ‖x_BFGS − x*‖ ≤ ‖∇f(x_BFGS)‖/μ, and BFGS2 on ½‖∇f‖² reaches ‖∇f‖ ≈ 1e-15,
            // i.e. about 1e-12 in x for μ = 1e-3 (measured 4e-13 and 1e-14), so 1e-9 leaves rounding headroom.
            XCTAssertLessThan(c.crossCheckDifference, 1e-9)
        }
    }

    func testSeparableDataWithoutRegularisationIsRefused() throws {
        let separable = ProblemSpec(name: "logistic", lambda: 0, dimension: 10, samplesPerWorker: 15, labelFlip: 0)
        XCTAssertThrowsError(try Optimum.certify(ProblemFactory.make(separable))) { error in
            XCTAssert("\(error)".contains("no finite minimiser: data are separable"), "\(error)")
        }
    }

    func testPLSineOptimumIsPlantedAndBFGSReachesZero() throws {
        let c = try Optimum.certify(ProblemFactory.make(ProblemSpec(name: "pl-sine", dimension: 30, samplesPerWorker: 10)))
        XCTAssertEqual(c.fStar, 0) // residuals are exactly zero by construction
        XCTAssertEqual(c.gradNorm, 0)
        XCTAssertLessThan(c.crossCheckDifference, 1e-10) // f reached by BFGS2: PL ⇒ it must approach 0
    }

    func testNonconvexStationaryPoints() throws {
        let nc = try Optimum.certify(ProblemFactory.make(ProblemSpec(name: "nonconvex-logistic", dimension: 6, samplesPerWorker: 30, workers: 2)))
        XCTAssertLessThan(nc.scaledGradNorm, 1e-12)
        XCTAssertLessThan(nc.crossCheckDifference, 1e-8) // the perturbed restart returns to the same local minimiser
        XCTAssertNil(nc.mu)
        let net = try Optimum.certify(ProblemFactory.make(ProblemSpec(name: "two-layer-net", dataPath: ProblemFixtures.smallClassificationFile, hidden: 2)))
        XCTAssertLessThan(net.scaledGradNorm, 1e-10)
        XCTAssertEqual(net.curvature, "nonconvex")
    }
}
