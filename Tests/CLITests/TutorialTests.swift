import Foundation
import TestSupport
import XCTest

/// docs/tutorial.md runs as written: its `# file:` YAML blocks are written into an empty directory, and
/// every line of its `sh` blocks runs there, in order, with the built `ratelab` first on PATH; each must
/// exit 0. The outputs the tutorial describes are then checked.
final class TutorialTests: XCTestCase {
    /// The fenced blocks of `markdown` as (info string, lines).
    private func blocks(_ markdown: String) -> [(info: String, lines: [String])] {
        var result = [(info: String, lines: [String])](), current: (info: String, lines: [String])?
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let block = current { result.append(block); current = nil } else { current = (String(line.dropFirst(3)), []) }
            } else if current != nil {
                current!.lines.append(line)
            }
        }
        return result
    }

    func testEveryCommandOfTheTutorialRuns() throws {
        let markdown = try String(contentsOf: CLI.root.appendingPathComponent("docs/tutorial.md"), encoding: .utf8)
        let dir = CLI.temporaryPath("tutorial")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binDir = try CLI.binary().deletingLastPathComponent().path
        var commands = 0, files = 0
        for block in blocks(markdown) {
            if block.info == "yaml", let first = block.lines.first, first.hasPrefix("# file: ") {
                try block.lines.dropFirst().joined(separator: "\n").write(toFile: "\(dir)/\(first.dropFirst(8))", atomically: true, encoding: .utf8)
                files += 1
            } else if block.info == "sh" {
                for command in block.lines where !command.isEmpty {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/sh")
                    process.arguments = ["-c", command]
                    process.currentDirectoryURL = URL(fileURLWithPath: dir)
                    var environment = ProcessInfo.processInfo.environment
                    environment["PATH"] = binDir + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
                    process.environment = environment
                    process.standardOutput = FileHandle.nullDevice
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    process.waitUntilExit()
                    XCTAssertEqual(process.terminationStatus, 0, "tutorial command failed: \(command)")
                    commands += 1
                }
            }
        }
        XCTAssertEqual(files, 2)
        XCTAssertEqual(commands, 7)
        // What the tutorial says the commands wrote.
        let summary = try String(contentsOfFile: "\(dir)/reports/summary.txt", encoding: .utf8)
        XCTAssert(summary.contains("gate: PASS (exit 0)") && summary.contains("≤ 0.9"), summary)
        for file in ["tau-figure/aggregate.csv", "tau-figure/plot.svg", "tau-figure/plot.tex", "gd-bound/fits.csv", "index.html", "junit.xml"] {
            XCTAssert(FileManager.default.fileExists(atPath: "\(dir)/reports/\(file)"), file)
        }
        let plot = try String(contentsOfFile: "\(dir)/reports/tau-figure/plot.svg", encoding: .utf8)
        XCTAssertEqual(plot.components(separatedBy: "class=\"band\"").count - 1, 2, "a band per τ")
    }
}
