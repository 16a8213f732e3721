import RateLabLinalg

/// The mutable network of one run: per-directed-link Gilbert–Elliott state and random stream, and traffic counters.
///
/// Link from → to draws from `RandomStream(seed: seed, stream: UInt64(from·p + to), purpose: .network)`, so each
/// link's losses and delays depend only on the seed and on how many messages that link has carried.
/// Per message the link first decides loss (stepping its Gilbert–Elliott chain first), then, when delivered and
/// `maxExtraDelay > 0`, draws the extra delay.
public struct NetworkState {
    /// The timing and loss model.
    public let model: NetworkModel
    /// Number of workers p.
    public let workerCount: Int
    /// Messages handed to the network, lost ones included.
    public private(set) var messagesSent: Int = 0
    /// Messages lost.
    public private(set) var messagesDropped: Int = 0
    /// Bytes handed to the network (8 per double), lost messages included.
    public private(set) var bytesSent: Int = 0

    private var linkStreams: [RandomStream]
    private var linkIsBad: [Bool]

    /// A fresh network for p workers: every link in the good state, every counter at 0.
    public init(model: NetworkModel, workerCount p: Int, seed: UInt64) {
        precondition(p >= 1, "NetworkState: workerCount must be ≥ 1, got \(p)")
        self.model = model
        workerCount = p
        linkStreams = (0..<(p * p)).map { RandomStream(seed: seed, stream: UInt64($0), purpose: .network) }
        linkIsBad = [Bool](repeating: false, count: p * p)
    }

    /// Sends one message of d doubles on link from → to: returns its transit time in seconds
    /// (`model.messageTime(doubles: d)` plus the extra delay) or nil if it is lost. Counts it either way.
    public mutating func send(from: Int, to: Int, doubles d: Int) -> Double? {
        precondition((0..<workerCount).contains(from) && (0..<workerCount).contains(to),
                     "NetworkState.send: link \(from) → \(to) outside 0..<\(workerCount)")
        let link = from * workerCount + to
        messagesSent += 1
        bytesSent += 8 * d
        let lost: Bool
        switch model.loss {
        case .none:
            lost = false
        case let .independent(q):
            lost = linkStreams[link].nextBool(probability: q)
        case let .gilbertElliott(pGB, pBG, lossGood, lossBad):
            let wasBad = linkIsBad[link]
            let isBad = linkStreams[link].nextBool(probability: wasBad ? 1 - pBG : pGB)
            linkIsBad[link] = isBad
            lost = linkStreams[link].nextBool(probability: isBad ? lossBad : lossGood)
        }
        if lost {
            messagesDropped += 1
            return nil
        }
        let extra = model.maxExtraDelay > 0 ? model.maxExtraDelay * linkStreams[link].nextUniform() : 0
        return model.messageTime(doubles: d) + extra
    }

    /// Synchronous delivery with retransmission: every loss costs `model.retransmissionTimeout` seconds and a
    /// resend, until the message arrives. Returns the total time in seconds. Terminates with probability 1
    /// because every loss probability is < 1.
    public mutating func sendReliably(from: Int, to: Int, doubles d: Int) -> Double {
        var waited = 0.0
        while true {
            if let transit = send(from: from, to: to, doubles: d) { return waited + transit }
            waited += model.retransmissionTimeout
        }
    }

    /// Ring all-reduce (reduce-scatter then all-gather) of d doubles over p workers: 2(p − 1) steps; in each step
    /// every worker i sends a chunk of ⌈d/p⌉ doubles to i + 1 mod p (reliably), and the step lasts as long as the
    /// slowest of those p sends. Returns the total time in seconds: without loss or extra delay exactly
    /// 2(p − 1)(latency + 8⌈d/p⌉/bandwidth); 0 for p = 1.
    public mutating func ringAllReduce(doubles d: Int) -> Double {
        let p = workerCount
        guard p > 1 else { return 0 }
        let chunk = (d + p - 1) / p
        var total = 0.0
        if case .none = model.loss, model.maxExtraDelay == 0 {
            // Every hop takes exactly messageTime and draws nothing: the same sum without the p sends.
            let hop = model.messageTime(doubles: chunk)
            messagesSent += 2 * (p - 1) * p
            bytesSent += 8 * chunk * 2 * (p - 1) * p
            for _ in 0..<(2 * (p - 1)) { total += hop }
            return total
        }
        for _ in 0..<(2 * (p - 1)) {
            var slowest = 0.0
            for i in 0..<p { slowest = max(slowest, sendReliably(from: i, to: (i + 1) % p, doubles: chunk)) }
            total += slowest
        }
        return total
    }
}
