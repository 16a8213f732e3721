import Foundation
import RateLab
import XCTest

/// The reproducers of issue 17 for data files and certificates: line ends, NUL bytes, hex floats,
/// oversized indices and values, non-regular files, leaked excerpts and certificates that do not certify.
final class DataHardeningTests: XCTestCase {
    private static let rows = "-1 1:1 2:0.5\n1 1:0.2 2:1\n-1 1:0.3 2:0.1\n1 1:2 2:3\n"

    /// Writes `bytes` to a fresh temporary file and returns its path.
    private func temporaryFile(_ bytes: [UInt8], suffix: String = ".svm") throws -> String {
        let path = NSTemporaryDirectory() + "ratelab-\(UUID().uuidString)\(suffix)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// Asserts that `body` throws an error whose description contains `fragment`.
    private func assertThrows<T>(_ body: @autoclosure () throws -> T, _ fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            XCTAssert("\(error)".contains(fragment), "'\(error)' does not contain '\(fragment)'", line: line)
        }
    }

    func testLineEndsAndByteOrderMarkGiveTheSameData() throws {
        let lf = try Dataset.read(path: try temporaryFile(Array(Self.rows.utf8)))
        for text in [Self.rows.replacingOccurrences(of: "\n", with: "\r\n"), Self.rows.replacingOccurrences(of: "\n", with: "\r"),
                     "\u{FEFF}" + Self.rows.replacingOccurrences(of: "\n", with: "\r\n")] {
            let other = try Dataset.read(path: try temporaryFile(Array(text.utf8)))
            XCTAssertEqual(other.features, lf.features)
            XCTAssertEqual(other.labels, lf.labels)
            XCTAssertEqual(other.lines, [1, 2, 3, 4])
        }
        let csv = try CSVTable.read(path: try temporaryFile(Array("\u{FEFF}iteration,gap\r\n0,1\r\n1,0.5\r\n".utf8), suffix: ".csv"))
        XCTAssertEqual(csv.header, ["iteration", "gap"])
        XCTAssertEqual(csv.rows, [[0, 1], [1, 0.5]])
        XCTAssertEqual(try CSVTable.parse(text: "x,y\r0,1\r2,3\r", source: "cr.csv").rows, [[0, 1], [2, 3]])
    }

    func testNULByteIsRefusedWithItsLine() throws {
        assertThrows(try Dataset.read(path: try temporaryFile(Array("1 1:2\n-1 1:1\0junk 2:0.2\n".utf8))), ":2: NUL byte")
        assertThrows(try CSVTable.parse(text: "x,y\n0,1\0\n", source: "n.csv"), "n.csv:2: NUL byte")
    }

    func testHexFloatsNanAndInfAreNotNumbers() {
        for token in ["0x1p-2", "0X10", "nan", "inf", "-infinity"] {
            assertThrows(try Dataset.parse(text: "1 1:\(token)\n", source: "h.svm"), "is not a number, expected a decimal number")
        }
        assertThrows(try Dataset.parse(text: "1 1:1e400\n", source: "h.svm"), "is not finite")
    }

    func testIndicesValuesAndSizesAreBoundedBeforeAllocating() {
        for index in ["1000000000000", "9223372036854775807", "100000000", "\(ProblemLimits.maxDimension + 1)"] {
            assertThrows(try Dataset.parse(text: "1 \(index):1\n-1 1:1\n", source: "i.svm"), "limit on the dimension")
        }
        assertThrows(try Dataset.parse(text: "1 1:1e100\n", source: "v.svm"), "v.svm:1: '1e100' exceeds 1e+12 in magnitude")
        assertThrows(try Dataset.parse(text: "1e308 1:1\n", source: "v.svm"), "v.svm:1: '1e308' exceeds")
        assertThrows(try Dataset.parse(text: "1 1:1.7976931348623157e308\n", source: "v.svm"), "exceeds")
        XCTAssertNoThrow(try Dataset.parse(text: "1 \(ProblemLimits.maxDimension):1\n", source: "ok.svm"))
        for spec in [ProblemSpec(name: "quadratic", dimension: Int.max), ProblemSpec(name: "quadratic", dimension: 100_000),
                     ProblemSpec(name: "quadratic", workers: Int.max), ProblemSpec(name: "quadratic", workers: 2_147_483_648),
                     ProblemSpec(name: "least-squares", dimension: 2_000, samplesPerWorker: 1_000_000, workers: 4_096)] {
            assertThrows(try ProblemFactory.make(spec), "is invalid, expected")
        }
    }

    func testErrorsQuoteAShortSanitisedExcerpt() throws {
        let secret = "SECRET-TOKEN-123-" + String(repeating: "x", count: 100) + "\u{1B}[31m"
        XCTAssertThrowsError(try Dataset.read(path: try temporaryFile(Array("\(secret) more\n".utf8)))) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("'SECRET-TOKEN-123-xxx…'"), message)
            XCTAssertFalse(message.contains("xxxx"), message)
        }
        XCTAssertEqual(Excerpt.of("a\u{1B}b\u{0}c"), "a?b?c")
    }

    func testNonRegularFilesAreRefusedClearly() throws {
        assertThrows(try Dataset.read(path: "/dev/null"), "/dev/null: cannot read the file: not a regular file")
        let fifo = NSTemporaryDirectory() + "ratelab-fifo-\(UUID().uuidString)"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        assertThrows(try Dataset.read(path: fifo), "not a regular file")
        assertThrows(try CSVTable.read(path: fifo), "not a regular file")
        assertThrows(try Dataset.read(path: NSTemporaryDirectory()), "not a regular file")
    }

    func testIllConditionedDataIsRefusedQuickly() throws {
        // A fuzz input that took 20 s before failing its cross-check: one feature at 10¹².
        let rows = (1...12).map { k in "\(k % 2 == 0 ? 1 : -1) 1:\(Double(k) / 10) 2:\(k == 5 ? "1e12" : "0.5")" }
        let path = try temporaryFile(Array((rows.joined(separator: "\n") + "\n").utf8))
        let start = Date()
        assertThrows(try Optimum.certify(try ProblemFactory.make(ProblemSpec(name: "logistic", dataPath: path, lambda: 1e-2))),
                     "\(path): the optimum is not certified: condition number L/μ")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func testCertificatesThatDoNotCertifyAreErrorsNamingTheData() throws {
        let good = try Optimum.certify(try ProblemFactory.make(ProblemSpec(name: "quadratic")))
        XCTAssertNoThrow(try good.validate(source: "q"))
        var broken = good
        broken.fStar = .nan
        assertThrows(try broken.validate(source: "data/x.svm"), "data/x.svm: the optimum is not certified: f* = nan is not finite")
        broken = good
        broken.xStar[1] = .infinity
        assertThrows(try broken.validate(source: "s"), "x*[2] = inf is not finite")
        broken = good
        broken.scaledGradNorm = 1e-2
        assertThrows(try broken.validate(source: "s"), "scaled ‖∇f(x*)‖")
        broken = good
        broken.crossCheckDifference = 1
        assertThrows(try broken.validate(source: "s"), "differ by 1.0")
    }
}
