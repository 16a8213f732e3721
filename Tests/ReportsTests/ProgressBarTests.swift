import Foundation
import XCTest
@testable import RateLabReports

final class ProgressBarTests: XCTestCase {
    func testLineLayout() {
        let bar = ProgressBar(total: 40, label: "cells", draw: nil)
        // 12/40 of 30 cells = 9 filled.
        XCTAssertEqual(bar.line(done: 12, note: "claim-name"), "[#########.....................] 12/40 cells  claim-name")
        XCTAssertEqual(bar.line(done: 50, note: nil), "[" + String(repeating: "#", count: 30) + "] 50/40 cells")
        // Notes longer than 24 characters keep 23 and an ellipsis.
        XCTAssertEqual(bar.line(done: 0, note: String(repeating: "x", count: 30)),
                       "[" + String(repeating: ".", count: 30) + "] 0/40 cells  " + String(repeating: "x", count: 23) + "…")
        XCTAssertEqual(ProgressBar(total: 0, label: "runs", draw: nil).line(done: 0, note: ""), "[" + String(repeating: "#", count: 30) + "] 0/0 runs")
    }

    /// Advances from many threads at once: every update must be drawn exactly once and in order.
    func testConcurrentAdvancesAreSerialized() {
        final class Recorder { var draws: [String] = [] }
        let recorder = Recorder()
        let bar = ProgressBar(total: 800, label: "cells", draw: { recorder.draws.append($0) })
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<100 { bar.advance() }
        }
        bar.finish()
        XCTAssertEqual(recorder.draws.count, 801)
        let counts = recorder.draws.dropLast().map { draw -> Int in
            XCTAssertTrue(draw.hasPrefix("\r\u{1B}[2K["), draw)
            return Int(draw.split(separator: " ")[1].split(separator: "/")[0])!
        }
        XCTAssertEqual(counts, Array(1...800))
        XCTAssertEqual(recorder.draws.last, "\r\u{1B}[2K")
    }

    /// Elapsed time and ETA: 10 of 40 units in 30 s leave 30 units at 3 s each, 1:30.
    func testElapsedAndETA() {
        let bar = ProgressBar(total: 40, label: "c", draw: nil)
        XCTAssertEqual(bar.line(done: 10, note: nil, elapsed: 30), "[#######.......................] 10/40 c  0:30 elapsed, ETA 1:30")
        XCTAssertEqual(bar.line(done: 0, note: nil, elapsed: 5), "[" + String(repeating: ".", count: 30) + "] 0/40 c  0:05 elapsed")
        XCTAssertEqual(bar.line(done: 40, note: nil, elapsed: 125), "[" + String(repeating: "#", count: 30) + "] 40/40 c  2:05 elapsed")
        XCTAssertEqual(ProgressBar.clockText(3725.9), "62:05")
    }

    /// Off a terminal: one line (with a newline) at most every 5 s of the clock, and one at the end.
    func testLogModeWritesALineEveryInterval() {
        final class Recorder { var draws: [String] = [] }
        let recorder = Recorder()
        var now = 100.0
        let bar = ProgressBar(total: 6, label: "c", mode: .log(every: 5), draw: { recorder.draws.append($0) }, clock: { now })
        for time in [101.0, 104.0, 105.5, 106.0, 111.0, 111.5] {
            now = time
            bar.advance()
        }
        bar.finish()
        XCTAssertEqual(recorder.draws.map { String($0.split(separator: " ")[1]) }, ["3/6", "5/6", "6/6"])
        XCTAssert(recorder.draws.allSatisfy { $0.hasSuffix("\n") && !$0.contains("\r") }, "\(recorder.draws)")
        XCTAssert(recorder.draws[0].hasSuffix("0:05 elapsed, ETA 0:05\n"), recorder.draws[0])
    }
}
