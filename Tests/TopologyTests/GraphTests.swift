import RateLab
import TestSupport
import XCTest

final class GraphTests: XCTestCase {
    func testInitDropsSelfLoopsAndDuplicatesAndSortsNeighbours() {
        let g = Graph(nodeCount: 4, edges: [(3, 0), (1, 0), (1, 0), (2, 2), (0, 3)])
        XCTAssertEqual(g.inNeighbors, [[1, 3], [], [], [0]])
        XCTAssertEqual(g.outNeighbors, [[3], [0], [], [0]])
        XCTAssertEqual(g.edgeCount, 3)
        XCTAssertFalse(g.isSymmetric, "1 → 0 has no reverse")
        XCTAssertEqual(g.transposed.inNeighbors, g.outNeighbors)
        XCTAssertEqual(g.reachable(from: 1), [0, 1, 3])
        XCTAssertEqual(g.reachable(from: 2), [2])
    }

    /// Degrees of every kind for p ∈ {1, 2, 3, 8, 16}, against counts worked out by hand from the definitions.
    func testDegreesOfEveryKind() throws {
        for p in GraphReference.workerCounts {
            let ring = try Topology.build(.ring, workers: p, seed: 0)
            XCTAssertEqual(Set(ring.outNeighbors.map(\.count)), [min(2, p - 1)], "ring p = \(p)")

            let directedRing = try Topology.build(.directedRing, workers: p, seed: 0)
            XCTAssertEqual(Set(directedRing.outNeighbors.map(\.count)), [min(1, p - 1)], "directed ring p = \(p)")
            XCTAssertEqual(Set(directedRing.inNeighbors.map(\.count)), [min(1, p - 1)], "directed ring p = \(p)")

            // p = 1, 2, 3 have no proper grid and fall back to the ring; 8 = 2×4 (the two vertical
            // neighbours coincide: degree 3); 16 = 4×4 (degree 4).
            let torus = try Topology.build(.torus, workers: p, seed: 0)
            let torusDegree = [1: 0, 2: 1, 3: 2, 8: 3, 16: 4][p]!
            XCTAssertEqual(Set(torus.outNeighbors.map(\.count)), [torusDegree], "torus p = \(p)")

            let star = try Topology.build(.star, workers: p, seed: 0)
            XCTAssertEqual(star.outNeighbors[0].count, p - 1, "star centre p = \(p)")
            XCTAssertTrue(star.outNeighbors.dropFirst().allSatisfy { $0 == [0] }, "star leaves p = \(p)")

            let complete = try Topology.build(.complete, workers: p, seed: 0)
            XCTAssertEqual(Set(complete.outNeighbors.map(\.count)), [p - 1], "complete p = \(p)")

            // Distinct hops 2^k mod p, k < ⌈log2 p⌉: none for p = 1, {1} for 2, {1, 2} for 3, {1, 2, 4} for 8, {1, 2, 4, 8} for 16.
            let exponentialDegree = [1: 0, 2: 1, 3: 2, 8: 3, 16: 4][p]!
            let exponential = try Topology.build(.exponential, workers: p, seed: 0)
            XCTAssertEqual(Set(exponential.outNeighbors.map(\.count)), [exponentialDegree], "exponential p = \(p)")
            XCTAssertEqual(Set(exponential.inNeighbors.map(\.count)), [exponentialDegree], "exponential p = \(p)")
            XCTAssertEqual(try Topology.build(.onePeerExponential, workers: p, seed: 0), exponential,
                           "the union of one-peer rounds is the exponential graph, p = \(p)")

            for root in [0, p - 1] {
                let tree = try Topology.build(.spanningTree(root: root), workers: p, seed: 0)
                XCTAssertEqual(tree.edgeCount, p - 1, "tree p = \(p)")
                XCTAssertEqual(tree.inNeighbors[root], [], "the root has no parent, p = \(p)")
                for i in 0..<p where i != root { XCTAssertEqual(tree.inNeighbors[i].count, 1, "one parent, p = \(p)") }
                XCTAssertLessThanOrEqual(tree.outNeighbors.map(\.count).max()!, 2, "binary, p = \(p)")
                XCTAssertEqual(GraphReference.roots(tree), [root], "tree:\(root), p = \(p)")
            }
        }
    }

