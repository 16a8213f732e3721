import Foundation
import Synchronization

/// A fixed team of `size` threads (the caller and `size − 1` helpers) that runs the items 0..<items
/// of one job at a time and returns when every item is done.
///
/// The items are dealt in `size` contiguous blocks, thread k's own block first (on an idle machine
/// each thread keeps its workers, and their rows stay in its core's cache); a thread whose block is
/// done takes the unclaimed items of the other blocks. So a helper that the OS has descheduled (other
/// processes share the cores) does not hold up a job: the threads that run do its items. Only an item
/// a descheduled thread has already started is waited for.
///
/// Local SGD hands the team one job per averaging period, tens of microseconds of work each. A
/// thread woken from sleep costs about as much, so a waiting thread polls first: `spinPolls` plain
/// polls, then polls with `sched_yield` in between (so that, with more threads than processors, the
/// thread that has work runs), and a helper parks on a condition variable once it has waited
/// `parkAfter` seconds.
final class WorkerTeam {
    let size: Int
    private let shared: Shared

    init(size: Int) {
        precondition(size >= 2, "a worker team needs at least two threads")
        self.size = size
        shared = Shared(blocks: size)
        for thread in 1..<size {
            let shared = shared
            let helper = Thread { shared.serve(thread: thread) }
            helper.name = "ratelab-worker-\(thread)"
            helper.start()
        }
    }

    deinit { shared.shutDown() }

    /// Runs body(item, thread) for item in 0..<items, concurrently on the team's threads (`thread` in
    /// 0..<size names the thread, e.g. for per-thread scratch), each item once; returns when all are done.
    func run(items: Int, _ body: (_ item: Int, _ thread: Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            shared.start(body, items: items)
            shared.work(thread: 0, body)
            shared.finish()
        }
    }

    /// State the helpers share with the caller. `job`, `items` and `inside` are guarded by
    /// `condition`'s lock; `generation` announces a job, `next[b]` counts the claimed items of block b
    /// and `done` the finished items.
    private final class Shared: @unchecked Sendable {
        /// Plain polls before a waiting thread yields between polls.
        static let spinPolls = 2_000
        /// Seconds a helper waits for the next job before it parks.
        static let parkAfter = 2e-4

        let blocks: Int
        let generation = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let stopping = Atomic<Bool>(false)
        /// Claimed items of each block (offsets from the block's first item).
        let next: UnsafeMutablePointer<Atomic<Int>>
        var job: ((Int, Int) -> Void)?
        var items = 0
        /// Helpers that hold `job` (the caller clears it only when none does).
        var inside = 0
        let condition = NSCondition()
        /// Helpers parked on `condition` (guarded by it).
        var parked = 0

        init(blocks: Int) {
            self.blocks = blocks
            next = .allocate(capacity: blocks)
            for b in 0..<blocks { (next + b).initialize(to: Atomic(0)) }
        }

        deinit {
            next.deinitialize(count: blocks)
            next.deallocate()
        }

        /// Publishes `body` over `items` items (no helper holds the previous job: `finish` saw to it).
        func start(_ body: @escaping (Int, Int) -> Void, items: Int) {
            condition.lock()
            job = body
            self.items = items
            for b in 0..<blocks { next[b].store(0, ordering: .relaxed) }
            done.store(0, ordering: .relaxed)
            generation.add(1, ordering: .releasing)
            if parked > 0 { condition.broadcast() }
            condition.unlock()
        }

        /// Runs unclaimed items, block `thread` first, then the others in turn, until none is left.
        func work(thread: Int, _ body: (Int, Int) -> Void) {
            let items = self.items
            for k in 0..<blocks {
                let b = (thread + k) % blocks
                let first = b * items / blocks, count = (b + 1) * items / blocks - first
                while true {
                    let offset = next[b].wrappingAdd(1, ordering: .relaxed).oldValue
                    guard offset < count else { break }
                    body(first + offset, thread)
                    done.add(1, ordering: .releasing)
                }
            }
        }

        /// Waits until every item is done and no helper holds the job, then drops it.
        func finish() {
            var polls = 0
            while done.load(ordering: .acquiring) < items {
                polls += 1
                if polls > Shared.spinPolls { sched_yield() }
            }
            while true {
                condition.lock()
                if inside == 0 {
                    job = nil
                    condition.unlock()
                    return
                }
                condition.unlock()
                sched_yield()
            }
        }

        func serve(thread: Int) {
            var seen = 0
            while true {
                var polls = 0, parkTime = UInt64.max
                while hasNoJob(after: seen) {
                    polls += 1
                    guard polls > Shared.spinPolls else { continue }
                    sched_yield()
                    let now = DispatchTime.now().uptimeNanoseconds
                    if parkTime == .max { parkTime = now + UInt64(Shared.parkAfter * 1e9) }
                    guard now >= parkTime else { continue }
                    condition.lock()
                    while hasNoJob(after: seen) {
                        parked += 1
                        condition.wait()
                        parked -= 1
                    }
                    condition.unlock()
                }
                if stopping.load(ordering: .acquiring) { return }
                if join(thread: thread, seen: &seen) {
                    condition.lock()
                    inside -= 1
                    condition.unlock()
                }
            }
        }

        /// Takes the current job (if the caller has not finished it yet) and works on it; true when it
        /// did, so that the caller counts it out. The job's reference ends with this call.
        private func join(thread: Int, seen: inout Int) -> Bool {
            condition.lock()
            seen = generation.load(ordering: .relaxed)
            let current = job
            if current != nil { inside += 1 }
            condition.unlock()
            guard let current else { return false }
            work(thread: thread, current)
            return true
        }

        private func hasNoJob(after seen: Int) -> Bool {
            generation.load(ordering: .acquiring) == seen && !stopping.load(ordering: .relaxed)
        }

        func shutDown() {
            stopping.store(true, ordering: .releasing)
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
    }
}
