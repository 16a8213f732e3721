import RateLabLinalg
import XCTest

final class AlignedRowsTests: XCTestCase {
    private func gaussian(rows: Int, cols: Int, seed: UInt64) -> Matrix {
        var rng = RandomStream(seed: seed, purpose: .data)
        return Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in rng.nextGaussian() })
    }

    /// Every row starts on a 64-byte boundary, the stride is d rounded up to 8 doubles, the padding is
    /// zero, and the entries are the matrix's (the round trip through `matrix` is exact).
    func testRowsAreOnCacheLinesWithZeroPadding() {
        for cols in [1, 7, 8, 9, 50, 64, 1000] {
            let m = gaussian(rows: 5, cols: cols, seed: UInt64(cols))
            let a = AlignedRows(m)
            XCTAssertEqual(a.stride, (cols + 7) / 8 * 8, "d = \(cols)")
            XCTAssertEqual(a.matrix, m, "d = \(cols)")
            a.withBaseAddress { base in
                for k in 0..<a.rows {
                    XCTAssertEqual(Int(bitPattern: base + k * a.stride) % 64, 0, "row \(k), d = \(cols)")
                    for j in cols..<a.stride { XCTAssertEqual(base[k * a.stride + j], 0, "padding (\(k), \(j))") }
                }
            }
            XCTAssertEqual(a.row(3), m.row(3))
            XCTAssertEqual(a[4, cols - 1], m[4, cols - 1])
        }
        XCTAssertEqual(AlignedRows(rows: 0, cols: 3) { _, _ in }.matrix, Matrix(rows: 0, cols: 3))
    }

    func testEqualityComparesEntriesOnly() {
        let m = gaussian(rows: 4, cols: 10, seed: 1)
        XCTAssertEqual(AlignedRows(m), AlignedRows(m))
        var other = m
        other[2, 9] += 1e-12
        XCTAssertNotEqual(AlignedRows(m), AlignedRows(other))
        XCTAssertNotEqual(AlignedRows(m), AlignedRows(gaussian(rows: 4, cols: 9, seed: 1)))
    }

    /// gemv (A and Aᵀ) and AᵀB read the stride as the leading dimension: against plain loops over
    /// the matrix's entries. Tolerance: n or d terms of size |a|·|x| ≈ 1–10, summed by CBLAS in its own
    /// order, differ from the loop's order by at most (terms)·ε relative to Σ|a_j x_j|.
    func testBLASReadsTheStrideAsLeadingDimension() {
        let n = 37, d = 50
        let m = gaussian(rows: n, cols: d, seed: 2), a = AlignedRows(m)
        var rng = RandomStream(seed: 3, purpose: .data)
        let x = (0..<d).map { _ in rng.nextGaussian() }, z = (0..<n).map { _ in rng.nextGaussian() }

        let ax = BLAS.gemv(a, x), atz = BLAS.gemv(a, z, transpose: true)
        for k in 0..<n {
            let reference = (0..<d).reduce(0.0) { $0 + m[k, $1] * x[$1] }
            let scale = (0..<d).reduce(0.0) { $0 + abs(m[k, $1] * x[$1]) }
            XCTAssertEqual(ax[k], reference, accuracy: Double(d) * 2.3e-16 * scale, "(Ax)_\(k)")
        }
        for j in 0..<d {
            let reference = (0..<n).reduce(0.0) { $0 + m[$1, j] * z[$1] }
            let scale = (0..<n).reduce(0.0) { $0 + abs(m[$1, j] * z[$1]) }
            XCTAssertEqual(atz[j], reference, accuracy: Double(n) * 2.3e-16 * scale, "(Aᵀz)_\(j)")
        }
        let b = gaussian(rows: n, cols: 3, seed: 4), product = BLAS.gemmTransposed(a, b)
        XCTAssertEqual(product.rows, d)
        XCTAssertEqual(product.cols, 3)
        for j in 0..<d {
            for c in 0..<3 {
                let reference = (0..<n).reduce(0.0) { $0 + m[$1, j] * b[$1, c] }
                let scale = (0..<n).reduce(0.0) { $0 + abs(m[$1, j] * b[$1, c]) }
                XCTAssertEqual(product[j, c], reference, accuracy: Double(n) * 2.3e-16 * scale, "(AᵀB)_\(j),\(c)")
            }
        }
    }
}
