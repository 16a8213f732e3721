import Foundation
import RateLab
import TestSupport
import XCTest

/// logcosh-regression (a convex non-quadratic i.i.d. problem with tunable third derivative) and the fixed-size
/// global pool (`total-samples`).
final class LogCoshRegressionTests: XCTestCase {
    private func make(_ spec: ProblemSpec) throws -> LogCoshProblem {
        try XCTUnwrap(ProblemFactory.make(spec) as? LogCoshProblem)
    }

    /// ∇²f against central differences of ∇f (h = 10⁻⁵·max(1, |x_j|): error ≈ h²|f⁗| + ε/h ≈ 10⁻¹⁰, so 10⁻⁶ of the
    /// Hessian's scale is safe), for ν ∈ {0, 1, 3}, on two workers' worth of rows at random points.
    func testHessianMatchesFiniteDifferencesOfTheGradient() throws {
        for nu in [0.0, 1, 3] {
            let problem = try make(ProblemSpec(name: "logcosh-regression", lambda: 0.01, dimension: 5, samplesPerWorker: 40, workers: 2,
                                               noise: 0.5, nonlinearity: nu))
            for x in ProblemFixtures.randomPoints(problem, count: 2) {
                let h = problem.hessian(at: x)
                for j in 0..<5 {
                    let column = FiniteDifference.gradient(of: { problem.gradient($0)[j] }, at: x)
                    for i in 0..<5 { XCTAssertEqual(h[i, j], column[i], accuracy: 1e-6 * max(1, problem.smoothness), "ν = \(nu), (\(i), \(j))") }
                }
                XCTAssertLessThanOrEqual(h[0, 0], problem.smoothness * (1 + 1e-12), "diagonal ≤ L")
            }
        }
    }

    /// The loss's derivatives against central differences of the level below (10⁻⁶ absolute; the functions are O(1)),
    /// sup|ℓ‴| = 4ν/(3√3) on a grid of 20,001 residuals in [−5/ν, 5/ν] (the grid's spacing puts the maximum within 10⁻⁶),
    /// and ν = 0 is the squared loss exactly.
    func testLossDerivativesAndThirdDerivativeBound() {
        for nu in [0.5, 1, 4] {
            let loss = LogCoshLoss(nonlinearity: nu), e = 1e-5
            var largest = 0.0
            for k in 0...20_000 {
                let r = (Double(k) / 10_000 - 1) * 5 / nu
                if k % 500 == 0 {
                    XCTAssertEqual(loss.derivative(r, 0), (loss.value(r + e, 0) - loss.value(r - e, 0)) / (2 * e), accuracy: 1e-6)
                    XCTAssertEqual(loss.secondDerivative(r, 0), (loss.derivative(r + e, 0) - loss.derivative(r - e, 0)) / (2 * e), accuracy: 1e-6)
                    XCTAssertEqual(loss.thirdDerivative(r, 0), (loss.secondDerivative(r + e, 0) - loss.secondDerivative(r - e, 0)) / (2 * e), accuracy: 1e-6 * nu)
                }
                largest = max(largest, abs(loss.thirdDerivative(r, 0)))
            }
            XCTAssertEqual(largest, loss.thirdDerivativeBound, accuracy: 1e-6 * nu)
            XCTAssertEqual(loss.thirdDerivativeBound, 0.769800 * nu, accuracy: 1e-6 * nu)
            XCTAssertEqual(loss.value(800 / nu, 0), 800 / (nu * nu) - log(2) / (nu * nu), accuracy: 1e-9 * 800 / (nu * nu), "no overflow")
        }
        let squared = LogCoshLoss(nonlinearity: 0)
        XCTAssertEqual(squared.value(3, 1), 2)
        XCTAssertEqual(squared.derivative(3, 1), 2)
        XCTAssertEqual(squared.secondDerivative(3, 1), 1)
        XCTAssertEqual(squared.thirdDerivative(3, 1), 0)
    }

