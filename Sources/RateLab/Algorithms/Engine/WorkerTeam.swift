import Foundation
import Synchronization

/// A fixed team of `size` threads (the caller and `size − 1` helpers) that runs the tasks
/// 0..<size of one job at a time: the caller runs task 0, helper k runs task k, and `run` returns
/// when all are done.
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
        shared = Shared()
        for task in 1..<size {
            let shared = shared
            let thread = Thread { shared.serve(task: task) }
            thread.name = "ratelab-worker-\(task)"
            thread.start()
        }
    }

    deinit { shared.shutDown() }

    /// Runs body(task) for task in 0..<size, concurrently, and returns when every task is done.
    func run(_ body: (_ task: Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            shared.start(body, helpers: size - 1)
            body(0)
            shared.waitForHelpers()
        }
    }

    /// State the helpers share with the caller: the current job, its generation number and how many
    /// helpers have not finished it yet.
    private final class Shared: @unchecked Sendable {
        /// Plain polls before a waiting thread yields between polls.
        static let spinPolls = 2_000
        /// Seconds a helper waits for the next job before it parks.
        static let parkAfter = 2e-4

        let generation = Atomic<Int>(0)
        let unfinished = Atomic<Int>(0)
        let stopping = Atomic<Bool>(false)
        /// Written by the caller before `generation` is released, read by helpers after acquiring it.
        var job: ((Int) -> Void)?
        let condition = NSCondition()
        /// Helpers parked on `condition` (guarded by it).
        var parked = 0

        func start(_ body: @escaping (Int) -> Void, helpers: Int) {
            job = body
            unfinished.store(helpers, ordering: .relaxed)
            generation.add(1, ordering: .releasing)
            condition.lock()
            if parked > 0 { condition.broadcast() }
            condition.unlock()
        }

        func waitForHelpers() {
            var polls = 0
            while unfinished.load(ordering: .acquiring) > 0 {
                polls += 1
                if polls > Shared.spinPolls { sched_yield() }
            }
            job = nil
        }

        func serve(task: Int) {
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
                seen = generation.load(ordering: .acquiring)
                job!(task)
                unfinished.subtract(1, ordering: .releasing)
            }
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
