import Foundation
import RateLab
import TestSupport
import XCTest

final class ProblemConstantsTests: XCTestCase {
    /// λ_max by power iteration (a method independent of dsyevd): 500 steps of v ← Mv/‖Mv‖, Rayleigh quotient.
    private func powerIteration(_ m: Matrix) -> Double {
        var v = [Double](repeating: 1, count: m.rows)
        for _ in 0..<500 {
            let w = m * v
            let norm = BLAS.norm(w)
            v = w.map { $0 / norm }
        }
        return BLAS.dot(v, m * v)
    }

    /// λ_min of an SPD matrix by inverse iteration with Cholesky solves (dposv), 200 steps.
    private func inverseIteration(_ m: Matrix) throws -> Double {
        var v = [Double](repeating: 1, count: m.rows)
        for _ in 0..<200 {
            let w = try Cholesky.solve(m, v)
            let norm = BLAS.norm(w)
            v = w.map { $0 / norm }
        }
        return BLAS.dot(v, m * v)
    }

    /// G = Σ_k w_k a_k a_kᵀ assembled entry by entry (independent of the library's dgemm path).
    private func weightedGram<L, R>(_ p: GLMProblem<L, R>) -> Matrix {
        let d = p.dimension
        var g = Matrix(rows: d, cols: d)
        for k in 0..<p.data.rowCount {
            let a = p.data.features.row(k)
            for r in 0..<d { for c in 0..<d { g[r, c] += p.partition.weights[k] * a[r] * a[c] } }
        }
        return g
    }

