import Foundation
import XCTest
import RateLab
import TestSupport

/// The C kernels behind the GLM gradients (`CKernels`), against independent references.
final class GLMKernelTests: XCTestCase {
    /// ℓ'(t; y) = −y σ(−y t) with the vectorised sigmoid against σ from the C library's exp:
    /// σ(z) = 1/(1 + e^{−z}) for z ≥ 0 and e^z/(1 + e^z) for z < 0, each within ~2 ulp. The kernel's
    /// Taylor truncation is < 5e-18 and its roundings a few ulp, so 1e-15 relative (≈ 4.5 ulp) must hold
    /// everywhere on [−700, 700], where neither side underflows.
    func testLogisticDerivativeMatchesTheLibraryExponential() {
        let loss = LogisticLoss()
        var rng = RandomStream(seed: 11, purpose: .data)
        var points: [Double] = stride(from: -700.0, through: 700.0, by: 0.37).map { $0 }
        points += [0, -0.0, 1e-300, -1e-300, 0.5 * log(2.0), -0.5 * log(2.0), 709 * 0.99]
        points += (0..<20_000).map { _ in 60 * (rng.nextUniform() - 0.5) }
        for z in points {
            let reference = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
            // ℓ'(t; y) with y = −1 and t = z: −y σ(−y t) = σ(z).
            let kernel = loss.derivative(z, -1)
            XCTAssertLessThanOrEqual(abs(kernel - reference), 1e-15 * reference, "σ(\(z))")
        }
    }

    /// A minibatch gradient equals (1/B) Σ_b ℓ'(a_kbᵀx; y_kb) a_kb + λx recomputed naively (plain loops,
    /// the library exp) from the same index draws: the kernels reorder sums (16-lane dots, four partial
    /// sums per column), so agreement is to rounding, 1e-13 relative to Σ_b |ℓ'|·‖a_kb‖∞/B. Batches of
    /// 1, 7, 32 and 130 cover the kernels' tails, the 4-row groups and more than one 64-row chunk.
    func testMinibatchGradientMatchesANaiveSumOverTheSameDraws() throws {
        let spec = ProblemSpec(name: "logistic", lambda: 1e-2, dimension: 53, samplesPerWorker: 200, workers: 3)
        let problem = try XCTUnwrap(ProblemFactory.make(spec) as? LogisticProblem)
        let d = problem.dimension
        var seedRng = RandomStream(seed: 3, purpose: .data)
        let x = (0..<d).map { _ in 0.3 * seedRng.nextGaussian() }
        for batch in [1, 7, 32, 130] {
            for worker in 0..<problem.workerCount {
                var rng = RandomStream(seed: UInt64(batch), stream: UInt64(worker), purpose: .sampling)
                var replay = rng
                var g = [Double](repeating: 0, count: d)
                x.withUnsafeBufferPointer { xp in
                    g.withUnsafeMutableBufferPointer { problem.stochasticGradient(worker: worker, xp, batchSize: batch, rng: &rng, into: $0) }
                }
                let rows = problem.partition.rows[worker]
                var naive = x.map { 1e-2 * $0 }
                var scale = 0.0
                for _ in 0..<batch {
                    let k = rows.lowerBound + replay.nextIndex(rows.count)
                    let a = problem.data.features.row(k)
                    var t = 0.0
                    for j in 0..<d { t += a[j] * x[j] }
                    let y = problem.data.labels[k], z = -y * t
                    let sigma = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
                    let c = -y * sigma / Double(batch)
                    for j in 0..<d { naive[j] += c * a[j] }
                    scale += abs(c) * (a.map(abs).max() ?? 0)
                }
                for j in 0..<d {
                    XCTAssertEqual(g[j], naive[j], accuracy: 1e-13 * max(scale, 1e-300), "batch \(batch) worker \(worker) j \(j)")
                }
                XCTAssertEqual(rng.counter, replay.counter, "the oracle draws exactly B indices")
            }
        }
    }
}