    /// Symmetry and strong connectivity of every kind, against the adjacency matrix and its transitive closure.
    func testSymmetryAndConnectivityAgainstTransitiveClosure() throws {
        for p in GraphReference.workerCounts {
            for kind in GraphReference.kinds {
                let g = try Topology.build(kind, workers: p, seed: 7)
                let a = GraphReference.adjacency(g)
                let symmetric = (0..<p).allSatisfy { i in (0..<p).allSatisfy { a[i][$0] == a[$0][i] } }
                XCTAssertEqual(g.isSymmetric, symmetric, "\(kind) p = \(p)")
                if kind.isUndirected { XCTAssertTrue(g.isSymmetric, "\(kind) p = \(p)") }
                let closure = GraphReference.closure(g)
                XCTAssertEqual(g.isStronglyConnected, closure.allSatisfy { $0.allSatisfy { $0 } }, "\(kind) p = \(p)")
                for root in 0..<p {
                    XCTAssertEqual(g.reachable(from: root), Set((0..<p).filter { closure[root][$0] }), "\(kind) p = \(p)")
                }
                if case .spanningTree = kind {
                    XCTAssertEqual(g.isStronglyConnected, p == 1, "a tree is strongly connected only for p = 1")
                } else {
                    XCTAssertTrue(g.isStronglyConnected, "\(kind) p = \(p)")
                }
            }
        }
        XCTAssertFalse(try Topology.build(.directedRing, workers: 3, seed: 0).isSymmetric)
        XCTAssertFalse(try Topology.build(.exponential, workers: 8, seed: 0).isSymmetric)
    }

    func testTorusIsTheWrapAroundGrid() throws {
        // p = 8 is 2 rows × 4 columns: node 5 = (1, 1) touches (0, 1) = 1 and (1, 0) = 4, (1, 2) = 6.
        XCTAssertEqual(try Topology.build(.torus, workers: 8, seed: 0).outNeighbors[5], [1, 4, 6])
        // p = 7 is prime: no r > 1 divides it, so the torus is the ring.
        XCTAssertEqual(try Topology.build(.torus, workers: 7, seed: 0), try Topology.build(.ring, workers: 7, seed: 0))
    }

    func testOnePeerExponentialTargetsCycleThroughPowersOfTwo() {
        // p = 8: m = 3 rounds of hops 1, 2, 4, then again 1.
        XCTAssertEqual((0..<4).map { Topology.onePeerExponentialTarget(of: 6, round: $0, workers: 8) }, [7, 0, 2, 7])
        XCTAssertEqual(Topology.onePeerExponentialTarget(of: 0, round: 5, workers: 1), 0)
    }

    func testErdosRenyiIsDeterministicPerSeedAndDenserForLargerProbability() throws {
        let a = try Topology.build(.erdosRenyi(probability: 0.3), workers: 16, seed: 11)
        XCTAssertEqual(a, try Topology.build(.erdosRenyi(probability: 0.3), workers: 16, seed: 11))
        XCTAssertNotEqual(a, try Topology.build(.erdosRenyi(probability: 0.3), workers: 16, seed: 12))
        // 120 pairs; G(16, q) has about Binomial(120, q) of them: q = 0.9 gives ≈ 108 (sd 3.3), q = 0.3 ≈ 36 (sd 5).
        // edgeCount counts both directions, ≈ 216 vs ≈ 72, so a margin of 80 is > 10 sd from either side.
        let dense = try Topology.build(.erdosRenyi(probability: 0.9), workers: 16, seed: 11)
        XCTAssertGreaterThan(dense.edgeCount, a.edgeCount + 80)
    }

    func testBuildErrors() {
        XCTAssertThrowsError(try Topology.build(.ring, workers: 0, seed: 0)) {
            XCTAssertEqual("\($0)", "invalid topology parameter workers = 0: expected at least 1 worker")
        }
        XCTAssertThrowsError(try Topology.build(.spanningTree(root: 8), workers: 8, seed: 0)) {
            XCTAssertEqual("\($0)", "invalid topology parameter tree root = 8: expected a node index in 0..<8 for 8 workers")
        }
        // q = 1e-6 on 16 nodes: P(connected) is astronomically small, so all 1000 draws fail.
        XCTAssertThrowsError(try Topology.build(.erdosRenyi(probability: 1e-6), workers: 16, seed: 0)) {
            XCTAssertTrue("\($0)".contains("disconnected graph in all 1000 draws"), "\($0)")
        }
    }
}