    func testLeastSquaresAndLogisticConstantsMatchPowerIteration() throws {
        let ls = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "least-squares", dataPath: ProblemFixtures.diabetes, lambda: 0.01, workers: 3)) as? LeastSquaresProblem)
        let gram = weightedGram(ls)
        // 1e-9 relative: power/inverse iteration converge geometrically far below this in 500/200 steps.
        assertClose(ls.smoothness, powerIteration(gram) + 0.01, rtol: 1e-9)
        assertClose(try XCTUnwrap(ls.curvature.mu), try inverseIteration(gram) + 0.01, rtol: 1e-9)
        XCTAssertEqual(ls.curvature, .stronglyConvex(mu: ls.curvature.mu!))

        let lr = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "logistic", dataPath: ProblemFixtures.breastCancer, lambda: 1e-3)) as? LogisticProblem)
        assertClose(lr.smoothness, 0.25 * powerIteration(weightedGram(lr)) + 1e-3, rtol: 1e-9)
        XCTAssertEqual(lr.curvature, .stronglyConvex(mu: 1e-3))
        // The Hessian never exceeds L: check λ_max(∇²f(x)) ≤ L at random points (1e-12 for rounding).
        for x in ProblemFixtures.randomPoints(lr, count: 3, scale: 0.3) {
            XCTAssertLessThanOrEqual(powerIteration(lr.hessian(at: x)), lr.smoothness * (1 + 1e-12))
        }
    }

    func testOverparameterisedLeastSquaresIsPLWithRowGramConstant() throws {
        let ls = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "least-squares", lambda: 0, dimension: 20, samplesPerWorker: 6, workers: 2)) as? LeastSquaresProblem)
        guard case let .polyakLojasiewicz(mu) = ls.curvature else { return XCTFail("expected PL, got \(ls.curvature)") }
        let a = ls.data.features.matrix
        let w = 1.0 / 12 // equal weights 1/(p·n_i)
        // μ = w·λ_min(AAᵀ) for equal weights; inverse iteration on AAᵀ (12 × 12) as second method.
        assertClose(mu, w * (try inverseIteration(BLAS.gemm(a, a, transposeB: true))), rtol: 1e-9)
    }

    func testQuadraticSpectrumIsAsPrescribed() throws {
        for spacing in SpectrumSpacing.allCases {
            let q = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "quadratic", dimension: 7, mu: 0.5, kappa: 40, spacing: spacing)) as? QuadraticProblem)
            let computed = try SymmetricEigen(q.matrix).values
            // 1e-13 relative to L: A = QΛQᵀ is assembled in floating point (≈ d·ε·L).
            XCTAssertLessThan(maxAbsDifference(computed, q.eigenvalues), 1e-13 * 20)
            assertClose(q.smoothness, powerIteration(q.matrix), rtol: 1e-9)
            assertClose(q.smoothness, 20, rtol: 1e-13)
            assertClose(try XCTUnwrap(q.curvature.mu), 0.5, rtol: 1e-13)
        }
        let worst = QuadraticProblem.spectrum(d: 5, mu: 1, l: 9, spacing: .worstCase)
        XCTAssertEqual(worst, [1, 1, 1, 9, 9])
        let geometric = QuadraticProblem.spectrum(d: 3, mu: 1, l: 100, spacing: .geometric)
        assertClose(geometric[1], 10, rtol: 1e-15)
    }

    func testQuadraticHeterogeneityIsExactAndLocalCurvatureStaysAboveHalfMu() throws {
        let q = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "quadratic", dimension: 6, workers: 4, zeta: 1.5)) as? QuadraticProblem)
        let certificate = try Optimum.certify(q)
        // ζ² = (1/p)Σ‖∇f_i(x*)‖² = 2.25 exactly up to rounding of the solve (1e-12).
        assertClose(certificate.zetaSquared, 2.25, rtol: 1e-12)
        let h = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "quadratic", dimension: 6, workers: 4, curvatureHeterogeneity: 0.9)) as? QuadraticProblem)
        var mean = Matrix(rows: 6, cols: 6)
        for i in 0..<4 {
            let ai = h.localMatrix(i)
            XCTAssertGreaterThanOrEqual(try SymmetricEigen(ai).min, 0.5 - 1e-12) // A_i ⪰ μ/2 I, rounding 1e-12
            for k in 0..<36 { mean.storage[k] += ai.storage[k] / 4 }
        }
        XCTAssertLessThan(mean.maxAbsDifference(h.matrix), 1e-14) // (1/p)ΣA_i = A up to rounding
    }

    func testPLInequalityAndStrongConvexityAtRandomPoints() throws {
        let problems = ProblemFixtures.all.filter { $0.curvature.mu != nil }
        XCTAssertEqual(problems.count, 6)
        for problem in problems {
            let mu = try XCTUnwrap(problem.curvature.mu)
            let fStar = try Optimum.certify(problem).fStar
            let points = ProblemFixtures.randomPoints(problem, count: 40, scale: 2)
            for x in points {
                let g = problem.gradient(x)
                let gap = problem.value(x) - fStar
                // ½‖∇f‖² ≥ μ(f − f*), with 1e-12·max(1,|f|) slack for rounding of f.
                XCTAssertGreaterThanOrEqual(0.5 * BLAS.dot(g, g), mu * gap - 1e-12 * max(1, abs(problem.value(x))), problem.name)
            }
            guard case .stronglyConvex = problem.curvature else { continue }
            for (x, y) in zip(points, points.dropFirst()) {
                let diff = zip(y, x).map { $0 - $1 }
                let lower = problem.value(x) + BLAS.dot(problem.gradient(x), diff) + 0.5 * mu * BLAS.dot(diff, diff)
                XCTAssertGreaterThanOrEqual(problem.value(y), lower - 1e-12 * max(1, abs(problem.value(y))), problem.name)
            }
        }
    }

    func testPLSineConstant() throws {
        // Independent dense grid on (0, 20]: μ_h is a lower bound and within 1e-5 of the grid minimum.
        var gridMinimum = Double.infinity
        for j in 1...200_000 { gridMinimum = min(gridMinimum, PLSineConstant.ratio(Double(j) * 1e-4)) }
        XCTAssertLessThanOrEqual(PLSineConstant.muH, gridMinimum)
        assertClose(PLSineConstant.muH, gridMinimum, rtol: 1e-5)
        assertClose(PLSineConstant.muH, 0.17553, rtol: 1e-4) // the value quoted in the literature

        let pl = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "pl-sine", dimension: 20, samplesPerWorker: 4, workers: 2)) as? PLSineProblem)
        let a = pl.data.features.matrix
        let expected = PLSineConstant.muH / 8 * (try inverseIteration(BLAS.gemm(a, a, transposeB: true)))
        assertClose(try XCTUnwrap(pl.curvature.mu), expected, rtol: 1e-9) // μ = μ_h·w·λ_min(AAᵀ), w = 1/8
        assertClose(pl.smoothness, 8 * powerIteration(weightedGram(pl)), rtol: 1e-9)
    }

    func testImpossibleParametersAreRefused() {
        let cases: [(ProblemSpec, String)] = [
            (ProblemSpec(name: "lasso"), "unknown problem 'lasso', expected one of: quadratic, least-squares"),
            (ProblemSpec(name: "logistic", lambda: -1), "lambda = -1.0"),
            (ProblemSpec(name: "quadratic", mu: 2, L: 1), "parameter L = 1.0 is invalid, expected a finite number ≥ mu"),
            (ProblemSpec(name: "quadratic", mu: 0), "parameter mu = 0.0"),
            (ProblemSpec(name: "quadratic", dimension: 0), "parameter dimension = 0"),
            (ProblemSpec(name: "quadratic", workers: 0), "parameter workers = 0"),
            (ProblemSpec(name: "quadratic", zeta: 1), "heterogeneity needs at least 2 workers"),
            (ProblemSpec(name: "quadratic", workers: 2, curvatureHeterogeneity: 1), "curvature-heterogeneity = 1.0"),
            (ProblemSpec(name: "logistic", dataPath: ProblemFixtures.breastCancer, workers: 600), "at most the number of data rows (569)"),
            (ProblemSpec(name: "pl-sine", dimension: 10, samplesPerWorker: 11), "≤ dimension 10"),
            (ProblemSpec(name: "pl-sine", lambda: 0.1), "0 for pl-sine"),
            (ProblemSpec(name: "two-layer-net", dataPath: "/nonexistent.svm"), "needs a data file"),
            (ProblemSpec(name: "logistic", kappa: 3), "parameter kappa does not apply to problem 'logistic'"),
            (ProblemSpec(name: "logistic", labelFlip: 0.7), "labelFlip = 0.7"),
        ]
        for (spec, fragment) in cases {
            XCTAssertThrowsError(try ProblemFactory.make(spec)) { error in
                XCTAssert(error is ProblemError, "\(error)")
                XCTAssert("\(error)".contains(fragment), "'\(error)' does not contain '\(fragment)'")
            }
        }
    }

    func testSpecDecodesWithDefaults() throws {
        let spec = try JSONDecoder().decode(ProblemSpec.self, from: Data(#"{"name":"quadratic","kappa":100}"#.utf8))
        XCTAssertEqual(spec, ProblemSpec(name: "quadratic", kappa: 100))
        let roundTrip = try JSONDecoder().decode(ProblemSpec.self, from: JSONEncoder().encode(spec))
        XCTAssertEqual(roundTrip, spec)
    }
}
