import Foundation
import XCTest

/// The folder of golden files, found next to this source file (test resources would need Package.swift changes).
private let goldenDirectory = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden")

/// Asserts that `actual` equals the golden file `Golden/<name>` byte for byte.
///
/// With the environment variable `RATELAB_RECORD=1` the file is (re)written from `actual` instead and
/// the assertion fails with a reminder, so that a recording run is never mistaken for a passing one.
func assertGolden(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = goldenDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RATELAB_RECORD"] == "1" {
        do {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            XCTFail("recorded golden file \(url.path); run again without RATELAB_RECORD to check it", file: file, line: line)
        } catch {
            XCTFail("cannot record golden file \(url.path): \(error)", file: file, line: line)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        XCTFail("golden file \(url.path) is missing; record it with RATELAB_RECORD=1", file: file, line: line)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard actual != expected else { return }
    let actualLines = actual.components(separatedBy: "\n"), expectedLines = expected.components(separatedBy: "\n")
    let firstDifference = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    let got = firstDifference < actualLines.count ? actualLines[firstDifference] : "<end of text>"
    let want = firstDifference < expectedLines.count ? expectedLines[firstDifference] : "<end of file>"
    XCTFail("differs from golden file \(name) at line \(firstDifference + 1):\n  got:      \(got)\n  expected: \(want)",
            file: file, line: line)
}

/// A fresh empty directory under the system temporary directory, unique to this test process and `name`.
func makeScratchDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "ratelab-reports-tests-\(getpid())/\(name)"
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
