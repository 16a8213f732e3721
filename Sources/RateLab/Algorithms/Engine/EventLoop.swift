import RateLabSimulation

/// A message in flight between two workers. Its payload lives in the loop's pool, so sending
/// allocates nothing once the pool has grown to the number of messages in flight.
public struct Message: Sendable {
    public let from: Int
    public let to: Int
    /// Method-defined meaning (e.g. R-FAST: 0 = model on G_R, 1 = running sum on G_C).
    public let channel: Int
    /// The sender's iteration count when it sent.
    public let iteration: Int
    fileprivate let slot: Int
}

/// The discrete-event driver of asynchronous methods: gradient completions, message arrivals and
/// timers, popped in time order with FIFO ties (`EventQueue`), then the end-of-instant calls
/// (`atEndOfInstant`) once no event of the current instant is left. Times are simulated seconds.
public final class EventLoop {
    enum Event {
        case gradient(worker: Int)
        case arrival(Message)
        case timer(worker: Int, tag: Int)
    }

    /// The workers and network the method runs on.
    public let cluster: Cluster
    /// The current simulated time (seconds).
    public private(set) var now: Double = 0
    private var queue = EventQueue<Event>()
    private var pool: [Double] = []
    private var freeSlots: [Int] = []
    private let slotWidth: Int
    /// The payload being delivered, copied out of the pool so that `deliver` may send freely.
    private let inbox: UnsafeMutablePointer<Double>
    /// (worker, tag) of the `atEndOfInstant` calls of the current instant, in call order; `firing` is the
    /// batch being fired (two buffers swapped, so that firing allocates nothing once warm).
    private var endOfInstant: [(worker: Int, tag: Int)] = []
    private var firing: [(worker: Int, tag: Int)] = []

    init(cluster: Cluster, payloadWidth: Int) {
        self.cluster = cluster
        slotWidth = max(1, payloadWidth)
        inbox = .allocate(capacity: slotWidth)
        inbox.initialize(repeating: 0, count: slotWidth)
    }

    deinit { inbox.deallocate() }

    /// Worker i starts a gradient now; `gradientReady` fires after its compute time.
    public func beginGradient(worker i: Int) {
        queue.schedule(.gradient(worker: i), at: now + cluster.drawComputeTime(worker: i))
    }

    /// Fires `timerFired(worker:tag:)` after `delay` seconds.
    public func setTimer(worker i: Int, tag: Int, after delay: Double) {
        queue.schedule(.timer(worker: i, tag: tag), at: now + delay)
    }

    /// Fires `timerFired(worker:tag:)` at the current instant, after every event of this instant has been
    /// handled — in particular after every message that arrives now, including those sent now with zero
    /// transit time. Calls fire in the order they were made.
    public func atEndOfInstant(worker i: Int, tag: Int) {
        endOfInstant.append((i, tag))
    }

    /// Sends `payload` (at most the pool width) from → to; returns false when the packet is lost.
    @discardableResult
    public func send(from: Int, to: Int, channel: Int, iteration: Int, payload: UnsafeBufferPointer<Double>) -> Bool {
        guard let transit = cluster.network.send(from: from, to: to, doubles: payload.count) else { return false }
        let slot = freeSlots.popLast() ?? grow()
        pool.withUnsafeMutableBufferPointer {
            ($0.baseAddress! + slot * slotWidth).update(from: payload.baseAddress!, count: payload.count)
        }
        queue.schedule(.arrival(Message(from: from, to: to, channel: channel, iteration: iteration, slot: slot)),
                       at: now + transit)
        return true
    }

    private func grow() -> Int {
        let slot = pool.count / slotWidth
        pool.append(contentsOf: repeatElement(0, count: slotWidth))
        return slot
    }

    /// Runs until `budget` gradient completions, calling `checkpoint(completions)` after each one.
    /// Returns early when `checkpoint` returns false.
    func run(_ method: EventDrivenMethod, budget: Int, checkpoint: (Int) -> Bool) {
        method.start(self)
        var completions = 0
        while completions < budget {
            if !endOfInstant.isEmpty, (queue.nextTime ?? .infinity) > now {
                swap(&endOfInstant, &firing)
                for call in firing {
                    cluster.setClock(worker: call.worker, to: now)
                    method.timerFired(worker: call.worker, tag: call.tag, self)
                }
                firing.removeAll(keepingCapacity: true)
                continue
            }
            guard let (time, event) = queue.pop() else { return }
            now = time
            switch event {
            case let .gradient(i):
                cluster.setClock(worker: i, to: time)
                method.gradientReady(worker: i, self)
                completions += 1
                if !checkpoint(completions) { return }
            case let .arrival(message):
                pool.withUnsafeBufferPointer {
                    inbox.update(from: $0.baseAddress! + message.slot * slotWidth, count: slotWidth)
                }
                freeSlots.append(message.slot)
                method.deliver(message, payload: inbox, self)
            case let .timer(i, tag):
                cluster.setClock(worker: i, to: time)
                method.timerFired(worker: i, tag: tag, self)
            }
        }
    }
}
