import RateLab
import TestSupport
import XCTest

final class ProblemDerivativeTests: XCTestCase {
    func testGradientsOfFAndEveryWorkerMatchFiniteDifferences() {
        for problem in ProblemFixtures.all {
            for x in ProblemFixtures.randomPoints(problem, count: 2, scale: 0.5) {
                // 1e-6 relative: central differences with h = 1e-5 are accurate to ~1e-10 (see FiniteDifference).
                assertGradientMatchesFiniteDifferences({ problem.value($0) }, problem.gradient(x), at: x, rtol: 1e-6, problem.name)
                for i in 0..<problem.workerCount {
                    assertGradientMatchesFiniteDifferences(
                        { problem.localValue(worker: i, $0) }, problem.localGradient(worker: i, x), at: x, rtol: 1e-6,
                        "\(problem.name) worker \(i)")
                }
            }
        }
    }

    func testWorkerObjectivesAverageToTheGlobalOne() {
        for problem in ProblemFixtures.all {
            let x = ProblemFixtures.randomPoints(problem, count: 1)[0]
            let p = Double(problem.workerCount)
            let meanValue = (0..<problem.workerCount).reduce(0.0) { $0 + problem.localValue(worker: $1, x) } / p
            // 1e-13 relative: the two sums differ only in rounding order (≈ n·ε).
            assertClose(meanValue, problem.value(x), rtol: 1e-13, problem.name)
            var meanGradient = [Double](repeating: 0, count: problem.dimension)
            for i in 0..<problem.workerCount { BLAS.axpy(1 / p, problem.localGradient(worker: i, x), &meanGradient) }
            let scale = max(1, BLAS.norm(meanGradient))
            XCTAssertLessThan(maxAbsDifference(meanGradient, problem.gradient(x)), 1e-13 * scale, problem.name)
        }
    }

    /// Batch 130 crosses the GLM kernel's 64-sample chunks (two full chunks and a partial one).
    func testStochasticOracleIsUnbiasedAndDeterministic() {
        for (batch, draws) in [(2, 4000), (130, 400)] { for problem in ProblemFixtures.all {
            let x = ProblemFixtures.randomPoints(problem, count: 1, scale: 0.5)[0]
            let worker = problem.workerCount - 1
            let exact = problem.localGradient(worker: worker, x)
            var rng = RandomStream(seed: 5, stream: UInt64(worker), purpose: .sampling)
            var sum = [Double](repeating: 0, count: problem.dimension)
            var sumSquares = sum
            var g = sum
            for _ in 0..<draws {
                x.withUnsafeBufferPointer { xp in
                    g.withUnsafeMutableBufferPointer {
                        problem.stochasticGradient(worker: worker, xp, batchSize: batch, rng: &rng, into: $0)
                    }
                }
                for j in 0..<g.count {
                    sum[j] += g[j]
                    sumSquares[j] += g[j] * g[j]
                }
            }
            for j in 0..<g.count {
                let mean = sum[j] / Double(draws)
                let sd = max(0, sumSquares[j] / Double(draws) - mean * mean).squareRoot()
                // CLT: the mean of the i.i.d. draws is within 5 standard errors of E g = ∇f_i with
                // probability 1 − 6e-7 per coordinate (plus 1e-12 for coordinates without variance).
                XCTAssertLessThanOrEqual(abs(mean - exact[j]), 5 * sd / Double(draws).squareRoot() + 1e-12,
                                         "\(problem.name) coordinate \(j)")
            }
            var first = RandomStream(seed: 5, purpose: .sampling), second = first
            var g1 = g, g2 = g
            x.withUnsafeBufferPointer { xp in
                g1.withUnsafeMutableBufferPointer { problem.stochasticGradient(worker: 0, xp, batchSize: 3, rng: &first, into: $0) }
                g2.withUnsafeMutableBufferPointer { problem.stochasticGradient(worker: 0, xp, batchSize: 3, rng: &second, into: $0) }
            }
            XCTAssertEqual(g1, g2, "same stream state must give the same draw")
        } }
    }

    func testQuadraticNoiseHasTheDocumentedSecondMoment() throws {
        let sigma = 0.7, batch = 4, draws = 4000
        let problem = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "quadratic", dimension: 8, noise: sigma)) as? QuadraticProblem)
        let x = ProblemFixtures.randomPoints(problem, count: 1)[0]
        let exact = problem.localGradient(worker: 0, x)
        var rng = RandomStream(seed: 3, purpose: .noise)
        var g = exact
        var total = 0.0
        for _ in 0..<draws {
            x.withUnsafeBufferPointer { xp in
                g.withUnsafeMutableBufferPointer { problem.stochasticGradient(worker: 0, xp, batchSize: batch, rng: &rng, into: $0) }
            }
            total += zip(g, exact).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        }
        // ‖noise‖² = (σ²/(dB))·χ²_d has mean σ²/B and sd (σ²/B)·√(2/d); 5 standard errors of the mean.
        let expected = sigma * sigma / Double(batch)
        assertClose(total / Double(draws), expected, rtol: 5 * (2.0 / 8).squareRoot() / Double(draws).squareRoot())
    }
}
