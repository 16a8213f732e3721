import Foundation
import RateLab
import XCTest

final class TopologyKindTests: XCTestCase {
    func testParsingEveryName() throws {
        let expected: [String: TopologyKind] = [
            "ring": .ring, "directed-ring": .directedRing, "torus": .torus, "star": .star, "complete": .complete,
            "exponential": .exponential, "one-peer-exponential": .onePeerExponential,
            "erdos-renyi": .erdosRenyi(probability: 0.3), "erdos-renyi:0.2": .erdosRenyi(probability: 0.2),
            "tree": .spanningTree(root: 0), "tree:3": .spanningTree(root: 3), "  Directed-Ring ": .directedRing,
        ]
        for (text, kind) in expected { XCTAssertEqual(try TopologyKind(parsing: text), kind, text) }
    }

    func testDescriptionRoundTripsAndCodableUsesTheString() throws {
        for kind in GraphReference.kinds + [.spanningTree(root: 5), .erdosRenyi(probability: 0.125)] {
            XCTAssertEqual(try TopologyKind(parsing: kind.description), kind)
            let json = try JSONEncoder().encode([kind])
            XCTAssertEqual(String(decoding: json, as: UTF8.self), "[\"\(kind.description)\"]")
            XCTAssertEqual(try JSONDecoder().decode([TopologyKind].self, from: json), [kind])
        }
        XCTAssertThrowsError(try JSONDecoder().decode([TopologyKind].self, from: Data("[\"mesh\"]".utf8)))
    }

    func testParseErrorsNameTheProblem() {
        XCTAssertThrowsError(try TopologyKind(parsing: "mesh")) {
            XCTAssertEqual("\($0)", "unknown topology 'mesh': expected one of ring, directed-ring, torus, star, complete, "
                + "exponential, one-peer-exponential, erdos-renyi[:q], tree[:root]")
        }
        XCTAssertThrowsError(try TopologyKind(parsing: "erdos-renyi:1.5")) {
            XCTAssertEqual("\($0)", "invalid topology parameter erdos-renyi edge probability = '1.5' in 'erdos-renyi:1.5': "
                + "expected a number q with 0 < q ≤ 1, e.g. erdos-renyi:0.2")
        }
        XCTAssertThrowsError(try TopologyKind(parsing: "tree:x")) {
            XCTAssertTrue("\($0)".contains("tree root = 'x'"), "\($0)")
        }
        XCTAssertThrowsError(try TopologyKind(parsing: "ring:3")) {
            XCTAssertTrue("\($0)".hasPrefix("unknown topology 'ring:3'"), "\($0)")
        }
        XCTAssertEqual(TopologyKind.catalog.count, 9, "one entry per case")
    }
}
