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
            XCTAssertTrue(message.contains(target) && message.contains("rename"), message)
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
}
