import XCTest
@testable import RateLabAlgorithms
import RateLab
import TestSupport

/// R-FAST against independent references: Push-Pull in lock-step, and the conservation of tracking mass.
final class RFASTTests: XCTestCase {
    /// A lock-step run: constant compute times (every node wakes at the same integer instants), zero transit
    /// (latency 0, bandwidth +∞), no loss, step γ, on `topology` (pull graph) and `push` (push graph).
    private func lockStepSpec(_ kind: AlgorithmKind, gamma: Double, topology: TopologyKind, push: TopologyKind?) -> RunSpec {
        var s = RunSpec(algorithm: kind)
        s.stepSize = .constant(gamma)
        s.topology = topology
        s.pushTopology = push
        s.compute = ComputeModel(distribution: .constant(1))
        s.network = NetworkModel(latency: 0, bandwidth: .infinity)
        return s
    }

    /// max_{i,k} |x_ik − y_ik| over the models of every worker.
    private func maxDifference(_ a: WorkerMatrix, _ b: WorkerMatrix) -> Double {
        (0..<a.rows).map { maxAbsDifference(a.array($0), b.array($0)) }.max()!
    }

    /// The per-worker iterates of R-FAST after each of `iterations` lock-step rounds, next to Push-Pull's,
    /// as the largest difference relative to max |x_pushpull|, and the final distance of Push-Pull to x*.
    private func lockStepDeviation(
        variant: RFASTVariant, topology: TopologyKind, push: TopologyKind?, iterations: Int
    ) throws -> (relative: Double, distance: Double) {
        let p = 8, d = 5
        let problem = DiagonalQuadratics(workers: p, dimension: d, heterogeneity: 1)
        let start = [Double](repeating: 0, count: d)
        var rfastSpec = lockStepSpec(.rfast, gamma: 0.05, topology: topology, push: push)
        rfastSpec.rfastVariant = variant
        let rfastCluster = Cluster(problem: problem, spec: rfastSpec)
        let rfast = try RFAST(cluster: rfastCluster, start: start)
        let pushPullCluster = Cluster(problem: problem, spec: lockStepSpec(.pushPull, gamma: 0.05, topology: topology, push: push))
        let pushPull = try GradientTracking(cluster: pushPullCluster, start: start, variant: .pushPull)
        let a = WorkerMatrix(rows: p, cols: d), b = WorkerMatrix(rows: p, cols: d)
        var worst = 0.0, round = 0
        let loop = EventLoop(cluster: rfastCluster, payloadWidth: rfast.payloadWidth)
        loop.run(rfast, budget: p * iterations) { completions in
            // After p completions per round every node has finished exactly `round + 1` gradients.
            guard completions % p == 0 else { return true }
            pushPull.iterate(round, on: pushPullCluster)
            round += 1
            rfast.models(into: a)
            pushPull.models(into: b)
            let scale = (0..<p).flatMap { b.array($0) }.map(abs).max()!
            worst = max(worst, maxDifference(a, b) / scale)
            return true
        }
        XCTAssertEqual(round, iterations)
        XCTAssertEqual(rfastCluster.now, Double(iterations), "every node woke at every integer instant")
        let xStar = problem.optimum
        return (worst, (0..<p).map { maxAbsDifference(b.array($0), xStar) }.max()!)
    }

