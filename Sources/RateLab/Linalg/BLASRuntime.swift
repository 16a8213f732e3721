#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The BLAS linked into the process, as far as results depend on it: its threading, fixed by RateLab
/// itself so that results do not depend on the environment, and the kernels it chose for this CPU.
///
/// A multithreaded BLAS splits a reduction (a dot product inside `dgemv`, a block of `dgemm`) across its
/// threads and adds the partial sums in an order that depends on the thread count, so the last bits of
/// a result would follow `OPENBLAS_NUM_THREADS`. RateLab parallelises over workers and sweep cells
/// itself, so it runs the BLAS on one thread in every process (`ratelab` calls `useOneThread()` first).
/// OpenBLAS also picks its kernels per CPU at run time (`kernelName`), which changes summation orders:
/// results are bitwise on one machine, not across CPUs.
///
/// The OpenBLAS functions are looked up by name at run time (`dlsym`), so a BLAS without them (the
/// reference BLAS chosen through Debian's alternatives, say) links and runs all the same.
public enum BLASRuntime {
    /// What `useOneThread()` found.
    public enum Library: Equatable, Sendable {
        /// OpenBLAS: `openblas_set_num_threads(1)` was called.
        case openBLAS
        /// A BLAS without a run-time thread setter RateLab knows (e.g. the reference BLAS, single-threaded).
        case unknown
    }

    /// Sets the BLAS linked into this process to one thread. Idempotent and cheap; call it before any BLAS work.
    ///
    /// OpenBLAS starts its thread pool when the library loads (one thread per further core) and an idle pool
    /// thread busy-waits with `sched_yield` for about 0.1 s before it sleeps: on 2 cores it took a core from
    /// RateLab's own threads for the first 0.1 s of every process (a 60 ms `ratelab run` took 90 ms). With one
    /// thread set, OpenBLAS never hands work to its pool, so the pool is shut down too
    /// (`blas_thread_shutdown_`; OpenBLAS restarts it by itself should a later call ever want threads).
    @discardableResult
    public static func useOneThread() -> Library {
        typealias SetThreads = @convention(c) (Int32) -> Void
        typealias ShutDown = @convention(c) () -> Int32
        guard let symbol = symbol("openblas_set_num_threads") else { return .unknown }
        unsafeBitCast(symbol, to: SetThreads.self)(1)
        if let shutDown = Self.symbol("blas_thread_shutdown_") { _ = unsafeBitCast(shutDown, to: ShutDown.self)() }
        return .openBLAS
    }

    /// The kernel family OpenBLAS chose for this CPU (`openblas_get_corename`, e.g. "SkylakeX", or the
    /// one forced by `OPENBLAS_CORETYPE`); nil for another BLAS.
    public static let kernelName: String? = {
        typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?
        guard let symbol = symbol("openblas_get_corename"), let name = unsafeBitCast(symbol, to: CoreName.self)() else { return nil }
        return String(cString: name)
    }()

    /// A function of the libraries loaded into the process, by name.
    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        guard let process = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(process, name)
    }
}
