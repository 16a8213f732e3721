import RateLab
import XCTest

final class GraphPairTests: XCTestCase {
    /// For a strongly connected kind every node reaches and is reached by every node, so all nodes are common roots;
    /// checked against the transitive-closure roots of G_R and G_Cᵀ.
    func testStandardPairsOfStronglyConnectedKindsHaveEveryNodeAsRoot() throws {
        for p in GraphReference.workerCounts {
            for kind in GraphReference.kinds {
                let pair = try GraphPair.standard(kind, workers: p, seed: 5)
                let reference = Set(GraphReference.roots(pair.pull)).intersection(GraphReference.roots(pair.push.transposed))
                XCTAssertEqual(pair.commonRoots, reference.sorted(), "\(kind) p = \(p)")
                if case .spanningTree = kind { continue }
                XCTAssertEqual(pair.commonRoots, Array(0..<p), "\(kind) p = \(p)")
            }
        }
    }

    /// The tree pair is an out-tree for pulling and the in-tree toward the same root for pushing: one common root.
    func testStandardTreePairSharesItsRoot() throws {
        let pair = try GraphPair.standard(.spanningTree(root: 3), workers: 8, seed: 0)
        XCTAssertEqual(pair.commonRoots, [3])
        XCTAssertEqual(pair.push, pair.pull.transposed)
    }

    func testDeliberatePairHasNoCommonRootAndTheDefaultInitThrows() throws {
        for p in [2, 3, 8, 16] {
            let pair = try GraphPair.withoutCommonRoot(workers: p)
            XCTAssertEqual(pair.commonRoots, [], "p = \(p)")
            XCTAssertEqual(GraphReference.roots(pair.pull), [0], "p = \(p)")
            XCTAssertEqual(GraphReference.roots(pair.push.transposed), [p - 1], "p = \(p)")
            XCTAssertThrowsError(try GraphPair(pull: pair.pull, push: pair.push)) {
                XCTAssertEqual("\($0)", "the pull graph G_R (roots that reach every node: [0]) and the push graph G_C "
                    + "(roots that every node reaches: [\(p - 1)]) on \(p) workers share no common root, so R-FAST-type "
                    + "methods cannot converge; pass allowMissingCommonRoot: true to build the pair anyway")
            }
        }
        XCTAssertThrowsError(try GraphPair.withoutCommonRoot(workers: 1))
    }

    func testMismatchedNodeCountsAreRefused() throws {
        XCTAssertThrowsError(try GraphPair(pull: Graph(nodeCount: 2, edges: []), push: Graph(nodeCount: 3, edges: []))) {
            XCTAssertTrue("\($0)".contains("pull 2, push 3"), "\($0)")
        }
    }
}
