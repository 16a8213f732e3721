import Foundation
import RateLab

/// Small instances of every problem for the tests (debug-build friendly sizes).
enum ProblemFixtures {
    /// The repository root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let breastCancer = root.appendingPathComponent("data/breast-cancer.svm").path
    static let diabetes = root.appendingPathComponent("data/diabetes.svm").path

    /// A 40-row, 4-feature ±1 LIBSVM file (seeded Gaussian features, labels of a noisy linear rule)
    /// for the two-layer net, written once to the temporary directory.
    static let smallClassificationFile: String = {
        var rng = RandomStream(seed: 7, purpose: .data)
        var lines: [String] = []
        for _ in 0..<40 {
            let a = (0..<4).map { _ in rng.nextGaussian() }
            let label = a[0] - a[1] + 0.5 * rng.nextGaussian() > 0 ? "+1" : "-1"
            lines.append(label + " " + a.enumerated().map { "\($0.offset + 1):\($0.element)" }.joined(separator: " "))
        }
        let path = NSTemporaryDirectory() + "ratelab-problems-tests-small.svm"
        try! lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    /// One instance of each problem, several workers each, unequal worker sizes where possible.
    static var all: [Problem] {
        let specs = [
            ProblemSpec(name: "quadratic", dimension: 6, workers: 3, zeta: 0.5, curvatureHeterogeneity: 0.5, noise: 0.3),
            ProblemSpec(name: "least-squares", lambda: 0.05, dimension: 5, samplesPerWorker: 8, workers: 3, noise: 0.1),
            ProblemSpec(name: "least-squares", lambda: 0, dimension: 20, samplesPerWorker: 5, workers: 2),
            ProblemSpec(name: "logistic", dataPath: breastCancer, lambda: 1e-3, workers: 4, split: .shuffled),
            ProblemSpec(name: "pl-sine", dimension: 20, samplesPerWorker: 5, workers: 2),
            ProblemSpec(name: "logcosh-regression", lambda: 0.01, dimension: 5, samplesPerWorker: 12, workers: 3, noise: 0.5, nonlinearity: 2),
            ProblemSpec(name: "nonconvex-logistic", dimension: 5, samplesPerWorker: 10, workers: 3),
            ProblemSpec(name: "two-layer-net", dataPath: smallClassificationFile, workers: 3, hidden: 2),
        ]
        return specs.map { try! ProblemFactory.make($0) }
    }

    /// `count` points with N(0, scale²) entries from a fixed stream.
    static func randomPoints(_ problem: Problem, count: Int, scale: Double = 1, stream: UInt64 = 0) -> [[Double]] {
        var rng = RandomStream(seed: 99, stream: stream, purpose: .initialPoint)
        return (0..<count).map { _ in (0..<problem.dimension).map { _ in scale * rng.nextGaussian() } }
    }
}
