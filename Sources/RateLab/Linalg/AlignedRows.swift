/// A dense n × d matrix stored row by row with every row on a 64-byte boundary: row k starts at
/// `k · stride` doubles from a 64-byte-aligned base, `stride` = d rounded up to a multiple of 8 doubles,
/// and the padding holds zeros that no computation reads.
///
/// This is the layout of a data set's features, read one randomly sampled row at a time by the
/// minibatch kernels: a 64-byte line is one AVX-512 register of 8 doubles, so no load of a row
/// straddles two cache lines (rows of d = 50 doubles packed at 400-byte steps start inside a line
/// three times in four, and every 8-double load of such a row touches two lines). CBLAS reads it with
/// `stride` as the leading dimension. Immutable once built, so it is shared freely between threads.
public final class AlignedRows: @unchecked Sendable, Equatable {
    /// n.
    public let rows: Int
    /// d.
    public let cols: Int
    /// Doubles from the start of one row to the next: d rounded up to a multiple of 8 (at least 8).
    public let stride: Int
    @usableFromInline let base: UnsafeMutablePointer<Double>

    /// Bytes of one cache line, the alignment of every row.
    public static let alignment = 64

    /// The stride of rows of `columns` doubles: `columns` rounded up to a whole number of 64-byte lines (at
    /// least one).
    public static func stride(columns: Int) -> Int {
        let perLine = alignment / MemoryLayout<Double>.stride
        return max(1, (columns + perLine - 1) / perLine) * perLine
    }

    /// An n × d matrix whose row k is written by `fill(k, row)` (row has d entries, all 0 on entry), in
    /// ascending k.
    public init(rows: Int, cols: Int, fill: (_ row: Int, _ entries: UnsafeMutableBufferPointer<Double>) -> Void) {
        precondition(rows >= 0 && cols >= 0, "AlignedRows shape must be non-negative")
        self.rows = rows
        self.cols = cols
        stride = AlignedRows.stride(columns: cols)
        let count = max(1, rows) * stride
        base = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Double>.stride, alignment: AlignedRows.alignment)
            .initializeMemory(as: Double.self, repeating: 0, count: count)
        for k in 0..<rows { fill(k, UnsafeMutableBufferPointer(start: base + k * stride, count: cols)) }
    }

    /// The rows of `matrix`.
    public convenience init(_ matrix: Matrix) {
        self.init(rows: matrix.rows, cols: matrix.cols) { k, row in
            for j in 0..<matrix.cols { row[j] = matrix.storage[k * matrix.cols + j] }
        }
    }

    deinit { base.deallocate() }

    /// Entry (i, j).
    public subscript(_ i: Int, _ j: Int) -> Double {
        precondition(i >= 0 && i < rows && j >= 0 && j < cols, "AlignedRows: (\(i), \(j)) outside \(rows)×\(cols)")
        return base[i * stride + j]
    }

    /// Row `k` as a new array.
    public func row(_ k: Int) -> [Double] { Array(UnsafeBufferPointer(start: base + k * stride, count: cols)) }

    /// The same matrix in `Matrix`'s contiguous layout (a copy).
    public var matrix: Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for k in 0..<rows { for j in 0..<cols { m.storage[k * cols + j] = base[k * stride + j] } }
        return m
    }

    /// The rows `rows` of A (all rows by default), row k multiplied by `factors[k]`, as a contiguous `Matrix`:
    /// diag(s)·A, e.g. √W·A for a weighted Gram or diag(w_k ℓ''_k)·A for a Hessian.
    public func rowsScaled(by factors: [Double], rows range: Range<Int>? = nil) -> Matrix {
        precondition(factors.count == rows, "rowsScaled: \(factors.count) factors for \(rows) rows")
        let range = range ?? 0..<rows
        var scaled = Matrix(rows: range.count, cols: cols)
        for (r, k) in range.enumerated() {
            for j in 0..<cols { scaled.storage[r * cols + j] = factors[k] * base[k * stride + j] }
        }
        return scaled
    }

    /// Calls `body` with the address of row 0 (row k at `+ k · stride`), valid only during the call.
    /// Inlinable: the minibatch kernels call it once per chunk of rows.
    @inlinable
    public func withBaseAddress<Result>(_ body: (UnsafePointer<Double>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(UnsafePointer(base)) }
    }

    /// Same shape and entries (the padding is not compared: it is always zero).
    public static func == (lhs: AlignedRows, rhs: AlignedRows) -> Bool {
        guard lhs.rows == rhs.rows, lhs.cols == rhs.cols else { return false }
        for k in 0..<lhs.rows {
            for j in 0..<lhs.cols where lhs.base[k * lhs.stride + j] != rhs.base[k * rhs.stride + j] { return false }
        }
        return true
    }
}
