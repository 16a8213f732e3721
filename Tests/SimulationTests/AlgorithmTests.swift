import Synchronization
import XCTest
@testable import RateLabAlgorithms
import RateLab
import TestSupport

/// Behaviour the theory predicts, checked on `DiagonalQuadratics` (closed-form optimum).
final class AlgorithmTests: XCTestCase {
    private func spec(_ kind: AlgorithmKind, steps: Int, lr: Double, _ edit: (inout RunSpec) -> Void = { _ in }) -> RunSpec {
        var s = RunSpec(algorithm: kind)
        s.steps = steps
        s.stepSize = .constant(lr)
        s.checkpointEvery = steps
        edit(&s)
        return s
    }

    private func finalDistance(_ problem: DiagonalQuadratics, _ s: RunSpec) throws -> Double {
        let result = try Simulator.run(problem: problem, reference: problem.reference, spec: s)
        XCTAssertEqual(result.status, .completed, "\(s.algorithm)")
        return result.checkpoints.last!.distSq.squareRoot()
    }

    /// Exact gradients, heterogeneous data: gradient tracking reaches x* (to 1e-10, i.e. far below the
    /// D-PSGD bias of order ηζ), D-PSGD stalls at a bias that grows with ζ.
    func testGradientTrackingIsExactWhereDPSGDIsBiased() throws {
        let problem = DiagonalQuadratics(workers: 8, dimension: 5, heterogeneity: 1)
        for kind in [AlgorithmKind.diging, .pushPull] {
            XCTAssertLessThan(try finalDistance(problem, spec(kind, steps: 3000, lr: 0.1)), 1e-10, "\(kind)")
        }
        XCTAssertLessThan(try finalDistance(problem, spec(.rfast, steps: 3000, lr: 0.1)), 1e-10, "rfast")
        let biasSmall = try finalDistance(DiagonalQuadratics(workers: 8, dimension: 5, heterogeneity: 0.5), spec(.dpsgd, steps: 3000, lr: 0.1))
        let biasLarge = try finalDistance(DiagonalQuadratics(workers: 8, dimension: 5, heterogeneity: 2), spec(.dpsgd, steps: 3000, lr: 0.1))
        XCTAssertGreaterThan(biasSmall, 1e-4)
        // The bias is linear in ζ at a fixed step: ×4 in ζ gives ×4 in bias (±25% for the nonlinear coupling).
        XCTAssertEqual(biasLarge / biasSmall, 4, accuracy: 1)
    }

    /// Under 20% loss R-FAST converges to x* while SGP's lost push-sum mass leaves it off the optimum.
    func testRFASTRobustWhereSGPDrifts() throws {
        let problem = DiagonalQuadratics(workers: 8, dimension: 4, heterogeneity: 1)
        let lossy = NetworkModel(loss: .independent(probability: 0.2))
        let rfast = try finalDistance(problem, spec(.rfast, steps: 3000, lr: 0.1) { $0.network = lossy })
        XCTAssertLessThan(rfast, 1e-8)
        // SGP loses push-sum weight with every lost packet; as w_i → 0 its effective step η/w_i grows and
        // the run drifts off — reported as diverged or far from x*.
        let sgp = try Simulator.run(problem: problem, reference: problem.reference, spec: spec(.sgp, steps: 3000, lr: 0.05) { $0.network = lossy })
        XCTAssertTrue(sgp.status.isDiverged || sgp.checkpoints.last!.distSq.squareRoot() > 1e-3, "\(sgp.status)")
    }

    /// Asked on purpose, R-FAST runs on a pair without a common root — and stalls away from x*.
    func testRFASTWithoutCommonRootStalls() throws {
        let problem = DiagonalQuadratics(workers: 8, dimension: 4, heterogeneity: 1)
        let distance = try finalDistance(problem, spec(.rfast, steps: 3000, lr: 0.05) { $0.breakCommonRoot = true })
        XCTAssertGreaterThan(distance, 1e-2)
    }

