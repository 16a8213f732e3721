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
}
