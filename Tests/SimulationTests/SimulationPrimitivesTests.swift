import Foundation
import RateLab
import TestSupport
import XCTest

final class SimulationPrimitivesTests: XCTestCase {
    // MARK: Event queue

    /// 10⁴ events with times from only 100 values (so ties are frequent) pop exactly in the order of a sort by
    /// (time, scheduling index): time order with FIFO ties.
    func testEventQueueMatchesSortOfRandomEvents() {
        var rng = RandomStream(seed: 1, purpose: .compute)
        let times = (0..<10_000).map { _ in Double(rng.nextIndex(100)) * 0.5 }
        var queue = EventQueue<Int>()
        for (index, time) in times.enumerated() { queue.schedule(index, at: time) }
        XCTAssertEqual(queue.count, 10_000)
        XCTAssertEqual(queue.nextTime, times.min())
        var popped: [Int] = []
        while let (time, index) = queue.pop() {
            XCTAssertEqual(time, times[index])
            popped.append(index)
        }
        XCTAssertEqual(popped, times.indices.sorted { (times[$0], $0) < (times[$1], $1) })
        XCTAssertTrue(queue.isEmpty)
        XCTAssertNil(queue.pop())
        XCTAssertNil(queue.nextTime)
    }

    /// Interleaved schedules and pops against a reference that scans a plain array for the minimum (time, sequence).
    func testEventQueueInterleavedAgainstLinearScan() {
        var rng = RandomStream(seed: 2, purpose: .compute)
        var queue = EventQueue<Int>()
        var reference: [(time: Double, sequence: Int)] = []
        var sequence = 0
        var now = 0.0
        for _ in 0..<3_000 {
            if reference.isEmpty || rng.nextBool(probability: 0.55) {
                let time = now + Double(rng.nextIndex(8))
                queue.schedule(sequence, at: time)
                reference.append((time, sequence))
                sequence += 1
            } else {
                let k = reference.indices.min { (reference[$0].time, reference[$0].sequence) < (reference[$1].time, reference[$1].sequence) }!
                let expected = reference.remove(at: k)
                let got = queue.pop()!
                XCTAssertEqual(got.time, expected.time)
                XCTAssertEqual(got.event, expected.sequence)
                now = got.time
            }
            XCTAssertEqual(queue.count, reference.count)
        }
        queue.removeAll()
        XCTAssertTrue(queue.isEmpty)
        queue.schedule(7, at: 1)
        XCTAssertEqual(queue.pop()?.event, 7)
    }

    // MARK: Compute model

    /// Sample means of 2·10⁴ draws lie within 5 standard errors σ/√n of the distribution's mean (CLT; a fixed seed,
    /// and a 5σ band leaves a chance < 10⁻⁶ for a correct sampler to fail with another seed).
    func testComputeDistributionSampleMeansWithinCLTBound() {
        let n = 20_000
        for distribution in [ComputeDistribution.constant(1.5), .exponential(mean: 2), .logNormal(mean: 1, sigma: 0.5)] {
            var rng = RandomStream(seed: 3, purpose: .compute)
            let samples = (0..<n).map { _ in distribution.sample(rng: &rng) }
            XCTAssertTrue(samples.allSatisfy { $0 > 0 }, "\(distribution)")
            let mean = samples.reduce(0, +) / Double(n)
            let bound = 5 * distribution.variance.squareRoot() / Double(n).squareRoot()
            XCTAssertLessThanOrEqual(abs(mean - distribution.mean), bound, "\(distribution)")
            if case .logNormal = distribution {
                // Median of the log-normal is e^μ = m·e^(−σ²/2) = 0.8825; check log-draws are centred on μ to 5 se
                // (sd of ln T is σ = 0.5), which fails if μ were ln m.
                let logMean = samples.map(log).reduce(0, +) / Double(n)
                XCTAssertEqual(logMean, -0.125, accuracy: 5 * 0.5 / Double(n).squareRoot())
            }
        }
        XCTAssertEqual(ComputeDistribution.logNormal(mean: 2, sigma: 0.5).variance, (exp(0.25) - 1) * 4, accuracy: 1e-15)
    }

    func testComputeDistributionParsing() throws {
        let expected: [String: ComputeDistribution] = [
            "const:1": .constant(1), "constant:2.5": .constant(2.5), "exp:1": .exponential(mean: 1),
            "exponential:3": .exponential(mean: 3), "LogNormal:1:0.5": .logNormal(mean: 1, sigma: 0.5),
        ]
        for (text, value) in expected {
            XCTAssertEqual(try ComputeDistribution(parsing: text), value, text)
            XCTAssertEqual(try ComputeDistribution(parsing: value.description), value)
        }
        for bad in ["exp:0", "exp:-1", "exp:nan", "lognormal:1", "lognormal:1:-0.1", "uniform:1", "const", "const:1:2"] {
            XCTAssertThrowsError(try ComputeDistribution(parsing: bad), bad) {
                XCTAssertEqual("\($0)", "invalid --compute '\(bad)': expected const:<seconds>, exp:<mean seconds> "
                    + "or lognormal:<mean seconds>:<sigma>, with every time in (0, 1000000.0] s and sigma in [0, 10.0] (e.g. exp:1 or lognormal:1:0.5)")
            }
        }
    }

