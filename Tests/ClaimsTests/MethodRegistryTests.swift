import Foundation
import RateLab
import TestSupport
import XCTest

/// A method from outside the library, written against the public API only: Nesterov's accelerated GD
/// on every worker, models and their previous values averaged after every step,
///
///     y_i = x_i + β (x_i − x_i⁻),   x_i⁻ ← x_i,   x_i ← y_i − η_t g_i(y_i),   then x, x⁻ ← their averages.
///
/// From a common start it is Nesterov's method on f = (1/p) Σ f_i (the average of the local gradients
/// at a common point is ∇f).
final class NesterovTestMethod: SynchronousMethod {
    let beta: Double
    private let x: WorkerMatrix, previous: WorkerMatrix, lookahead: WorkerMatrix, mean: WorkerMatrix

    init(cluster: Cluster, start: [Double], beta: Double) {
        self.beta = beta
        let p = cluster.workers, d = cluster.dimension
        x = WorkerMatrix(rows: p, cols: d)
        previous = WorkerMatrix(rows: p, cols: d)
        lookahead = WorkerMatrix(rows: p, cols: d)
        mean = WorkerMatrix(rows: 1, cols: d)
        x.broadcast(start)
        previous.broadcast(start)
    }

    func iterate(_ t: Int, on cluster: Cluster) {
        let d = cluster.dimension, eta = cluster.spec.stepSize.rate(at: t)
        cluster.forEachWorker { i, task in
            let g = cluster.scratch(task: task), xi = x.row(i), before = previous.row(i), y = lookahead.row(i)
            for k in 0..<d { y[k] = xi[k] + beta * (xi[k] - before[k]) }
            cluster.gradient(worker: i, at: y, into: g)
            Kernels.copy(d, xi, before)
            for k in 0..<d { xi[k] = y[k] - eta * g[k] }
            cluster.spendCompute(worker: i)
        }
        for rows in [x, previous] {
            Kernels.average(rows, into: mean.row(0))
            rows.broadcast(mean.row(0))
        }
        cluster.barrier(communication: cluster.allReduceTime())
    }

    func models(into out: WorkerMatrix) { out.assign(x) }
}

/// An asynchronous method through the public `EventLoop` API: each worker, whenever its gradient is ready,
/// steps x_i ← x_i − η g_i(x_i) and begins its next gradient (no communication). With one worker its k-th
/// completion is GD's k-th step.
final class AsynchronousGDTestMethod: EventDrivenMethod {
    private let x: WorkerMatrix, gradient: WorkerMatrix
    private var steps: [Int]
    let payloadWidth = 0

    init(cluster: Cluster, start: [Double]) {
        x = WorkerMatrix(rows: cluster.workers, cols: cluster.dimension)
        x.broadcast(start)
        gradient = WorkerMatrix(rows: cluster.workers, cols: cluster.dimension)
        steps = [Int](repeating: 0, count: cluster.workers)
    }

    func start(_ loop: EventLoop) {
        for i in 0..<loop.cluster.workers { loop.beginGradient(worker: i) }
    }

    func gradientReady(worker i: Int, _ loop: EventLoop) {
        let cluster = loop.cluster
        cluster.gradient(worker: i, at: x.row(i), into: gradient.row(i))
        Kernels.axpy(cluster.dimension, -cluster.spec.stepSize.rate(at: steps[i]), gradient.row(i), x.row(i))
        steps[i] += 1
        loop.beginGradient(worker: i)
    }

    func deliver(_ message: Message, payload: UnsafePointer<Double>, _ loop: EventLoop) {}

    func models(into out: WorkerMatrix) { out.assign(x) }
}

/// Neither synchronous nor event-driven: `Simulator.run` must refuse it.
final class ShapelessTestMethod: Method {
    let x: WorkerMatrix
    init(cluster: Cluster, start: [Double]) {
        x = WorkerMatrix(rows: cluster.workers, cols: cluster.dimension)
        x.broadcast(start)
    }
    func models(into out: WorkerMatrix) { out.assign(x) }
}

/// Methods registered from outside the library: one mechanism with the built-in ones, names checked,
/// runs through `Simulator` and claims.
final class MethodRegistryTests: XCTestCase {
    /// Registered once per process (the registry refuses a second registration of a name).
    private static let registered: Void = {
        try! MethodCatalog.register(.init(name: "test-nesterov", summary: "Nesterov's accelerated GD, β = 1/2 (test)") {
            NesterovTestMethod(cluster: $0, start: $1, beta: 0.5)
        })
        try! MethodCatalog.register(.init(name: "test-async-gd", summary: "asynchronous GD without communication (test)") {
            AsynchronousGDTestMethod(cluster: $0, start: $1)
        })
        try! MethodCatalog.register(.init(name: "test-shapeless", summary: "neither synchronous nor event-driven (test)") {
            ShapelessTestMethod(cluster: $0, start: $1)
        })
    }()

