import XCTest
import RateLabLinalg
import TestSupport

final class LinalgTests: XCTestCase {
    /// A = Q diag(λ) Qᵀ with a random orthogonal Q has exactly the eigenvalues λ.
    /// Tolerance 1e-12 relative to λ_max: dsyevd is backward stable, error ≈ n·ε·‖A‖.
    func testSymmetricEigenRecoversPrescribedSpectrum() throws {
        var rng = RandomStream(seed: 7)
        let n = 12
        let lambda = (0..<n).map { 0.5 + Double($0) * 1.5 }
        let q = try Orthogonal.random(n, using: &rng)
        let a = q * Matrix.diagonal(lambda) * q.transposed
        let eig = try SymmetricEigen(a, vectors: true)
        for (got, want) in zip(eig.values, lambda) { assertClose(got, want, rtol: 1e-12, scale: lambda.last!) }
        // A v = λ v for every returned pair.
        let v = eig.vectors!
        for j in 0..<n {
            let col = v.column(j)
            let av = a * col
            XCTAssertLessThan(maxAbsDifference(av, col.map { $0 * eig.values[j] }), 1e-11)
        }
    }

    /// QᵀQ = I to rounding and the sign convention diag(R) > 0 makes Q unique.
    func testRandomOrthogonalIsOrthogonal() throws {
        var rng = RandomStream(seed: 3)
        let q = try Orthogonal.random(20, using: &rng)
        XCTAssertLessThan((q.transposed * q).maxAbsDifference(.identity(20)), 1e-13)
        // QR of Q itself returns Q (R = I).
        XCTAssertLessThan(try Orthogonal.qFactor(q).maxAbsDifference(q), 1e-13)
    }

    /// Cholesky solve against a residual check ‖Ax − b‖ / ‖b‖ ≤ 1e-12 (κ(A) ≈ 10 here).
    /// diag(s)·A row by row equals the dgemm product with the diagonal matrix (each entry is one
    /// product s_k·a_kj either way, so they agree exactly); a row range keeps those rows only.
    func testRowsScaledIsDiagonalTimesA() {
        var rng = RandomStream(seed: 3, stream: 0, purpose: .data)
        let a = Matrix(rows: 5, cols: 3, storage: (0..<15).map { _ in rng.nextGaussian() })
        let s = [2.0, -0.5, 0, 3, 1e-3]
        let rows = AlignedRows(a)
        XCTAssertEqual(rows.rowsScaled(by: s), BLAS.gemm(Matrix.diagonal(s), a))
        let middle = rows.rowsScaled(by: s, rows: 1..<3)
        XCTAssertEqual(middle.rows, 2)
        XCTAssertEqual(middle.row(0), a.row(1).map { -0.5 * $0 })
        XCTAssertEqual(middle.row(1), [0, 0, 0])
    }

    func testCholeskySolve() throws {
        let a = Matrix([[4, 1, 0], [1, 3, 1], [0, 1, 2]])
        let b = [1.0, 2.0, 3.0]
        let x = try Cholesky.solve(a, b)
        XCTAssertLessThan(maxAbsDifference(a * x, b), 1e-12)
    }

    /// A matrix that is not positive definite gives an error naming dposv and the minor.
    func testCholeskyFailureNamesRoutine() {
        let a = Matrix([[1, 2], [2, 1]])
        XCTAssertThrowsError(try Cholesky.solve(a, [1, 1])) { error in
            guard case let LinalgError.lapack(routine, info, meaning) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(routine, "dposv")
            XCTAssertEqual(info, 2)
            XCTAssertTrue(meaning.contains("not positive definite"))
        }
    }

    /// Under-determined consistent system: dgelsd's minimum-norm solution equals Aᵀ(AAᵀ)⁻¹b.
    func testMinimumNormLeastSquares() throws {
        var rng = RandomStream(seed: 11)
        let n = 5, d = 9
        var a = Matrix(rows: n, cols: d)
        for k in 0..<(n * d) { a.storage[k] = rng.nextGaussian() }
        let b = (0..<n).map { _ in rng.nextGaussian() }
        let sol = try LeastSquaresSolution(a, b)
        XCTAssertEqual(sol.rank, n)
        let y = try Cholesky.solve(a * a.transposed, b)
        let reference = BLAS.gemv(a, y, transpose: true)
        XCTAssertLessThan(maxAbsDifference(sol.x, reference), 1e-12)
        XCTAssertLessThan(maxAbsDifference(a * sol.x, b), 1e-12)
    }

    /// Rank-deficient: two equal columns; the min-norm solution splits the weight equally.
    func testRankDeficientLeastSquares() throws {
        let a = Matrix([[1, 1], [2, 2], [3, 3]])
        let sol = try LeastSquaresSolution(a, [2, 4, 6])
        XCTAssertEqual(sol.rank, 1)
        XCTAssertLessThan(maxAbsDifference(sol.x, [1, 1]), 1e-13)
    }

    func testShapeMismatchThrows() {
        XCTAssertThrowsError(try Cholesky.solve(Matrix([[1, 0], [0, 1]]), [1, 2, 3]))
        XCTAssertThrowsError(try SymmetricEigen(Matrix(rows: 2, cols: 3)))
    }

    /// Same (seed, stream, purpose) → same draws; different stream → different draws.
    func testRandomStreamsAreCounterBased() {
        var a = RandomStream(seed: 42, stream: 3, purpose: .sampling)
        var b = RandomStream(seed: 42, stream: 3, purpose: .sampling)
        var c = RandomStream(seed: 42, stream: 4, purpose: .sampling)
        let xa = (0..<100).map { _ in a.next() }
        XCTAssertEqual(xa, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(xa, (0..<100).map { _ in c.next() })
    }

    /// Moments of the Gaussian and exponential draws: mean within 5 standard errors (n = 200000).
    func testDistributionMoments() {
        var rng = RandomStream(seed: 1)
        let n = 200_000
        var s = 0.0, s2 = 0.0, e = 0.0
        for _ in 0..<n { let z = rng.nextGaussian(); s += z; s2 += z * z; e += rng.nextExponential(mean: 2) }
        let se = 1 / Double(n).squareRoot()
        XCTAssertLessThan(abs(s / Double(n)), 5 * se)
        XCTAssertLessThan(abs(s2 / Double(n) - 1), 5 * se * 2.0.squareRoot())
        XCTAssertLessThan(abs(e / Double(n) - 2), 5 * 2 * se)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[rng.nextIndex(7)] += 1 }
        XCTAssertTrue(counts.allSatisfy { abs($0 - 10_000) < 500 }, "\(counts)")
    }
}