    /// `.fraction(f)` slows workers 0..<⌈f·p⌉; named workers exactly those; slowed gradients take factor × time.
    func testStragglerFactorsHitTheRightWorkers() throws {
        let eighth = try StragglerModel(parsing: "0.125:5")
        XCTAssertEqual((0..<16).filter { eighth.isStraggler(worker: $0, workerCount: 16) }, [0, 1])
        XCTAssertEqual((0..<8).filter { eighth.isStraggler(worker: $0, workerCount: 8) }, [0])
        // 0.3·10 = 3.0000000000000004 in floating point: still 3 workers.
        let thirty = try StragglerModel(parsing: "0.3:2")
        XCTAssertEqual((0..<10).filter { thirty.isStraggler(worker: $0, workerCount: 10) }, [0, 1, 2])
        let named = try StragglerModel(parsing: "w3,5:5")
        XCTAssertEqual((0..<8).filter { named.isStraggler(worker: $0, workerCount: 8) }, [3, 5])
        XCTAssertEqual((0..<8).filter { StragglerModel.none.isStraggler(worker: $0, workerCount: 8) }, [])

        let model = ComputeModel(distribution: .constant(2), stragglers: named)
        var rng = RandomStream(seed: 4, purpose: .compute)
        XCTAssertEqual((0..<8).map { model.sampleTime(worker: $0, workerCount: 8, rng: &rng) }, [2, 2, 2, 10, 2, 10, 2, 2])
    }

    /// An intermittent straggler is slowed on a fraction ≈ probability of its gradients: 2·10⁴ Bernoulli(0.3) trials,
    /// tolerance 5 binomial standard errors √(0.3·0.7/n) ≈ 0.016. A non-straggler is never slowed.
    func testIntermittentStragglerRate() throws {
        let model = try StragglerModel(parsing: "0.125:5:0.3")
        let n = 20_000
        var rng = RandomStream(seed: 5, purpose: .compute)
        let slowed = (0..<n).filter { _ in model.factor(worker: 0, workerCount: 8, rng: &rng) == 5 }.count
        XCTAssertEqual(Double(slowed) / Double(n), 0.3, accuracy: 5 * (0.3 * 0.7 / Double(n)).squareRoot())
        XCTAssertTrue((0..<100).allSatisfy { _ in model.factor(worker: 1, workerCount: 8, rng: &rng) == 1 })
    }

    func testStragglerParsingAndErrors() throws {
        for text in ["none", "0.125:5.0", "0.125:5.0:0.3", "w3,5:5.0", "w3:5.0:0.5"] {
            XCTAssertEqual(try StragglerModel(parsing: text).description, text)
        }
        XCTAssertEqual(try StragglerModel(parsing: "w3:5:0.5"),
                       try StragglerModel(selection: .named([3]), slowdown: 5, probability: 0.5))
        for bad in ["0.125:0.5", "1.5:5", "w:5", "w3,x:5", "0.1:5:0", "0.1:5:1.5", "0.1", "fast:2"] {
            XCTAssertThrowsError(try StragglerModel(parsing: bad), bad) {
                XCTAssertTrue("\($0)".hasPrefix("invalid --stragglers '\(bad)': expected none, <fraction in [0,1]>:<factor ≥ 1>"),
                              "\($0)")
            }
        }
        XCTAssertThrowsError(try StragglerModel(parsing: "w3,9:5").validate(workerCount: 8)) {
            XCTAssertEqual("\($0)", "invalid straggler worker '9 in 'w3,9:5.0'': expected worker indices in 0..<8 for 8 workers")
        }
        let json = try JSONEncoder().encode(ComputeModel(distribution: .exponential(mean: 1), stragglers: try StragglerModel(parsing: "w3:5")))
        XCTAssertEqual(try JSONDecoder().decode(ComputeModel.self, from: json).stragglers.description, "w3:5.0")
        XCTAssertTrue(String(decoding: json, as: UTF8.self).contains("\"exp:1.0\""))
    }

    // MARK: Loss and network

