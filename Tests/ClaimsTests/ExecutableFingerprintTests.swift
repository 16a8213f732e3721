import Foundation
@testable import RateLabClaims
import XCTest

/// The cache keys' fingerprint of the build is the executable's GNU build ID, read from memory: it must
/// equal what binutils' `readelf -n` reads from the file (an independent ELF parser).
final class ExecutableFingerprintTests: XCTestCase {
    func testBuildIDMatchesReadelf() throws {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        guard let readelf = ["/usr/bin/readelf", "/bin/readelf"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("readelf (binutils) is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: readelf)
        process.arguments = ["-n", executable]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // readelf prints "    Build ID: 67f315cd…" under the NT_GNU_BUILD_ID note.
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.contains("Build ID:") }, "no build-id note in \(executable)")
        let expected = line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)
        XCTAssertEqual(RateLabVersion.executableBuildID, expected)
        XCTAssertEqual(RateLabVersion.executableFingerprint, "build-id:" + expected)
        XCTAssertGreaterThanOrEqual(expected.count, 16, "a build ID of at least 8 bytes (gold and lld: 20-byte SHA-1 by default)")
    }
}
