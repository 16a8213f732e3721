import XCTest
@testable import RateLabAlgorithms
import RateLab
import TestSupport

/// `EventLoop.atEndOfInstant`: the deferred calls fire after every event of their instant — also after
/// messages sent with zero transit during it — in call order, and before the next instant.
final class EndOfInstantTests: XCTestCase {
    /// Two workers, constant compute 1, zero transit. Each gradient completion sends one message to the
    /// other worker and defers one call; the deferred call starts the next gradient.
    private final class Probe: EventDrivenMethod {
        var log: [String] = []
        var payloadWidth: Int { 1 }
        private let payload = [0.0]
        func models(into out: WorkerMatrix) {}
        func start(_ loop: EventLoop) {
            for i in 0..<2 { loop.beginGradient(worker: i) }
        }
        func gradientReady(worker i: Int, _ loop: EventLoop) {
            log.append("t\(Int(loop.now)) gradient \(i)")
            payload.withUnsafeBufferPointer { _ = loop.send(from: i, to: 1 - i, channel: 0, iteration: 0, payload: $0) }
            loop.atEndOfInstant(worker: i, tag: 7)
        }
        func deliver(_ message: Message, payload: UnsafePointer<Double>, _ loop: EventLoop) {
            log.append("t\(Int(loop.now)) arrival \(message.from)→\(message.to)")
        }
        func timerFired(worker i: Int, tag: Int, _ loop: EventLoop) {
            log.append("t\(Int(loop.now)) end-of-instant \(i) tag \(tag)")
            loop.beginGradient(worker: i)
        }
    }

    func testDeferredCallsFollowTheInstantsArrivals() {
        var spec = RunSpec(algorithm: .rfast)
        spec.compute = ComputeModel(distribution: .constant(1))
        spec.network = NetworkModel(latency: 0, bandwidth: .infinity)
        let cluster = Cluster(problem: DiagonalQuadratics(workers: 2, dimension: 1, heterogeneity: 0), spec: spec)
        let probe = Probe()
        EventLoop(cluster: cluster, payloadWidth: 1).run(probe, budget: 4) { _ in true }
        let instant = { (t: Int) in
            ["t\(t) gradient 0", "t\(t) gradient 1", "t\(t) arrival 0→1", "t\(t) arrival 1→0",
             "t\(t) end-of-instant 0 tag 7", "t\(t) end-of-instant 1 tag 7"]
        }
        // The run stops at the 4th completion, inside instant 2 (the rest of it is never handled).
        XCTAssertEqual(probe.log, instant(1) + ["t2 gradient 0", "t2 gradient 1"])
    }
}