    /// The third derivative is on the scale of L: with ν = 1, σ = 0.5, d = 5 and n = 20,000 Gaussian rows, along the
    /// unit direction u at x = x_true + 0.7u, D³f[u,u,u] = Σ w_k ℓ‴(r_k)(a_kᵀu)³ with r_k = 0.7 s_k − 0.5 ε_k. Its
    /// population value E[ℓ‴(0.7s − 0.5ε)s³] (s, ε independent N(0, 1)) is computed here by the trapezoid rule on
    /// [−8, 8]² (801² nodes; the integrand is smooth and decays like e^{−s²/2}, error < 10⁻⁶): −0.6245 (a 2·10⁶-draw
    /// Monte Carlo in NumPy gave −0.6229 ± 0.0009). The sample sum's
    /// standard error is sd/√n ≈ 1.22/141 ≈ 0.0087, so 0.05 is over 5 standard errors. |D³f| ≥ 0.5·L, and the directional
    /// derivative matches central differences of uᵀ∇²f u (10⁻⁶ relative) and the bound 4ν/(3√3)·Σ w_k|a_kᵀu|³.
    func testThirdDerivativeIsOnTheScaleOfL() throws {
        let problem = try make(ProblemSpec(name: "logcosh-regression", lambda: 0.01, dimension: 5, workers: 1, split: .global,
                                           noise: 0.5, totalSamples: 20_000, nonlinearity: 1))
        let truth = try XCTUnwrap(problem.groundTruth)
        let u = [0.6, 0.0, -0.8, 0.0, 0.0]
        let x = zip(truth, u).map { $0 + 0.7 * $1 }
        let third = problem.thirdDerivative(at: x, along: u)
        var population = 0.0
        let nodes = 801, step = 16.0 / Double(nodes - 1)
        for a in 0..<nodes {
            let s = -8 + Double(a) * step
            for b in 0..<nodes {
                let e = -8 + Double(b) * step
                let weight = (a == 0 || a == nodes - 1 ? 0.5 : 1) * (b == 0 || b == nodes - 1 ? 0.5 : 1)
                let density = exp(-(s * s + e * e) / 2) / (2 * Double.pi)
                population += weight * density * LogCoshLoss(nonlinearity: 1).thirdDerivative(0.7 * s - 0.5 * e, 0) * s * s * s
            }
        }
        population *= step * step
        XCTAssertEqual(population, -0.6245, accuracy: 1e-4)
        XCTAssertEqual(third, population, accuracy: 0.05)
        XCTAssertGreaterThanOrEqual(abs(third), 0.5 * problem.smoothness, "L = \(problem.smoothness)")
        func curvature(_ t: Double) -> Double {
            let shifted = zip(x, u).map { $0 + t * $1 }
            return zip(u, problem.hessianVector(at: shifted, u)).map { $0 * $1 }.reduce(0, +)
        }
        XCTAssertEqual(third, (curvature(1e-4) - curvature(-1e-4)) / 2e-4, accuracy: 1e-6 * abs(third))
        let cubes = zip(problem.margins(u), problem.partition.weights).map { abs($0 * $0 * $0) * $1 }.reduce(0, +)
        XCTAssertLessThanOrEqual(abs(third), problem.loss.thirdDerivativeBound * cubes)
    }

    /// The certified optimum (Newton) against GSL BFGS2 (the certificate's cross-check, 10⁻⁹ relative in x as for
    /// logistic: strong convexity with μ = λ = 10⁻² turns BFGS2's ‖∇f‖ ≈ 10⁻¹⁵ into ≈ 10⁻¹³ in x), and against a
    /// third solver written here: gradient descent with step 1/L for 20,000 steps from the origin contracts by
    /// (1 − μ/L)^k, well below 10⁻⁶ of ‖x*‖ at μ/L ≥ 10⁻³ (measured below); f* agrees to 10⁻¹².
    func testCertifiedOptimumAgainstSecondSolvers() throws {
        for nu in [0.3, 2.0] {
            let problem = try make(ProblemSpec(name: "logcosh-regression", lambda: 0.01, dimension: 6, samplesPerWorker: 100, workers: 4,
                                               split: .global, noise: 1, nonlinearity: nu))
            let c = try Optimum.certify(problem)
            XCTAssertLessThan(c.scaledGradNorm, 1e-12)
            XCTAssertLessThan(c.crossCheckDifference, 1e-9)
            XCTAssertGreaterThanOrEqual(problem.curvature.mu! / problem.smoothness, 1e-3)
            var x = [Double](repeating: 0, count: 6)
            for _ in 0..<20_000 { BLAS.axpy(-1 / problem.smoothness, problem.gradient(x), &x) }
            XCTAssertLessThan(maxAbsDifference(x, c.xStar), 1e-6 * max(1, BLAS.norm(c.xStar)), "ν = \(nu)")
            XCTAssertEqual(problem.value(x), c.fStar, accuracy: 1e-12 * max(1, abs(c.fStar)))
        }
    }

    /// `total-samples`: the pool is the same n rows for every p, so the data set and the certified f* and x* are
    /// identical (bitwise: the same rows, weights 1/n and summation order) for p = 2, 8, 32; with
    /// `samples-per-worker` the pool grows with p and f* moves. Both keys together, and a data file with
    /// total-samples, are refused.
    func testTotalSamplesFixesThePoolAcrossP() throws {
        for name in ["logcosh-regression", "logistic"] {
            let certificates = try [2, 8, 32].map { p in
                try Optimum.certify(ProblemFactory.make(ProblemSpec(name: name, dimension: 5, workers: p, split: .global, noise: name == "logistic" ? 0 : 0.5,
                                                                     totalSamples: 400)))
            }
            XCTAssertEqual(Set(certificates.map(\.fStar)).count, 1, "\(name): \(certificates.map(\.fStar))")
            XCTAssertEqual(certificates[0].xStar, certificates[2].xStar)
            let growing = try [2, 8].map { p in
                try Optimum.certify(ProblemFactory.make(ProblemSpec(name: name, dimension: 5, samplesPerWorker: 50, workers: p, split: .global)))
            }
            XCTAssertNotEqual(growing[0].fStar, growing[1].fStar, name)
        }
        let pool = try make(ProblemSpec(name: "logcosh-regression", dimension: 5, workers: 8, split: .global, totalSamples: 400))
        XCTAssertEqual(pool.partition.rows, Array(repeating: 0..<400, count: 8))
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "logistic", samplesPerWorker: 10, workers: 2, totalSamples: 400))) {
            XCTAssertTrue("\($0)".contains("total-samples or samples-per-worker, not both"), "\($0)")
        }
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "logistic", dataPath: ProblemFixtures.breastCancer, totalSamples: 400)))
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "quadratic", totalSamples: 400)))
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "logistic", nonlinearity: 1))) {
            XCTAssertTrue("\($0)".contains("nonlinearity"), "\($0)")
        }
    }
}