    override func setUp() {
        super.setUp()
        MethodRegistryTests.registered
    }

    /// The registered method runs through `Simulator.run` and equals a hand-written Nesterov loop on the
    /// full gradient ∇f (plain arrays, no RateLab kernels): x̄ after 200 steps to 1e-12 (relative to
    /// ‖x*‖ ≈ 2.2; the two differ only in the order of floating-point sums, O(1e-15) per step, and the
    /// iteration contracts, so errors do not grow). dist_sq at every checkpoint agrees too.
    func testRegisteredMethodMatchesAHandWrittenLoop() throws {
        let problem = DiagonalQuadratics(workers: 4, dimension: 5, heterogeneity: 1)
        var spec = RunSpec(algorithm: try AlgorithmKind(parsing: "test-nesterov"))
        spec.steps = 200
        spec.stepSize = .constant(0.3)
        spec.checkpointEvery = 50
        let result = try Simulator.run(problem: problem, reference: problem.reference, spec: spec, threads: 2)
        XCTAssertEqual(result.status, .completed)

        let d = problem.dimension, xStar = problem.optimum
        var x = problem.referencePoint, previous = x, g = [Double](repeating: 0, count: d)
        var distances: [Double] = []
        for t in 1...spec.steps {
            let y = (0..<d).map { x[$0] + 0.5 * (x[$0] - previous[$0]) }
            y.withUnsafeBufferPointer { yb in g.withUnsafeMutableBufferPointer { problem.gradient(yb, into: $0) } }
            previous = x
            x = (0..<d).map { y[$0] - 0.3 * g[$0] }
            if t % 50 == 0 { distances.append(zip(x, xStar).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }) }
        }
        for k in 0..<d { XCTAssertEqual(result.finalAverage[k], x[k], accuracy: 1e-12) }
        let recorded = result.checkpoints.dropFirst().map(\.distSq)
        XCTAssertEqual(recorded.count, distances.count)
        for (a, b) in zip(recorded, distances) { XCTAssertEqual(a, b, accuracy: 1e-12 * max(1, b)) }
        // The loop converged (so the comparison is not of two stalled runs): ‖x − x*‖² fell by 10⁻⁸ at least.
        XCTAssertLessThan(distances.last!, 1e-8 * result.checkpoints[0].distSq)
    }

    /// A registered event-driven method on one worker: its completions are GD's steps, so x̄ after 100
    /// iterations equals GD's x_100 on f (hand-written, plain arrays) to 1e-12; the simulated time is the sum
    /// of 100 compute times (the default compute model: constant 1 s each).
    func testRegisteredEventDrivenMethodMatchesGD() throws {
        let problem = DiagonalQuadratics(workers: 1, dimension: 4, heterogeneity: 0.5)
        var spec = RunSpec(algorithm: try AlgorithmKind(parsing: "test-async-gd"))
        spec.steps = 100
        spec.stepSize = .constant(0.4)
        spec.checkpointEvery = 100
        let result = try Simulator.run(problem: problem, reference: problem.reference, spec: spec)
        var x = problem.referencePoint, g = [Double](repeating: 0, count: x.count)
        for _ in 0..<100 {
            x.withUnsafeBufferPointer { xb in g.withUnsafeMutableBufferPointer { problem.gradient(xb, into: $0) } }
            x = zip(x, g).map { $0 - 0.4 * $1 }
        }
        for k in x.indices { XCTAssertEqual(result.finalAverage[k], x[k], accuracy: 1e-12) }
        XCTAssertEqual(result.checkpoints.last?.gradEvals, 100)
        XCTAssertEqual(result.checkpoints.last!.simTime, 100, accuracy: 1e-9)
    }

    /// A method that is neither a `SynchronousMethod` nor an `EventDrivenMethod` is refused with its name.
    func testMethodOfNeitherKindIsRefused() throws {
        let problem = DiagonalQuadratics(workers: 2, dimension: 3, heterogeneity: 0)
        XCTAssertThrowsError(try Simulator.run(problem: problem, reference: problem.reference,
                                               spec: RunSpec(algorithm: try AlgorithmKind(parsing: "test-shapeless")))) { error in
            XCTAssert("\(error)".contains("method 'test-shapeless'") && "\(error)".contains("neither a SynchronousMethod"), "\(error)")
        }
    }

    /// An unknown name is refused with the list of known names, built-in and registered, in the
    /// library, in claim files (file and key named) and in `ratelab list`'s source of names.
    func testUnknownNameListsKnownNames() throws {
        XCTAssertThrowsError(try AlgorithmKind(parsing: "no-such-method")) { error in
            XCTAssertEqual("\(error)", "unknown algorithm 'no-such-method'; known algorithms: " + MethodCatalog.names.joined(separator: ", "))
            XCTAssert("\(error)".contains("rfast") && "\(error)".contains("test-nesterov"), "\(error)")
        }
        let claim = """
            title: t
            source: s
            statement: s
            problem: {name: quadratic, dimension: 5, kappa: 10}
            run: {algorithm: no-such-method, steps: 10, lr: 1/L}
            checks:
              - {kind: geometric-rate, metric: dist_sq, at-most: 1 - mu/L}
            """
        XCTAssertThrowsError(try ClaimParser.parse(text: claim, file: "bad.yaml")) { error in
            XCTAssert("\(error)".contains("bad.yaml") && "\(error)".contains("unknown algorithm 'no-such-method'")
                      && "\(error)".contains("test-nesterov"), "\(error)")
        }
        XCTAssertEqual(MethodCatalog.names.prefix(MethodCatalog.builtIn.count), ArraySlice(MethodCatalog.builtIn.map(\.name)))
        XCTAssertEqual(MethodCatalog.entry(named: "test-nesterov")?.summary, "Nesterov's accelerated GD, β = 1/2 (test)")
    }

    /// A second registration of a name (registered or built-in) and a name claim files cannot spell are refused.
    func testDuplicateAndInvalidNamesAreRefused() {
        let make: @Sendable (Cluster, [Double]) throws -> Method = { NesterovTestMethod(cluster: $0, start: $1, beta: 0) }
        XCTAssertThrowsError(try MethodCatalog.register(.init(name: "test-nesterov", summary: "", make: make))) { error in
            XCTAssertEqual(error as? RegistrationError, .duplicateName(kind: "algorithm", name: "test-nesterov"))
        }
        XCTAssertThrowsError(try MethodCatalog.register(.init(name: "rfast", summary: "", make: make))) { error in
            XCTAssertEqual("\(error)", "algorithm 'rfast' is already built in or registered")
        }
        XCTAssertThrowsError(try MethodCatalog.register(.init(name: "two words", summary: "", make: make))) { error in
            XCTAssertEqual(error as? RegistrationError, .invalidName(kind: "algorithm", name: "two words"))
        }
        XCTAssertEqual(MethodCatalog.names.filter { $0 == "test-nesterov" }.count, 1)
    }

    /// A claim sweeping `run.algorithm` over a built-in and the registered method runs both; on a quadratic
    /// with η = 1/L both contract ‖x − x*‖² faster than 1 − μ/L (GD: (1 − μ/L)² = 0.81; Nesterov faster still),
    /// and a τ given to a method that does not average periodically is refused like for a built-in one.
    func testClaimSweepsOverABuiltInAndARegisteredMethod() throws {
        let claim = """
            title: both methods contract
            source: test
            statement: GD and Nesterov with step 1/L contract dist_sq at most by 1 − μ/L per step.
            problem: {name: quadratic, dimension: 5, kappa: 10, workers: 3}
            run: {algorithm: sgd-allreduce, steps: 60, lr: 1/L, every: 1}
            sweep:
              run.algorithm: [sgd-allreduce, test-nesterov]
            checks:
              - {kind: geometric-rate, metric: dist_sq, at-most: 1 - mu/L, skip: 1}
            """
        let outcome = try ClaimRunner(threads: 2).check(try ClaimParser.parse(text: claim, file: "sweep.yaml"))
        XCTAssertEqual(outcome.verdict, .pass, ClaimReports.summary(GateResult(outcomes: [outcome])))
        XCTAssertEqual(outcome.rows.count, 2)
        XCTAssert(outcome.rows[1].check.contains("test-nesterov"), outcome.rows[1].check)
        XCTAssertLessThan(outcome.rows[1].outcome.measured, outcome.rows[0].outcome.measured)
        let withTau = claim.replacingOccurrences(of: "every: 1}", with: "every: 1, tau: 2}")
        XCTAssertThrowsError(try ClaimParser.parse(text: withTau, file: "tau.yaml")) { error in
            XCTAssert("\(error)".contains("τ has no effect on"), "\(error)")
        }
    }
}
