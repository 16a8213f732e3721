import RateLab
// Checkpoint and RunResult have no public initialisers (the simulator makes them).
@testable import RateLabAlgorithms
import XCTest

final class TrajectoryCSVTests: XCTestCase {
    /// A checkpoint whose every field is distinct and derived from `k`, with values that are not
    /// short decimals (so round-tripping is a real test of the number format).
    private func checkpoint(_ k: Int) -> Checkpoint {
        let x = Double(k)
        return Checkpoint(iteration: 10 * k, simTime: x / 3, gradEvals: 40 * k, rounds: k, messages: 8 * k, dropped: k / 2,
                          bytes: 256 * k, gap: 1 / (x + 7), gradNormSq: 1e-300 * (x + 1), distSq: .pi * x, consensus: -0.0)
    }

    private func parse(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testHeaderRowsAndValuesRoundTrip() {
        let completed = RunResult(checkpoints: (0..<4).map(checkpoint), status: .completed, periods: [], finalAverage: [])
        let diverged = RunResult(checkpoints: (0..<2).map(checkpoint), status: .diverged(iteration: 10, reason: "non-finite"),
                                 periods: [], finalAverage: [])
        let document = TrajectoryCSV.document(labelColumns: ["algorithm", "seed"],
                                              runs: [(["rfast", 1], completed), (["dpsgd", 2], diverged)])
        let lines = parse(document.text)
        XCTAssertEqual(lines[0], ["algorithm", "seed"] + TrajectoryCSV.metricColumns + ["status"])
        XCTAssertEqual(lines.count - 1, 4 + 2, "one row per checkpoint of each run")
        let expected = (0..<4).map(checkpoint) + (0..<2).map(checkpoint)
        for (row, c) in zip(lines.dropFirst(), expected) {
            XCTAssertEqual(row.count, 2 + 11 + 1)
            XCTAssertEqual(Int(row[2]), c.iteration)
            XCTAssertEqual(row[4...8].map { Int($0)! }, [c.gradEvals, c.rounds, c.messages, c.dropped, c.bytes])
            // Exact equality: the CSV writes the shortest decimal that parses back to the same Double.
            XCTAssertEqual(Double(row[3])!.bitPattern, c.simTime.bitPattern)
            XCTAssertEqual(Double(row[9]), c.gap)
            XCTAssertEqual(Double(row[10]), c.gradNormSq)
            XCTAssertEqual(Double(row[11]), c.distSq)
            XCTAssertEqual(Double(row[12])!.bitPattern, c.consensus.bitPattern, "−0.0 keeps its sign")
        }
        XCTAssertEqual(lines[1...4].map { [$0[0], $0[1], $0[13]] }, Array(repeating: ["rfast", "1", "completed"], count: 4))
        XCTAssertEqual(lines[5...6].map { [$0[0], $0[1], $0[13]] }, Array(repeating: ["dpsgd", "2", "diverged"], count: 2))
    }
}
