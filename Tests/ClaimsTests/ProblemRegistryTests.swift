import Foundation
import RateLab
import XCTest

/// A problem from outside the library: f_i(x) = ½‖x − c_i‖² with c_i = (i + 1)·(1, …, 1), so that
/// f = ½‖x − c̄‖² + const (L = μ = 1) and GD with step η contracts ‖x − x*‖² by exactly (1 − η)².
final class CentersProblem: TwiceDifferentiableProblem {
    let name: String
    let dimension: Int
    let workerCount: Int
    let smoothness = 1.0
    let curvature = Curvature.stronglyConvex(mu: 1)
    /// The x* that `KnownCentersProblem` reports (nil when certified by BFGS2 + Newton).
    let claimedOptimum: [Double]?

    init(name: String, dimension: Int, workers: Int, claimedOptimum: [Double]? = nil) {
        self.name = name
        self.dimension = dimension
        self.workerCount = workers
        self.claimedOptimum = claimedOptimum
    }

    private func center(_ i: Int) -> Double { Double(i + 1) }

    func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double {
        x.reduce(0) { $0 + 0.5 * ($1 - center(i)) * ($1 - center(i)) }
    }

    func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<dimension { g[j] = x[j] - center(i) }
    }

    func value(_ x: UnsafeBufferPointer<Double>) -> Double {
        (0..<workerCount).map { localValue(worker: $0, x) }.reduce(0, +) / Double(workerCount)
    }

    func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        let mean = (0..<workerCount).map(center).reduce(0, +) / Double(workerCount)
        for j in 0..<dimension { g[j] = x[j] - mean }
    }

    func stochasticGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int, rng: inout RandomStream,
                            into g: UnsafeMutableBufferPointer<Double>) {
        localGradient(worker: i, x, into: g)
    }

    func hessian(at x: [Double]) -> Matrix {
        var h = Matrix(rows: dimension, cols: dimension)
        for j in 0..<dimension { h[j, j] = 1 }
        return h
    }
}

/// `CentersProblem` that reports its x* itself (closed form) instead of being solved.
final class KnownCentersProblem: KnownOptimumProblem {
    let base: CentersProblem
    init(_ base: CentersProblem) { self.base = base }
    var name: String { base.name }
    var dimension: Int { base.dimension }
    var workerCount: Int { base.workerCount }
    var smoothness: Double { base.smoothness }
    var curvature: Curvature { base.curvature }
    func value(_ x: UnsafeBufferPointer<Double>) -> Double { base.value(x) }
    func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) { base.gradient(x, into: g) }
    func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double { base.localValue(worker: i, x) }
    func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        base.localGradient(worker: i, x, into: g)
    }
    func stochasticGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int, rng: inout RandomStream,
                            into g: UnsafeMutableBufferPointer<Double>) {
        base.stochasticGradient(worker: i, x, batchSize: batchSize, rng: &rng, into: g)
    }
    func knownOptimum() throws -> KnownOptimum {
        let x = base.claimedOptimum ?? []
        return KnownOptimum(xStar: x, solver: "closed form: the mean of the centers", crossCheck: "none (test)",
                            metric: .relativeX, difference: 0)
    }
}

/// Problems registered from outside the library are accepted by name in claim files, certified, and run.
final class ProblemRegistryTests: XCTestCase {
    private func claim(_ problem: String) -> String {
        """
        title: GD on the centers problem contracts at (1 − η)²
        source: registry test
        statement: ‖x − x*‖² contracts by (1 − η μ)² per step with η = 0.1, μ = 1.
        problem: {name: \(problem), dimension: 4, workers: 3}
        run: {algorithm: sgd-allreduce, steps: 60, lr: 0.1, every: 1}
        checks:
          - {kind: geometric-rate, metric: dist_sq, expected: (1 - 0.1*mu)^2, tolerance: 1e-6, skip: 1}
        """
    }

    /// Certified by BFGS2 + Newton (it gives a Hessian): x* = mean center 2 in every coordinate for p = 3.
    func testRegisteredProblemIsCertifiedAndRunsInAClaim() throws {
        try ProblemCatalog.register(.init(name: "centers-test", description: "½‖x − c_i‖² per worker") {
            CentersProblem(name: "centers-test", dimension: $0.dimension ?? 2, workers: $0.workers)
        })
        XCTAssert(ProblemCatalog.names.contains("centers-test"))
        let certificate = try Optimum.certify(try ProblemFactory.make(ProblemSpec(name: "centers-test", dimension: 4, workers: 3)))
        for x in certificate.xStar { XCTAssertEqual(x, 2, accuracy: 1e-9) }
        let outcome = try ClaimRunner(threads: 2).check(try ClaimParser.parse(text: claim("centers-test"), file: "centers.yaml"))
        XCTAssertEqual(outcome.verdict, .pass, ClaimReports.summary(GateResult(outcomes: [outcome])))
        XCTAssertEqual(outcome.rows[0].outcome.measured, 0.81, accuracy: 0.81e-6)
        XCTAssertThrowsError(try ProblemCatalog.register(.init(name: "centers-test", description: "") { _ in fatalError() }))
        XCTAssertThrowsError(try ProblemCatalog.register(.init(name: "logistic", description: "") { _ in fatalError() }))
    }

    /// A user-supplied optimum is validated like any other: the right x* certifies, a wrong one is refused.
    func testKnownOptimumIsValidatedNotTrusted() throws {
        let right = KnownCentersProblem(CentersProblem(name: "centers-known", dimension: 3, workers: 3, claimedOptimum: [2, 2, 2]))
        XCTAssertEqual(try Optimum.certify(right).fStar, right.value([2, 2, 2]))
        let wrong = KnownCentersProblem(CentersProblem(name: "centers-known", dimension: 3, workers: 3, claimedOptimum: [1, 2, 2]))
        XCTAssertThrowsError(try Optimum.certify(wrong)) { error in
            XCTAssert("\(error)".contains("not certified: scaled ‖∇f(x*)‖"), "\(error)")
        }
    }

    func testUnregisteredProblemWithoutSolverNamesTheWayOut() throws {
        final class Opaque: Problem {
            let name = "opaque", dimension = 1, workerCount = 1, smoothness = 1.0, curvature = Curvature.convex
            func value(_ x: UnsafeBufferPointer<Double>) -> Double { 0 }
            func gradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) { g[0] = 0 }
            func localValue(worker i: Int, _ x: UnsafeBufferPointer<Double>) -> Double { 0 }
            func localGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) { g[0] = 0 }
            func stochasticGradient(worker i: Int, _ x: UnsafeBufferPointer<Double>, batchSize: Int, rng: inout RandomStream,
                                    into g: UnsafeMutableBufferPointer<Double>) { g[0] = 0 }
        }
        XCTAssertThrowsError(try Optimum.certify(Opaque())) { error in
            XCTAssert("\(error)".contains("TwiceDifferentiableProblem"), "\(error)")
        }
    }
}