    /// Lock-step R-FAST is Push-Pull at the same γ, iterate for iterate (1e-12 relative, every worker,
    /// every one of 400 rounds), on one graph and on a pair G_R ≠ G_C.
    ///
    /// Why lock-step holds in the simulator (its fixed tie-breaking rule, `EventQueue` FIFO ties plus
    /// `EventLoop.atEndOfInstant`): at instant t every node's gradient completion pops first — it was scheduled
    /// one compute time earlier, before any message of instant t — so each step 4 folds exactly the running
    /// sums sent at t − 1 (z⁺ = Cz + g(x⁺) − g(x)); each node then descends with its full tracker and sends
    /// v_i and ρ_i with zero transit; those arrivals are scheduled at t and pop next; the pulls
    /// x_i⁺ = r_ii v_i + Σ r_ij v_j fire only at the end of the instant, after every v_j of round t has
    /// arrived (x⁺ = R(x − γz)). With any positive transit the pull would use the previous round's v_j.
    /// The two differ only in summation order (running-sum differences ρ_j − ρ̃_ij instead of z_j).
    func testLockStepEqualsPushPull() throws {
        for (pull, push) in [(TopologyKind.ring, nil), (.directedRing, TopologyKind.exponential)] {
            let (relative, distance) = try lockStepDeviation(variant: .paper, topology: pull, push: push, iterations: 400)
            XCTAssertLessThan(relative, 1e-12, "\(pull)/\(push.map { "\($0)" } ?? "same")")
            XCTAssertLessThan(distance, 1e-3, "the runs went somewhere: Push-Pull approached x*")
        }
    }

    /// Negative control: the legacy order (descent with c_ii z_i, v_i sent after the gradient) is not Push-Pull.
    func testLegacyOrderIsNotPushPull() throws {
        let (relative, _) = try lockStepDeviation(variant: .legacy, topology: .ring, push: nil, iterations: 50)
        XCTAssertGreaterThan(relative, 1e-2)
    }

    /// Σz + Σ c(ρ − ρ̃) = Σ g_old holds to 1e-12 (relative to Σ|g| ≈ 8·10) after every gradient completion
    /// under random delays and 30% loss, in both step orders, and the method still converges to x* (to 1e-6
    /// in 4000 iterations; legacy descends with about c_ii·γ, so it gets twice the papers' γ).
    func testConservesTrackingMassUnderLossAndDelay() throws {
        let problem = DiagonalQuadratics(workers: 8, dimension: 4, heterogeneity: 1)
        let gamma: [RFASTVariant: Double] = [.paper: 0.05, .legacy: 0.1]
        for variant in RFASTVariant.allCases {
            var s = RunSpec(algorithm: .rfast)
            s.steps = 4000
            s.stepSize = .constant(gamma[variant]!)
            s.rfastVariant = variant
            s.network = NetworkModel(latency: 0.01, bandwidth: 1e6, loss: .independent(probability: 0.3), maxExtraDelay: 0.5)
            s.compute = ComputeModel(distribution: .exponential(mean: 1))
            let cluster = Cluster(problem: problem, spec: s)
            let method = try RFAST(cluster: cluster, start: [Double](repeating: 0, count: 4))
            let loop = EventLoop(cluster: cluster, payloadWidth: method.payloadWidth)
            var worst = 0.0
            loop.run(method, budget: 8 * s.steps) { _ in worst = max(worst, method.trackingMassDefect); return true }
            XCTAssertLessThan(worst, 1e-12 * 8 * 10, "\(variant)")
            XCTAssertGreaterThan(cluster.network.messagesDropped, 0)
            let models = WorkerMatrix(rows: 8, cols: 4)
            method.models(into: models)
            for i in 0..<8 { XCTAssertLessThan(maxAbsDifference(models.array(i), problem.optimum), 1e-6, "\(variant)") }
        }
    }

    /// `--rfast-variant` is refused for other methods and parsed with the parameter named.
    func testVariantValidation() throws {
        var s = RunSpec(algorithm: .pushPull)
        s.rfastVariant = .legacy
        XCTAssertThrowsError(try s.validate(workers: 4)) {
            XCTAssertEqual("\($0)", "--rfast-variant applies only to --algorithm rfast, not push-pull")
        }
        XCTAssertEqual(try RFASTVariant(parsing: "legacy"), .legacy)
        XCTAssertThrowsError(try RFASTVariant(parsing: "old")) {
            XCTAssertEqual("\($0)", "invalid --rfast-variant 'old': expected paper or legacy")
        }
    }
}
