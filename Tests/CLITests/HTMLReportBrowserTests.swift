import Foundation
import TestSupport
import XCTest

/// The HTML report in a real browser: headless Chromium from Debian (`scripts/install-test-deps.sh`,
/// run by `make test`) loads reports/index.html from the file system. The page must raise no errors,
/// show every claim's plots, and its screenshot is saved into the reports.
final class HTMLReportBrowserTests: XCTestCase {
    /// `chromium-headless-shell` or `chromium` on PATH, else nil.
    private func chromium() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium-headless-shell", "chromium"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// Runs the browser on `url` with `arguments`; returns (stdout, stderr).
    private func browse(_ browser: String, _ arguments: [String], _ url: String) throws -> (String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"] + arguments + [url]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe cannot block the browser.
        var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(10_000) }
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    func testReportLoadsWithoutErrorsAndShowsEveryPlot() throws {
        guard let browser = chromium() else {
            throw XCTSkip("no headless Chromium on PATH: run scripts/install-test-deps.sh (apt package chromium-headless-shell or chromium)")
        }
        let dir = CLI.temporaryPath("html-report")
        let claims = "\(dir)/claims", reports = "\(dir)/reports"
        try FileManager.default.createDirectory(atPath: claims, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ClaimFixtures.gdRate.write(toFile: "\(claims)/gd-rate.yaml", atomically: true, encoding: .utf8)
        let figure = """
        title: Local SGD, figure only
        source: test
        statement: the gap for two periods
        problem: {name: quadratic, dimension: 5, kappa: 10, noise: 0.5, workers: 2}
        run: {algorithm: local-sgd, steps: 40, lr: 0.05, batch: 1, every: 10}
        sweep: {run.tau: [1, 4]}
        seeds: 3
        """
        try figure.write(toFile: "\(claims)/figure.yaml", atomically: true, encoding: .utf8)
        try "kind,noise,phi,n,replications,covered,coverage,coverage_low,coverage_high,mean_width,failures\n\"geometric, AR(1)\",gaussian,0.5,40,200,189,0.945,0.904,0.972,0.01,0\n"
            .write(toFile: "\(reports)/calibration.csv", atomically: true, encoding: .utf8)

        let check = try CLI.run(["check", claims, "--reports", reports, "--threads", "2"])
        XCTAssertEqual(check.status, 0, check.stderr)
        let page = try String(contentsOfFile: "\(reports)/index.html", encoding: .utf8)
        XCTAssert(page.contains("id=\"claim-gd-rate\"") && page.contains("id=\"claim-figure\""))
        XCTAssert(page.contains("<td>geometric, AR(1)</td>"), "the calibration table, quoted field kept whole")
        let plotCount = try ["gd-rate", "figure"].map { claim in
            try FileManager.default.contentsOfDirectory(atPath: "\(reports)/\(claim)").filter { $0.hasSuffix(".svg") }.count
        }
        XCTAssert(plotCount.allSatisfy { $0 >= 1 }, "every claim writes a plot: \(plotCount)")

        let url = URL(fileURLWithPath: "\(reports)/index.html").absoluteString
        let (dom, log) = try browse(browser, ["--dump-dom"], url)
        let body = try XCTUnwrap(dom.firstMatch(of: #/<body data-plots="(\d+)/(\d+)" data-errors="(\d+)">/#), "the page's self-check ran:\n\(dom.prefix(400))")
        let total = plotCount.reduce(0, +)
        XCTAssertEqual(Int(body.2), total, "every plot file is on the page")
        XCTAssertEqual(Int(body.1), total, "every plot image loaded")
        XCTAssertEqual(Int(body.3), 0, "no script error, failed resource or console.error")
        let consoleErrors = log.split(separator: "\n").filter { $0.contains("CONSOLE") && ($0.contains("Uncaught") || $0.contains("Error")) }
        XCTAssertEqual(consoleErrors, [], "console errors")

        // The screenshot, into the test's reports and into the repository's reports/ (an artifact of `make test`).
        let shot = "\(reports)/index.png"
        _ = try browse(browser, ["--screenshot=\(shot)", "--window-size=1280,2400", "--hide-scrollbars"], url)
        let png = try XCTUnwrap(FileManager.default.contents(atPath: shot), "screenshot written")
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        let kept = CLI.root.appendingPathComponent("reports/html-report-test.png").path
        try? FileManager.default.removeItem(atPath: kept)
        try FileManager.default.copyItem(atPath: shot, toPath: kept)
    }
}
