import Foundation

/// Runs independent cells (simulations of a sweep) on several threads. Results come back in cell
/// order and each cell is a pure function of its index, so the output is identical for any thread count.
public enum ParallelCells {
    /// The number of threads used when none is given: the active processor count.
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// [body(0), …, body(count − 1)], computed on up to `threads` threads (cells are handed out in
    /// index order; a cell that fails should return its error as a value so the others still run).
    public static func map<T>(_ count: Int, threads: Int = defaultThreads, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(body) }
        var results = [T?](repeating: nil, count: count)
        let lock = NSLock()
        var next = 0
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                lock.lock()
                let index = next
                next += 1
                lock.unlock()
                guard index < count else { return }
                let value = body(index)
                lock.lock()
                results[index] = value
                lock.unlock()
            }
        }
        return results.map { $0! }
    }
}
