import Foundation
import XCTest
@testable import RateLabReports

final class AtomicFileTests: XCTestCase {
    func testWritesCreatesParentsAndLeavesNoTemporaryFile() throws {
        let directory = try makeScratchDirectory("atomic-create")
        let path = directory + "/nested/deeper/out.txt"
        try AtomicFile.write("first\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory + "/nested/deeper"), ["out.txt"])
    }

    func testReplacesExistingContentCompletely() throws {
        let path = try makeScratchDirectory("atomic-replace") + "/out.csv"
        try AtomicFile.write(String(repeating: "long old content\n", count: 100), to: path)
        try AtomicFile.write(Data("new".utf8), to: path)
        // Exact bytes: a non-atomic overwrite without truncation would leave old bytes after "new".
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("new".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent), ["out.csv"])
    }

    func testPathThatIsADirectoryThrowsAndKeepsItsContent() throws {
        let directory = try makeScratchDirectory("atomic-is-directory")
        let target = directory + "/report"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try AtomicFile.write("kept", to: target + "/inside.txt")
        XCTAssertThrowsError(try AtomicFile.write("lost", to: target)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(target) && message.contains("not a regular file"), message)
        }
        XCTAssertEqual(try String(contentsOfFile: target + "/inside.txt", encoding: .utf8), "kept")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["report"], "temporary file removed")
    }

    func testParentThatIsAFileThrowsAndKeepsTheFile() throws {
        let directory = try makeScratchDirectory("atomic-parent-is-file")
        let blocker = directory + "/reports"
        try AtomicFile.write("old", to: blocker)
        XCTAssertThrowsError(try AtomicFile.write("new", to: blocker + "/summary.txt")) { error in
            XCTAssertTrue("\(error)".contains(blocker + "/summary.txt"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: blocker, encoding: .utf8), "old")
    }

    func testUnwritableDirectoryThrowsAndKeepsOldFile() throws {
        // The superuser bypasses permission bits, so this case can only be observed as another user.
        try XCTSkipIf(geteuid() == 0, "running as root: directory permissions are not enforced")
        let directory = try makeScratchDirectory("atomic-read-only")
        let path = directory + "/out.txt"
        try AtomicFile.write("old", to: path)
        XCTAssertEqual(chmod(directory, 0o555), 0)
        defer { chmod(directory, 0o755) }
        XCTAssertThrowsError(try AtomicFile.write("new", to: path)) { error in
            XCTAssertTrue("\(error)".contains("open"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old")
    }

    func testTemporariesAreExclusiveAndUnpredictable() throws {
        let directory = try makeScratchDirectory("atomic-exclusive")
        let names = Set((0..<100).map { _ in TemporaryName.make(for: directory + "/summary.txt") })
        XCTAssertEqual(names.count, 100)
        XCTAssert(names.allSatisfy { TemporaryName.owner(of: $0) == getpid() })
        XCTAssertNil(TemporaryName.owner(of: "summary.txt.tmp-12-4"))
    }

    func testLinksDevicesAndLinkedDirectoriesAreRefused() throws {
        let directory = try makeScratchDirectory("atomic-links")
        let outside = try makeScratchDirectory("atomic-outside")
        try AtomicFile.write("secret", to: outside + "/victim.txt")
        XCTAssertEqual(symlink(outside + "/victim.txt", directory + "/summary.txt"), 0)
        XCTAssertThrowsError(try AtomicFile.write("new", to: directory + "/summary.txt")) {
            XCTAssert("\($0)".contains("not a regular file"), "\($0)")
        }
        XCTAssertEqual(symlink(outside, directory + "/claim"), 0)
        XCTAssertThrowsError(try AtomicFile.write("new", to: directory + "/claim/plot.svg")) {
            XCTAssert("\($0)".contains("symbolic link"), "\($0)")
        }
        XCTAssertThrowsError(try AtomicFile.write("new", to: "/dev/null")) {
            XCTAssert("\($0)".contains("not a regular file"), "\($0)")
        }
        XCTAssertEqual(try String(contentsOfFile: outside + "/victim.txt", encoding: .utf8), "secret")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), ["victim.txt"])
    }

    func testStaleTemporariesOfDeadRunsAreRemovedOthersKept() throws {
        let directory = try makeScratchDirectory("atomic-stale")
        let dead = Int32.max - 7 // no such process
        let stale = directory + "/trajectories.csv.ratelab-tmp-\(dead)-0123456789abcdef"
        let foreign = directory + "/trajectories.csv.tmp-\(dead)-4"
        let live = directory + "/fits.csv.ratelab-tmp-1-0123456789abcdef" // pid 1 is running
        for path in [stale, foreign, live] {
            XCTAssert(FileManager.default.createFile(atPath: path, contents: Data("x".utf8),
                                                    attributes: [.modificationDate: Date(timeIntervalSince1970: 0)]))
        }
        try AtomicFile.write("new", to: directory + "/summary.txt")
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: directory)),
                       ["summary.txt", (foreign as NSString).lastPathComponent, (live as NSString).lastPathComponent])
    }
}
