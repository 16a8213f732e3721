import Foundation

/// A request to stop a run of claims early (Ctrl-C, SIGTERM), shared between the signal handler that
/// raises it and the cells that read it. Cells already running finish (and reach the cache); cells
/// not yet started are skipped, and the runner then throws `ClaimRunner.Interrupted`.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    public init() {}

    /// Asks the run to stop; returns true the first time (a second request may quit at once).
    @discardableResult
    public func request() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let first = !requested
        requested = true
        return first
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
