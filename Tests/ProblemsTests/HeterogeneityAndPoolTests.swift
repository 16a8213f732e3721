import Foundation
import RateLab
import TestSupport
import XCTest

/// The problems of the τ-scaling study: the global pool (every worker samples all rows, the i.i.d. setting)
/// and the quadratic's Hessian spread on the scale of L.
final class HeterogeneityAndPoolTests: XCTestCase {
    /// split: global on synthetic logistic with p = 4, 50 rows per worker: every worker owns the 200 rows,
    /// f_i = f (local gradients equal the full gradient bitwise: the same rows in the same order), f is the
    /// plain mean loss (equal to the shuffled split's f on the same rows up to rounding, 1e-14), and the
    /// largest minibatch is the whole pool.
    func testGlobalPoolGivesEveryWorkerTheWholeObjective() throws {
        let pool = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "logistic", workers: 4, split: .global)) as? LogisticProblem)
        XCTAssertEqual(pool.partition.rows, Array(repeating: 0..<200, count: 4))
        XCTAssertEqual(pool.partition.blocks, [0..<200])
        XCTAssertEqual(pool.fewestWorkerRows, 200)
        let x = (0..<10).map { 0.1 * Double($0) - 0.4 }
        let g = pool.gradient(x)
        for i in 0..<4 { XCTAssertEqual(pool.localGradient(worker: i, x), g) }
        let contiguous = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "logistic", workers: 4)) as? LogisticProblem)
        assertClose(pool.value(x), contiguous.value(x), rtol: 1e-14)
        // A minibatch of worker 3 is unbiased for ∇f: the mean of 4,000 single-row draws is within 5 standard
        // errors of ∇f in every coordinate (per-row gradient entries are bounded by max|a_kj| ≈ 4).
        var rng = RandomStream(seed: 9, purpose: .sampling)
        var mean = [Double](repeating: 0, count: 10)
        var draw = [Double](repeating: 0, count: 10)
        for _ in 0..<4000 {
            x.withUnsafeBufferPointer { xp in draw.withUnsafeMutableBufferPointer { pool.stochasticGradient(worker: 3, xp, batchSize: 1, rng: &rng, into: $0) } }
            for j in 0..<10 { mean[j] += draw[j] / 4000 }
        }
        for j in 0..<10 { XCTAssertEqual(mean[j], g[j], accuracy: 5 * 1.0 / 4000.0.squareRoot()) }
    }

    /// hessian-spread 0.9 with κ = 10 (μ = 1, L = 10), p = 4, d = 6: the workers' mean Hessian is still A
    /// (1e-13), every A_i ⪰ (1 − 0.9)μ = 0.1 (rounding 1e-12), and the spread reaches the scale of L: the
    /// largest ‖A_i − A‖₂ is at least 0.9·L/2 = 4.5 (the top eigenvalue's shift is 0.9·L·|u| with max |u| = 1).
    func testHessianSpreadIsOnTheScaleOfL() throws {
        let q = try XCTUnwrap(ProblemFactory.make(ProblemSpec(name: "quadratic", dimension: 6, workers: 4, kappa: 10, hessianSpread: 0.9)) as? QuadraticProblem)
        var mean = Matrix(rows: 6, cols: 6)
        var largest = 0.0
        for i in 0..<4 {
            let ai = q.localMatrix(i)
            XCTAssertGreaterThanOrEqual(try SymmetricEigen(ai).min, 0.1 - 1e-12)
            var difference = ai
            for k in 0..<36 { mean.storage[k] += ai.storage[k] / 4; difference.storage[k] -= q.matrix.storage[k] }
            let e = try SymmetricEigen(difference)
            largest = max(largest, abs(e.min), abs(e.max))
        }
        XCTAssertLessThan(mean.maxAbsDifference(q.matrix), 1e-13)
        XCTAssertGreaterThanOrEqual(largest, 4.5)
        XCTAssertLessThanOrEqual(largest, 9 + 1e-12)
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "quadratic", workers: 4, hessianSpread: 1)))
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "quadratic", workers: 1, hessianSpread: 0.5)))
        XCTAssertThrowsError(try ProblemFactory.make(ProblemSpec(name: "logistic", workers: 2, hessianSpread: 0.5)))
    }
}