    /// Independent loss q = 0.1 over 2·10⁴ messages: the drop rate is within 5 binomial standard errors
    /// √(q(1 − q)/n) ≈ 0.0021·5; every message is counted with 8 bytes per double.
    func testIndependentLossRate() {
        var network = NetworkState(model: NetworkModel(loss: .independent(probability: 0.1)), workerCount: 2, seed: 6)
        let n = 20_000
        let delivered = (0..<n).compactMap { _ in network.send(from: 0, to: 1, doubles: 10) }
        XCTAssertEqual(network.messagesSent, n)
        XCTAssertEqual(network.messagesDropped, n - delivered.count)
        XCTAssertEqual(network.bytesSent, n * 80)
        XCTAssertEqual(Double(network.messagesDropped) / Double(n), 0.1, accuracy: 5 * (0.09 / Double(n)).squareRoot())
    }

    /// Gilbert–Elliott ge:0.05:0.3:0:0.8 has π_B = 0.05/0.35 and loss rate 0.8·π_B = 0.11429. Over 56 links × 2000
    /// messages the drop rate is within 5 standard errors, with the binomial variance inflated by (1 + λ)/(1 − λ) = 4.71
    /// for the chain's correlation (λ = 1 − pGB − pBG = 0.65). Losses are bursty: after a loss (state bad, since
    /// lossGood = 0) the next message on that link is lost with probability (1 − pBG)·lossBad = 0.56, tolerance 0.03
    /// (≈ 7 binomial standard errors over ≈ 12800 losses).
    func testGilbertElliottLossRateAndBurstiness() throws {
        let loss = try LossModel(parsing: "ge:0.05:0.3:0:0.8")
        let rate = 0.8 * 0.05 / 0.35
        XCTAssertEqual(loss.meanLossRate, rate, accuracy: 1e-15)
        let p = 8, perLink = 2000
        var network = NetworkState(model: NetworkModel(loss: loss), workerCount: p, seed: 7)
        var lossAfterLoss = 0, lossCount = 0
        for from in 0..<p {
            for to in 0..<p where to != from {
                var previousLost = false
                for _ in 0..<perLink {
                    let lost = network.send(from: from, to: to, doubles: 1) == nil
                    if previousLost {
                        lossCount += 1
                        if lost { lossAfterLoss += 1 }
                    }
                    previousLost = lost
                }
            }
        }
        let n = Double(network.messagesSent)
        XCTAssertEqual(network.messagesSent, p * (p - 1) * perLink)
        XCTAssertEqual(Double(network.messagesDropped) / n, rate, accuracy: 5 * (rate * (1 - rate) / n * 1.65 / 0.35).squareRoot())
        XCTAssertEqual(Double(lossAfterLoss) / Double(lossCount), 0.56, accuracy: 0.03)
    }

    func testLossModelParsing() throws {
        XCTAssertEqual(try LossModel(parsing: "none"), LossModel.none)
        XCTAssertEqual(try LossModel(parsing: "0.1"), .independent(probability: 0.1))
        XCTAssertEqual(try LossModel(parsing: "GE:0.05:0.3:0:0.8"), .gilbertElliott(pGB: 0.05, pBG: 0.3, lossGood: 0, lossBad: 0.8))
        for model in [LossModel.none, .independent(probability: 0.25), .gilbertElliott(pGB: 0.1, pBG: 0.2, lossGood: 0.01, lossBad: 0.5)] {
            XCTAssertEqual(try LossModel(parsing: model.description), model)
        }
        XCTAssertEqual(LossModel.gilbertElliott(pGB: 0, pBG: 0, lossGood: 0.1, lossBad: 0.9).meanLossRate, 0.1)
        for bad in ["1", "-0.1", "ge:0.1:0.2:0.3", "ge:0.1:1:0:0.5", "ge:a:0.1:0:0.5", "lossy"] {
            XCTAssertThrowsError(try LossModel(parsing: bad), bad) {
                XCTAssertTrue("\($0)".hasPrefix("invalid --loss '\(bad)': expected none, a loss probability q in [0, 1)"), "\($0)")
            }
        }
    }

