/// A dense real matrix of `rows × cols` doubles in one contiguous row-major buffer: entry (i, j)
/// at `i·cols + j` (data sets are read row by row; LAPACK and CBLAS are called in row-major order).
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    /// The entries row by row; `storage.count == rows · cols`.
    public var storage: [Double]

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "Matrix shape must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = [Double](repeating: value, count: rows * cols)
    }

    public init(rows: Int, cols: Int, storage: [Double]) {
        precondition(storage.count == rows * cols, "Matrix storage has \(storage.count) entries, expected \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix from nested rows, e.g. `Matrix([[1, 2], [3, 4]])`.
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "Matrix rows must have equal length")
        self.init(rows: r, cols: c, storage: rowArrays.flatMap { $0 })
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// A square matrix with `diagonal` on its diagonal.
    public static func diagonal(_ diagonal: [Double]) -> Matrix {
        var m = Matrix(rows: diagonal.count, cols: diagonal.count)
        for (i, v) in diagonal.enumerated() { m[i, i] = v }
        return m
    }

    @inline(__always)
    public func offset(_ i: Int, _ j: Int) -> Int { i * cols + j }

    public subscript(_ i: Int, _ j: Int) -> Double {
        @inline(__always) get { storage[offset(i, j)] }
        @inline(__always) set { storage[offset(i, j)] = newValue }
    }

    /// Row `i` as a new array.
    public func row(_ i: Int) -> [Double] { (0..<cols).map { self[i, $0] } }

    /// Column `j` as a new array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { self[$0, j] } }

    /// Aᵀ.
    public var transposed: Matrix {
        var m = Matrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { m[j, i] = self[i, j] } }
        return m
    }

    /// (M + Mᵀ)/2 for a square M, exactly symmetric: each off-diagonal pair becomes 0.5·(m_ij + m_ji).
    public var symmetrised: Matrix {
        precondition(rows == cols, "symmetrised: the matrix is \(rows)×\(cols), not square")
        var m = self
        for i in 0..<rows {
            for j in (i + 1)..<cols {
                let v = 0.5 * (m[i, j] + m[j, i])
                m[i, j] = v
                m[j, i] = v
            }
        }
        return m
    }

    /// max |a_ij − b_ij|; the matrices must have the same shape.
    public func maxAbsDifference(_ other: Matrix) -> Double {
        precondition(rows == other.rows && cols == other.cols)
        var d = 0.0
        for i in 0..<rows { for j in 0..<cols { d = Swift.max(d, abs(self[i, j] - other[i, j])) } }
        return d
    }
}