    /// SGP without loss: Σ_i w_i = p exactly (halving and adding powers of two is exact).
    func testSGPWeightsSumToWorkers() {
        let problem = DiagonalQuadratics(workers: 8, dimension: 3, heterogeneity: 1)
        let cluster = Cluster(problem: problem, spec: spec(.sgp, steps: 50, lr: 0.05))
        let sgp = SGP(cluster: cluster, start: [0, 0, 0])
        for t in 0..<50 { sgp.iterate(t, on: cluster); XCTAssertEqual(sgp.totalWeight, 8) }
    }

    /// local-sgd with τ = 1 and sgd-allreduce share the mechanism and give bitwise-identical trajectories;
    /// D-PSGD on the complete graph (exact uniform weights) gives the same iterates.
    func testSynchronousEquivalences() throws {
        let problem = DiagonalQuadratics(workers: 6, dimension: 4, heterogeneity: 1, sigma: 0.5)
        func run(_ kind: AlgorithmKind) throws -> RunResult {
            try Simulator.run(problem: problem, reference: problem.reference, spec: spec(kind, steps: 200, lr: 0.05) {
                $0.batchSize = 4; $0.tau = 1; $0.topology = .complete; $0.checkpointEvery = 10
            })
        }
        let allReduce = try run(.sgdAllReduce), local = try run(.localSGD), dpsgd = try run(.dpsgd)
        XCTAssertEqual(allReduce.finalAverage, local.finalAverage)
        XCTAssertEqual(allReduce.checkpoints, local.checkpoints)
        XCTAssertEqual(allReduce.finalAverage, dpsgd.finalAverage)
        XCTAssertEqual(allReduce.checkpoints.map(\.gap), dpsgd.checkpoints.map(\.gap))
    }

    /// sgd-allreduce against an independent loop x ← x − η (1/p) Σ_i ∇f_i(x) with exact gradients.
    /// Tolerance 1e-12: the two differ only in summation order (model vs gradient averaging).
    func testSGDAllReduceMatchesReferenceLoop() throws {
        let problem = DiagonalQuadratics(workers: 4, dimension: 3, heterogeneity: 1)
        let result = try Simulator.run(problem: problem, reference: problem.reference, spec: spec(.sgdAllReduce, steps: 50, lr: 0.2))
        var x = [0.0, 0.0, 0.0]
        for _ in 0..<50 { let g = problem.gradient(x); for k in 0..<3 { x[k] -= 0.2 * g[k] } }
        XCTAssertLessThan(maxAbsDifference(result.finalAverage, x), 1e-12)
    }

    /// A 5× straggler slows sgd-allreduce's simulated time per iteration by 5× (every step waits for it),
    /// R-FAST's by 8/(7 + 1/5) ≈ 1.11× (the others keep going).
    func testStragglerCost() throws {
        let problem = DiagonalQuadratics(workers: 8, dimension: 3, heterogeneity: 1)
        let fast = NetworkModel(latency: 0, bandwidth: 1e15)
        func timePerIteration(_ kind: AlgorithmKind, stragglers: StragglerModel) throws -> Double {
            let r = try Simulator.run(problem: problem, reference: problem.reference, spec: spec(kind, steps: 400, lr: 0.05) {
                $0.network = fast; $0.compute = ComputeModel(distribution: .constant(1), stragglers: stragglers)
            })
            return r.checkpoints.last!.simTime / Double(r.checkpoints.last!.iteration)
        }
        let slow = try StragglerModel(parsing: "w0:5")
        let allReduceRatio = try timePerIteration(.sgdAllReduce, stragglers: slow) / timePerIteration(.sgdAllReduce, stragglers: .none)
        let rfastRatio = try timePerIteration(.rfast, stragglers: slow) / timePerIteration(.rfast, stragglers: .none)
        XCTAssertEqual(allReduceRatio, 5, accuracy: 1e-9)
        XCTAssertEqual(rfastRatio, 8 / 7.2, accuracy: 0.02)
    }

