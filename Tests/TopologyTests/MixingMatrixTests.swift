import Foundation
import RateLab
import TestSupport
import XCTest

final class MixingMatrixTests: XCTestCase {
    /// Stochasticity as claimed for every kind and p ∈ {1, 2, 3, 8, 16}. Tolerance 1e-14: each sum adds ≤ 16
    /// rationals in [0, 1], each rounded once, so the error is ≤ 16·2⁻⁵³ ≈ 1.8e-15.
    func testEveryMixingMatrixIsStochasticAsClaimed() throws {
        for p in GraphReference.workerCounts {
            for kind in GraphReference.kinds {
                let g = try Topology.build(kind, workers: p, seed: 3)
                let r = MixingMatrix.rowStochastic(g)
                XCTAssertTrue(r.isRowStochastic(tolerance: 1e-14), "R \(kind) p = \(p)")
                let c = MixingMatrix.columnStochastic(g)
                XCTAssertTrue(c.isColumnStochastic(tolerance: 1e-14), "C \(kind) p = \(p)")
                for m in [r, c] {
                    assertSparseMatchesDense(m)
                    XCTAssertTrue((0..<p).allSatisfy { m.matrix[$0, $0] > 0 }, "positive diagonal \(kind) p = \(p)")
                }
                if kind.isUndirected {
                    let w = try MixingMatrix.metropolisHastings(g)
                    XCTAssertTrue(w.isSymmetric, "MH \(kind) p = \(p)")
                    XCTAssertTrue(w.isRowStochastic(tolerance: 1e-14) && w.isColumnStochastic(tolerance: 1e-14),
                                  "MH doubly stochastic \(kind) p = \(p)")
                    assertSparseMatchesDense(w)
                }
            }
            let u = MixingMatrix.uniform(p)
            XCTAssertTrue(u.isRowStochastic(tolerance: 1e-14) && u.isColumnStochastic(tolerance: 1e-14) && u.isSymmetric)
        }
    }

    func testWeightsFollowTheirFormulas() throws {
        // Star on 4 nodes: deg 0 = 3, leaves deg 1, so MH gives W_0j = 1/(1 + 3) and W_jj = 3/4.
        let w = try MixingMatrix.metropolisHastings(try Topology.build(.star, workers: 4, seed: 0))
        XCTAssertEqual(w.rows[0], [0.25, 0.25, 0.25, 0.25].enumerated().map { MixingWeight(j: $0, w: $1) })
        XCTAssertEqual(w.rows[2], [MixingWeight(j: 0, w: 0.25), MixingWeight(j: 2, w: 0.75)])
        // Directed ring 0 → 1 → 2 → 0: node 1 pulls from {0, 1} with 1/2 each; node 0 pushes to {0, 1} with 1/2 each.
        let ring = try Topology.build(.directedRing, workers: 3, seed: 0)
        XCTAssertEqual(MixingMatrix.rowStochastic(ring).rows[1], [MixingWeight(j: 0, w: 0.5), MixingWeight(j: 1, w: 0.5)])
        XCTAssertEqual(MixingMatrix.columnStochastic(ring).columns[0], [MixingWeight(j: 0, w: 0.5), MixingWeight(j: 1, w: 0.5)])
    }

    func testMetropolisHastingsRefusesDirectedGraphs() throws {
        XCTAssertThrowsError(try MixingMatrix.metropolisHastings(try Topology.build(.directedRing, workers: 3, seed: 0))) {
            XCTAssertEqual("\($0)", "Metropolis–Hastings weights needs an undirected (symmetric) graph, "
                + "but edge 0 → 1 has no reverse edge 1 → 0")
        }
    }

    /// MH on a ring is W = (1/3)(I + S + Sᵀ) with eigenvalues 1/3 + (2/3)cos(2πk/p); the gap is 1 − max_{k≠0} |λ_k|.
    /// Tolerance 1e-12: dsyevd is backward stable, eigenvalue errors ≈ p·ε·‖W‖ ≈ 4e-15 for p = 16.
    func testRingMetropolisHastingsGapMatchesClosedForm() throws {
        for p in [3, 8, 16] {
            let w = try MixingMatrix.metropolisHastings(try Topology.build(.ring, workers: p, seed: 0))
            let secondModulus = (1..<p).map { abs(1.0 / 3 + 2.0 / 3 * cos(2 * Double.pi * Double($0) / Double(p))) }.max()!
            assertClose(try w.spectralGap(), 1 - secondModulus, rtol: 1e-12, "p = \(p)")
        }
    }

    /// The pull matrix of the directed ring is R = (I + S)/2 with eigenvalues (1 + e^(2πik/p))/2, moduli |cos(πk/p)|;
    /// the second largest is cos(π/p). This exercises the non-symmetric (dgeev) path; tolerance 1e-12 as above
    /// (R is normal, so its eigenvalues are as well conditioned as a symmetric matrix's).
    func testDirectedRingPullGapMatchesClosedForm() throws {
        for p in [3, 8, 16] {
            let r = MixingMatrix.rowStochastic(try Topology.build(.directedRing, workers: p, seed: 0))
            XCTAssertFalse(r.isSymmetric)
            assertClose(try r.spectralGap(), 1 - cos(Double.pi / Double(p)), rtol: 1e-12, "p = \(p)")
        }
    }

    /// Uniform averaging has eigenvalues 1 and 0 (p − 1 times): gap 1. Absolute tolerance 1e-14 for the computed zeros.
    func testUniformGapIsOne() throws {
        for p in GraphReference.workerCounts {
            assertClose(try MixingMatrix.uniform(p).spectralGap(), 1, rtol: 1e-14, "p = \(p)")
        }
    }

    /// A disconnected pair of nodes: W = I, eigenvalue 1 twice, gap 0 (to 1e-15: an identity's eigenvalues are
    /// computed with at most a few ulps of error).
    func testDisconnectedGraphHasZeroGap() throws {
        let w = try MixingMatrix.metropolisHastings(Graph(nodeCount: 2, edges: []))
        XCTAssertEqual(try w.spectralGap(), 0, accuracy: 1e-15)
    }

    private func assertSparseMatchesDense(_ m: MixingMatrix, file: StaticString = #filePath, line: UInt = #line) {
        let p = m.nodeCount
        for i in 0..<p {
            let fromRow = Dictionary(uniqueKeysWithValues: m.rows[i].map { ($0.j, $0.w) })
            for j in 0..<p {
                XCTAssertEqual(fromRow[j] ?? 0, m.matrix[i, j], file: file, line: line)
                XCTAssertEqual(m.columns[j].first { $0.j == i }?.w ?? 0, m.matrix[i, j], file: file, line: line)
            }
            XCTAssertEqual(m.rows[i].map(\.j), m.rows[i].map(\.j).sorted(), file: file, line: line)
            XCTAssertTrue(m.rows[i].allSatisfy { $0.w != 0 } && m.columns[i].allSatisfy { $0.w != 0 }, file: file, line: line)
        }
    }
}
