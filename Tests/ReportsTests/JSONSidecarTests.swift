import Foundation
import XCTest
@testable import RateLabReports

final class JSONSidecarTests: XCTestCase {
    private struct RunMetadata: Codable, Equatable {
        var seed: Int
        var stepSize: Double
        var commit: String
        var topology: [String: Int]
    }

    func testSortedPrettyAndRoundTrips() throws {
        let metadata = RunMetadata(seed: 42, stepSize: 0.1, commit: "abc/def", topology: ["workers": 8, "degree": 2])
        let text = try JSONSidecar.encode(metadata)
        // Keys sorted at every level, one member per line, slashes not escaped, trailing newline.
        let keyOrder = ["\"commit\"", "\"seed\"", "\"stepSize\"", "\"topology\"", "\"degree\"", "\"workers\""]
        let positions = keyOrder.map { text.range(of: $0)!.lowerBound }
        XCTAssertEqual(positions, positions.sorted(), text)
        XCTAssertTrue(text.contains("abc/def"))
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertEqual(text.split(separator: "\n").count, 9)
        XCTAssertEqual(try JSONDecoder().decode(RunMetadata.self, from: Data(text.utf8)), metadata)
    }

    func testJSONValueWithNonFiniteNumbersAndDeterminism() throws {
        let value: JSONValue = ["b": [1, 2.5, "x", true, .null], "a": .number(.nan), "c": .number(-.infinity)]
        let text = try JSONSidecar.encode(value)
        XCTAssertTrue(text.contains("\"nan\"") && text.contains("\"-inf\""), text)
        XCTAssertLessThan(text.range(of: "\"a\"")!.lowerBound, text.range(of: "\"b\"")!.lowerBound)
        XCTAssertEqual(try JSONSidecar.encode(value), text, "same value, same bytes")
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        XCTAssertEqual(decoded, ["b": [1, 2.5, "x", true, .null], "a": "nan", "c": "-inf"])
    }

    func testWriteStoresTheEncoding() throws {
        let path = try makeScratchDirectory("json-write") + "/meta.json"
        let value: JSONValue = ["seed": 7]
        try JSONSidecar.write(value, to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data(try JSONSidecar.encode(value).utf8))
    }
}