    func testNetworkModelTimingAndValidation() throws {
        let model = NetworkModel(latency: 2e-3, bandwidth: 1e6)
        XCTAssertEqual(model.messageTime(doubles: 1000), 2e-3 + 8e-3, accuracy: 1e-18)
        XCTAssertNoThrow(try model.validate())
        XCTAssertThrowsError(try NetworkModel(bandwidth: 0).validate()) {
            XCTAssertEqual("\($0)", "invalid --bandwidth '0.0': expected a rate ≥ 1.0 in bytes per second (finite, or inf for no transmission time)")
        }
        // +∞ bandwidth: no transmission time, the transit is the latency exactly.
        let instant = NetworkModel(latency: 0, bandwidth: .infinity)
        XCTAssertNoThrow(try instant.validate())
        XCTAssertEqual(instant.messageTime(doubles: 1000), 0)
        XCTAssertThrowsError(try NetworkModel(bandwidth: .nan).validate())
        XCTAssertThrowsError(try NetworkModel(latency: -1).validate()) {
            XCTAssertEqual("\($0)", "invalid --latency '-1.0': expected a time in 0…1000000.0 seconds")
        }
        XCTAssertThrowsError(try NetworkModel(loss: .independent(probability: 1)).validate()) {
            XCTAssertTrue("\($0)".hasPrefix("invalid --loss '1.0'"), "\($0)")
        }
        let json = try JSONEncoder().encode(NetworkModel(loss: .independent(probability: 0.2), maxExtraDelay: 0.01))
        XCTAssertEqual(try JSONDecoder().decode(NetworkModel.self, from: json),
                       NetworkModel(loss: .independent(probability: 0.2), maxExtraDelay: 0.01))
    }

    /// Extra delay is uniform on [0, D]: every transit lies in [t, t + D] and the mean extra delay is D/2 within
    /// 5 standard errors D/√(12n).
    func testBoundedExtraDelay() {
        let model = NetworkModel(maxExtraDelay: 0.01)
        var network = NetworkState(model: model, workerCount: 3, seed: 8)
        let n = 10_000
        let base = model.messageTime(doubles: 4)
        let extras = (0..<n).map { _ in network.send(from: 2, to: 0, doubles: 4)! - base }
        XCTAssertTrue(extras.allSatisfy { $0 >= 0 && $0 <= 0.01 })
        XCTAssertEqual(extras.reduce(0, +) / Double(n), 0.005, accuracy: 5 * 0.01 / (12 * Double(n)).squareRoot())
    }

    /// Same seed → the same per-link outcomes, whatever the order in which links are used; another seed differs.
    func testNetworkIsDeterministicPerLink() {
        let model = NetworkModel(loss: .independent(probability: 0.3), maxExtraDelay: 0.01)
        var a = NetworkState(model: model, workerCount: 4, seed: 9)
        var b = NetworkState(model: model, workerCount: 4, seed: 9)
        var c = NetworkState(model: model, workerCount: 4, seed: 10)
        _ = (0..<50).map { _ in b.send(from: 3, to: 2, doubles: 1) }  // traffic on another link must not matter
        let fromA = (0..<50).map { _ in a.send(from: 1, to: 2, doubles: 1) }
        XCTAssertEqual(fromA, (0..<50).map { _ in b.send(from: 1, to: 2, doubles: 1) })
        XCTAssertNotEqual(fromA, (0..<50).map { _ in c.send(from: 1, to: 2, doubles: 1) })
    }

    /// Without loss or extra delay: 2(p − 1)(latency + 8⌈d/p⌉/bandwidth), relative tolerance 1e-14 (a sum of 2(p − 1)
    /// equal terms, ≤ 14 roundings); p·2(p − 1) messages. p = 1 costs nothing.
    func testRingAllReduceClosedFormWithoutLoss() {
        let model = NetworkModel(latency: 1e-3, bandwidth: 1e9)
        for (p, d) in [(8, 1000), (8, 1001), (3, 10)] {
            var network = NetworkState(model: model, workerCount: p, seed: 0)
            let chunk = Double((d + p - 1) / p)
            assertClose(network.ringAllReduce(doubles: d), 2 * Double(p - 1) * (1e-3 + 8 * chunk / 1e9), rtol: 1e-14)
            XCTAssertEqual(network.messagesSent, p * 2 * (p - 1))
        }
        var single = NetworkState(model: model, workerCount: 1, seed: 0)
        XCTAssertEqual(single.ringAllReduce(doubles: 1000), 0)
    }

    /// With loss each step waits for its slowest send, which pays whole retransmission timeouts: the total is the
    /// lossless time plus k·timeout with 1 ≤ k ≤ (messages dropped), k an integer (to 1e-9 after dividing out
    /// the 0.2 s timeout; the sums carry ≈ 1e-15 relative rounding).
    func testRingAllReduceIsSlowerWithLossByWholeTimeouts() {
        let model = NetworkModel(latency: 1e-3, bandwidth: 1e9, loss: .independent(probability: 0.2), retransmissionTimeout: 0.2)
        var network = NetworkState(model: model, workerCount: 8, seed: 11)
        let lossless = 14 * (1e-3 + 8 * 125 / 1e9)
        let excess = (network.ringAllReduce(doubles: 1000) - lossless) / 0.2
        XCTAssertEqual(excess, excess.rounded(), accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(excess.rounded(), 1)
        XCTAssertLessThanOrEqual(Int(excess.rounded()), network.messagesDropped)
        XCTAssertEqual(network.messagesSent, 112 + network.messagesDropped, "every drop is resent once more")
    }
}
