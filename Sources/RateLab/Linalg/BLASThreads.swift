#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The BLAS's own threading, fixed by RateLab itself so that results do not depend on the environment.
///
/// A multithreaded BLAS splits a reduction (a dot product inside `dgemv`, a block of `dgemm`) across its
/// threads and adds the partial sums in an order that depends on the thread count, so the last bits of
/// a result would follow `OPENBLAS_NUM_THREADS`. RateLab parallelises over workers and sweep cells
/// itself, so it runs the BLAS on one thread in every process (`ratelab` calls `useOneThread()` first).
public enum BLASThreads {
    /// What `useOneThread()` found.
    public enum Library: Equatable, Sendable {
        /// OpenBLAS: `openblas_set_num_threads(1)` was called.
        case openBLAS
        /// A BLAS without a run-time thread setter RateLab knows (e.g. the reference BLAS, single-threaded).
        case unknown
    }

    /// Sets the BLAS linked into this process to one thread. The setter is looked up by name at run
    /// time (`dlsym`), so a BLAS without it (reference BLAS, chosen through Debian's alternatives)
    /// links and runs all the same. Idempotent and cheap; call it before any BLAS work.
    @discardableResult
    public static func useOneThread() -> Library {
        typealias SetThreads = @convention(c) (Int32) -> Void
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "openblas_set_num_threads") else {
            return .unknown
        }
        unsafeBitCast(symbol, to: SetThreads.self)(1)
        return .openBLAS
    }
}