    /// Every built-in method runs and improves on the initial gap with exact gradients, and none crashes
    /// (methods other tests register in the same process are theirs to test).
    func testEveryMethodRuns() throws {
        let problem = DiagonalQuadratics(workers: 4, dimension: 3, heterogeneity: 0.2)
        for kind in MethodCatalog.builtIn.map({ AlgorithmKind(rawValue: $0.name) }) {
            let r = try Simulator.run(problem: problem, reference: problem.reference, spec: spec(kind, steps: 600, lr: 0.05) { $0.tau = 4 })
            XCTAssertEqual(r.status, .completed, "\(kind)")
            XCTAssertLessThan(r.checkpoints.last!.gap, 1e-2 * r.checkpoints.first!.gap, "\(kind)")
        }
    }

    /// A step far beyond 2/L blows up: the run reports diverged, not a crash or a pass.
    func testDivergenceIsReported() throws {
        let problem = DiagonalQuadratics(workers: 4, dimension: 3, heterogeneity: 1)
        let r = try Simulator.run(problem: problem, reference: problem.reference, spec: spec(.sgdAllReduce, steps: 500, lr: 5) { $0.checkpointEvery = 5 })
        XCTAssertTrue(r.status.isDiverged, "\(r.status)")
        XCTAssertLessThan(r.checkpoints.count, 101)
    }

    /// ADA-LUPA's periods satisfy Σ τ_i = T and grow as the loss falls; AdaComm's shrink.
    func testAdaptivePeriods() throws {
        let problem = DiagonalQuadratics(workers: 4, dimension: 3, heterogeneity: 1)
        let reference = Reference(fStar: problem.reference.fStar, xStar: problem.optimum)
        let ada = try Simulator.run(problem: problem, reference: reference, spec: spec(.adaLocalSGD, steps: 1000, lr: 0.05) { $0.tau = 2 })
        XCTAssertEqual(ada.periods.reduce(0, +), 1000)
        XCTAssertGreaterThan(ada.periods.dropLast().last!, ada.periods.first!)
        let linear = try Simulator.run(problem: problem, reference: reference, spec: spec(.adaLocalSGD, steps: 100, lr: 0.05) {
            $0.tau = 2; $0.adaptiveRule = .linear(alpha: 0.5)
        })
        XCTAssertEqual(Array(linear.periods.prefix(4)), [2, 3, 4, 5])
        let adacomm = try Simulator.run(problem: problem, reference: reference, spec: spec(.adacomm, steps: 1000, lr: 0.05) { $0.tau = 16 })
        XCTAssertEqual(adacomm.periods.reduce(0, +), 1000)
        XCTAssertLessThan(adacomm.periods.dropLast().last!, adacomm.periods.first!)
    }

    /// ADA-LUPA reads the certified gap F = f − f* (the theorem's quantity) by default: on logistic regression
    /// (f* = 0.37 > 0, f(x₀) = log 2) the gap falls by orders of magnitude and τ_i grows past 4τ₀, while the
    /// poster's F = f (`.poster`) stays above f*, so (F₀/F_i)^{1/3} ≤ (log 2/f*)^{1/3} < 2 and τ_i ≤ 2τ₀ in every round.
    func testAdaptivePeriodsReadTheGap() throws {
        let problem = try ProblemFactory.make(ProblemSpec(name: "logistic", workers: 4, split: .global))
        let reference = Reference(try Optimum.certify(problem))
        XCTAssertLessThan(log(2) / reference.fStar, 8)
        let edit: (RunSpec.AdaptiveRule) -> (inout RunSpec) -> Void = { rule in { $0.tau = 2; $0.batchSize = 4; $0.adaptiveRule = rule } }
        let gap = try Simulator.run(problem: problem, reference: reference, spec: spec(.adaLocalSGD, steps: 2000, lr: 0.5, edit(.paper)))
        let poster = try Simulator.run(problem: problem, reference: reference, spec: spec(.adaLocalSGD, steps: 2000, lr: 0.5, edit(.poster)))
        XCTAssertEqual(gap.periods.reduce(0, +), 2000)
        XCTAssertGreaterThan(gap.periods.dropLast().max()!, 8)
        XCTAssertLessThanOrEqual(poster.periods.max()!, 4)
        XCTAssertThrowsError(try spec(.localSGD, steps: 10, lr: 0.1) { $0.adaptiveRule = .poster }.validate(workers: 2))
        XCTAssertEqual(spec(.localSGD, steps: 10, lr: 0.1).ineffectiveSetting(problem: ProblemSpec(name: "logistic"), given: ["ada-loss"])?.key, "ada-loss")
        XCTAssertNil(spec(.adaLocalSGD, steps: 10, lr: 0.1).ineffectiveSetting(problem: ProblemSpec(name: "logistic"), given: ["ada-loss"]))
        XCTAssertEqual(try RunSpec.AdaptiveRule(adaLoss: "value"), .poster)
        XCTAssertThrowsError(try RunSpec.AdaptiveRule(adaLoss: "f"))
    }

