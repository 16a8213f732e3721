import RateLabLinalg

/// What one worker's computation changes: its simulated clock (seconds), its gradient evaluations,
/// and its two random streams (minibatch sampling, compute times).
struct WorkerSlot {
    var clock = 0.0
    var evaluations = 0
    var sampling: RandomStream
    var compute: RandomStream
}

/// One `WorkerSlot` per worker, each at the start of its own 128-byte block, so that threads running
/// different workers never write to the same cache line (or to an adjacent pair, which the hardware
/// prefetcher fetches together).
final class WorkerSlots {
    static let blockBytes = 128
    let count: Int
    private let base: UnsafeMutableRawPointer
    private let stride: Int

    init(count: Int, _ make: (Int) -> WorkerSlot) {
        self.count = count
        let size = MemoryLayout<WorkerSlot>.stride
        stride = (size + Self.blockBytes - 1) / Self.blockBytes * Self.blockBytes
        base = .allocate(byteCount: max(1, count) * stride, alignment: Self.blockBytes)
        for i in 0..<count { (base + i * stride).initializeMemory(as: WorkerSlot.self, to: make(i)) }
    }

    deinit {
        for i in 0..<count { self[i].deinitialize(count: 1) }
        base.deallocate()
    }

    @inline(__always) subscript(i: Int) -> UnsafeMutablePointer<WorkerSlot> {
        (base + i * stride).assumingMemoryBound(to: WorkerSlot.self)
    }
}
