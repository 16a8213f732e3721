/// Discrete-event queue: a binary min-heap on (time, sequence); simultaneous events pop in the order they
/// were scheduled (FIFO), which is the fixed tie-breaking rule of the simulator.
///
/// `sequence` is a counter stamped on each event when it is scheduled, so the pop order is a pure function of
/// the schedule calls. schedule and pop cost O(log n); the storage is reused (no allocation once warm).
/// The operations are `@inlinable` so that they are specialised for the event type of the module
/// that uses the queue (generic code across modules would go through value witnesses per swap).
public struct EventQueue<Event> {
    @usableFromInline struct Entry {
        @usableFromInline let time: Double
        @usableFromInline let sequence: UInt64
        @usableFromInline let event: Event

        @inlinable init(time: Double, sequence: UInt64, event: Event) {
            self.time = time
            self.sequence = sequence
            self.event = event
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0

    /// An empty queue.
    public init() {}

    /// True when no event is pending.
    @inlinable
    public var isEmpty: Bool { heap.isEmpty }

    /// Number of pending events.
    @inlinable
    public var count: Int { heap.count }

    /// Time of the earliest pending event (simulated seconds), nil when empty.
    @inlinable
    public var nextTime: Double? { heap.first?.time }

    /// Adds `event` at simulated time `time` (seconds, not NaN).
    @inlinable
    public mutating func schedule(_ event: Event, at time: Double) {
        precondition(!time.isNaN, "EventQueue.schedule: time is NaN")
        heap.append(Entry(time: time, sequence: nextSequence, event: event))
        nextSequence &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event (FIFO among equal times), nil when empty.
    @inlinable
    public mutating func pop() -> (time: Double, event: Event)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        let n = heap.count
        while true {
            let left = 2 * parent + 1
            if left >= n { break }
            let right = left + 1
            let first = right < n && heap[right].precedes(heap[left]) ? right : left
            guard heap[first].precedes(heap[parent]) else { break }
            heap.swapAt(first, parent)
            parent = first
        }
        return (top.time, top.event)
    }

    /// Drops every pending event and restarts the sequence counter; keeps the storage capacity.
    @inlinable
    public mutating func removeAll() {
        heap.removeAll(keepingCapacity: true)
        nextSequence = 0
    }
}

extension EventQueue: Sendable where Event: Sendable {}
extension EventQueue.Entry: Sendable where Event: Sendable {}
