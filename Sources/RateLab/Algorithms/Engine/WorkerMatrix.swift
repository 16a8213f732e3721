import RateLabLinalg
/// p × d worker states in one contiguous, row-major block: row i is worker i's vector.
///
/// Storage is allocated once and never moves, so methods can hold row pointers in their per-step
/// loops without copying or allocating. Rows start on 64-byte cache lines (`stride` = d rounded
/// up to a multiple of 8), so that threads updating different rows never write to a shared line;
/// the padding entries are never read.
public final class WorkerMatrix {
    public let rows: Int
    public let cols: Int
    /// Doubles from the start of one row to the start of the next.
    public let stride: Int
    private let base: UnsafeMutablePointer<Double>

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.rows = rows
        self.cols = cols
        stride = (cols + 7) / 8 * 8
        let count = max(1, rows * stride)
        base = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Double>.stride, alignment: 64)
            .bindMemory(to: Double.self, capacity: count)
        base.initialize(repeating: value, count: count)
    }

    deinit { base.deallocate() }

    /// Pointer to the first entry of row i.
    @inline(__always) public func row(_ i: Int) -> UnsafeMutablePointer<Double> { base + i * stride }

    /// Row i as a read-only buffer.
    @inline(__always) public func view(_ i: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: base + i * stride, count: cols)
    }

    /// Row i as a new array (for tests and reports, not for hot paths).
    public func array(_ i: Int) -> [Double] { Array(view(i)) }

    /// Sets every row to `x`.
    public func broadcast(_ x: [Double]) {
        precondition(x.count == cols)
        x.withUnsafeBufferPointer { buffer in
            // No storage only when cols = 0: there is nothing to copy then.
            guard let start = buffer.baseAddress else { return }
            broadcast(start)
        }
    }

    /// Sets every row to the `cols` doubles at `v`.
    public func broadcast(_ v: UnsafePointer<Double>) {
        for i in 0..<rows { Kernels.copy(cols, v, row(i)) }
    }

    /// Copies all rows from `other` (same shape).
    public func assign(_ other: WorkerMatrix) {
        precondition(rows == other.rows && cols == other.cols)
        base.update(from: other.base, count: rows * stride)
    }

    /// Sets every entry to 0.
    public func zero() { base.update(repeating: 0, count: rows * stride) }
}