    /// The same spec and seed give identical trajectories, also when runs happen concurrently.
    func testDeterministicAcrossThreads() throws {
        let problem = DiagonalQuadratics(workers: 8, dimension: 4, heterogeneity: 1, sigma: 1)
        let s = spec(.rfast, steps: 300, lr: 0.05) {
            $0.batchSize = 2; $0.checkpointEvery = 10; $0.network = NetworkModel(loss: .independent(probability: 0.1), maxExtraDelay: 0.2)
            $0.compute = ComputeModel(distribution: .exponential(mean: 1))
        }
        let serial = try Simulator.run(problem: problem, reference: problem.reference, spec: s).checkpoints
        var parallel = [[Checkpoint]](repeating: [], count: 4)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            let c = try! Simulator.run(problem: problem, reference: problem.reference, spec: s).checkpoints
            lock.lock(); parallel[k] = c; lock.unlock()
        }
        for c in parallel { XCTAssertEqual(c, serial) }
    }

    /// Spreading a run's workers over threads (`Simulator.run(threads:)`) changes nothing: every
    /// checkpoint and the final average are bitwise equal for 1, 2, 3 and 8 threads (local SGD with
    /// minibatches, exponential compute times and a straggler; τ = 5 with checkpoints every 7 steps, so
    /// checkpoints fall inside periods).
    func testWorkerThreadsDoNotChangeTheRun() throws {
        let problem = try ProblemFactory.make(ProblemSpec(name: "logistic", lambda: 1e-3, dimension: 20, samplesPerWorker: 100, workers: 8))
        let reference = Reference(fStar: 0, xStar: [Double](repeating: 0, count: problem.dimension))
        let stragglers = try StragglerModel(parsing: "0.125:5")
        for kind in [AlgorithmKind.localSGD, .adaLocalSGD, .dpsgd, .diging, .sgp] {
            let s = spec(kind, steps: 200, lr: 0.5) {
                $0.batchSize = 8; $0.tau = 5; $0.checkpointEvery = 7
                $0.compute = ComputeModel(distribution: .exponential(mean: 1), stragglers: stragglers)
            }
            let one = try Simulator.run(problem: problem, reference: reference, spec: s, threads: 1)
            XCTAssertEqual(one.checkpoints.count, 200 / 7 + 2)
            for threads in [2, 3, 8] {
                let many = try Simulator.run(problem: problem, reference: reference, spec: s, threads: threads)
                XCTAssertEqual(many.checkpoints, one.checkpoints, "\(kind), \(threads) threads")
                XCTAssertEqual(many.finalAverage, one.finalAverage, "\(kind), \(threads) threads")
                XCTAssertEqual(many.periods, one.periods)
            }
        }
    }

    /// Every item of every job runs exactly once, and `run` returns only after all of them have: each
    /// job's items write the job's number, which the caller reads back right after `run`. Items outnumber
    /// threads and their work is uneven, so threads finish their own blocks at different times and take
    /// items of the others' blocks. Teams are also built and dropped repeatedly (their helpers must exit,
    /// not hang).
    func testWorkerTeamRunsEveryItemOnceBeforeReturning() {
        for size in [2, 3, 5] {
            let team = WorkerTeam(size: size)
            let items = 3 * size + 1
            let stride = 16  // 128 bytes between items' entries
            let marks = UnsafeMutablePointer<Int>.allocate(capacity: items * stride)
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: items * stride)
            marks.initialize(repeating: -1, count: items * stride)
            counts.initialize(repeating: 0, count: items * stride)
            defer { marks.deallocate(); counts.deallocate() }
            let threadsSeen = Mutex<Set<Int>>([])
            for job in 0..<3000 {
                team.run(items: items) { item, thread in
                    // Uneven work, so that items finish in varying order.
                    var spin = 0
                    for k in 0..<((job + item) % 7 * 50) { spin &+= k }
                    marks[item * stride + 1] = spin
                    marks[item * stride] = job
                    counts[item * stride] += 1
                    if job % 100 == 0 { threadsSeen.withLock { _ = $0.insert(thread) } }
                }
                for item in 0..<items where marks[item * stride] != job {
                    XCTFail("size \(size), job \(job): item \(item) had not finished when run returned")
                }
            }
            for item in 0..<items { XCTAssertEqual(counts[item * stride], 3000, "size \(size), item \(item)") }
            XCTAssertTrue(threadsSeen.withLock { $0 }.isSubset(of: Set(0..<size)), "thread indices are 0..<size")
        }
        for _ in 0..<20 { WorkerTeam(size: 3).run(items: 4) { _, _ in } }
    }

    /// Rows of a worker matrix start on cache lines (d ≥ 8) and do not overlap; `assign` and `zero`
    /// cover every row.
    func testWorkerMatrixRowsAreAlignedAndDisjoint() {
        for d in [1, 7, 8, 50, 1000] {
            let a = WorkerMatrix(rows: 5, cols: d, repeating: 2)
            XCTAssertGreaterThanOrEqual(a.stride, d)
            for i in 0..<5 {
                if d >= 8 { XCTAssertEqual(Int(bitPattern: a.row(i)) % 64, 0, "d = \(d), row \(i)") }
                for j in 0..<d { a.row(i)[j] = Double(i * d + j) }
            }
            for i in 0..<5 { XCTAssertEqual(a.array(i), (0..<d).map { Double(i * d + $0) }) }
            let b = WorkerMatrix(rows: 5, cols: d)
            b.assign(a)
            for i in 0..<5 { XCTAssertEqual(b.array(i), a.array(i)) }
            b.zero()
            for i in 0..<5 { XCTAssertEqual(b.array(i), [Double](repeating: 0, count: d)) }
        }
    }

    /// Impossible parameters are refused with the parameter named.
    func testBadParametersAreRefused() {
        let problem = DiagonalQuadratics(workers: 4, dimension: 3, heterogeneity: 1)
        XCTAssertThrowsError(try Simulator.run(problem: problem, reference: problem.reference, spec: spec(.localSGD, steps: 10, lr: 0.1) { $0.tau = 0 })) {
            XCTAssertTrue("\($0)".contains("--tau"))
        }
        XCTAssertThrowsError(try Simulator.run(problem: problem, reference: problem.reference, spec: spec(.rfast, steps: 10, lr: 0.1) {
            $0.topology = .spanningTree(root: 0); $0.pushTopology = .spanningTree(root: 0)
        })) {
            XCTAssertTrue("\($0)".lowercased().contains("root"), "\($0)")
        }
        XCTAssertThrowsError(try Simulator.run(problem: DiagonalQuadratics(workers: 5, dimension: 3, heterogeneity: 1), reference: DiagonalQuadratics(workers: 5, dimension: 3, heterogeneity: 1).reference, spec: spec(.adpsgd, steps: 10, lr: 0.1))) {
            XCTAssertTrue("\($0)".contains("bipartite"))
        }
    }
}
