import Foundation
import TestSupport
import XCTest

/// The README is the first thing a newcomer reads: every repository path it names must exist.
final class ReadmeTests: XCTestCase {
    /// Paths the README names: words with a "/" or a file extension that start with a top-level
    /// directory or file of the repository (`Sources/…`, `proofs-numeric/…`, `.github/…`, `Makefile`).
    func testEveryPathTheReadmeNamesExists() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let roots = ["Sources/", "Tests/", "proofs-numeric/", "data/", "scripts/", "benchmarks/", ".github/", ".ci/", "reports/README.md", "Examples/", "docs/"]
        var named = Set<String>()
        for word in readme.split(whereSeparator: { " \n`(),;:*".contains($0) }) {
            var path = String(word)
            while let last = path.last, ".'\"".contains(last) { path.removeLast() }
            if roots.contains(where: { path.hasPrefix($0) }), !path.contains("<"), !path.contains("…") { named.insert(path) }
        }
        XCTAssertGreaterThan(named.count, 10, "\(named.sorted())")
        let missing = named.filter { !FileManager.default.fileExists(atPath: CLI.root.appendingPathComponent($0).path) }
        XCTAssertEqual(missing.sorted(), [], "README names files that do not exist")
    }
}
