import Foundation
import RateLabLinalg
import XCTest
@testable import RateLabReports

final class CSVDocumentTests: XCTestCase {
    /// A document exercising quoting (comma, quote, newline, empty text), integers, missing cells
    /// and the number spellings (shortest round-trip, signed zero, subnormal, non-finite).
    private func sampleDocument() throws -> CSVDocument {
        var document = CSVDocument(columns: ["claim", "seed", "iteration", "gap", "note"])
        try document.append(["logistic, ring", 1, 0, 0.1, .missing])
        try document.append([.text("say \"hi\""), 2, 10, .number(1.0 / 3.0), "two\nlines"])
        try document.append([.text(""), -3, 20, 1e-300, "plain"])
        try document.append(["zero", 4, 30, .number(-0.0), .text("crlf\r\nend")])
        try document.append(["specials", 5, 40, .number(.nan), .number(.infinity)])
        try document.append(["more", 6, 50, .number(-.infinity), .number(.leastNonzeroMagnitude)])
        try document.append(["large", 7, 60, 1e16, 123456789.0])
        return document
    }

    func testMatchesGoldenFile() throws {
        assertGolden(try sampleDocument().text, named: "sample.csv")
    }

    func testFieldsParseBackToTheCells() throws {
        let document = try sampleDocument()
        let parsed = try parseCSV(document.text)
        XCTAssertEqual(parsed.first, document.columns)
        XCTAssertEqual(parsed.count, document.rows.count + 1)
        for (row, cells) in zip(parsed.dropFirst(), document.rows) {
            for (field, cell) in zip(row, cells) {
                switch cell {
                case let .text(text): XCTAssertEqual(field, text)
                case let .integer(value): XCTAssertEqual(Int(field), value)
                case .missing: XCTAssertEqual(field, "")
                case let .number(value) where value.isNaN: XCTAssertTrue(Double(field)?.isNaN == true, field)
                case let .number(value): XCTAssertEqual(Double(field)?.bitPattern, value.bitPattern, field)
                }
            }
        }
    }

    func testNumbersRoundTripBitForBit() throws {
        var stream = RandomStream(seed: 17, purpose: .data)
        // Random bit patterns cover every exponent, subnormals and both zeros; NaN payloads are not kept
        // (every NaN is written "nan"), so NaNs are excluded here and checked in testFieldsParseBackToTheCells.
        let randomValues = (0..<2000).map { _ in Double(bitPattern: stream.next()) }.filter { !$0.isNaN }
        let named: [Double] = [0.1, 1.0 / 3.0, 1e-300, -0.0, 0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                               .leastNormalMagnitude, 2.0 / 3.0, 1e23, -1.5e-7, .infinity, -.infinity]
        var document = CSVDocument(columns: ["value"])
        for value in named + randomValues { try document.append([.number(value)]) }
        let fields = try parseCSV(document.text).dropFirst().map { $0[0] }
        for (field, value) in zip(fields, named + randomValues) {
            XCTAssertEqual(Double(field)?.bitPattern, value.bitPattern, "\(field) should parse back to \(value)")
        }
    }

    func testShortestSpelling() {
        // Shortest round-trip text, not %.17g: 0.1 must not become 0.10000000000000001.
        XCTAssertEqual(CSVValue.number(0.1).field, "0.1")
        XCTAssertEqual(CSVValue.number(-0.0).field, "-0.0")
        XCTAssertEqual(CSVValue.number(-.nan).field, "nan")
        XCTAssertEqual(CSVValue.number(.signalingNaN).field, "nan")
    }

    func testRowOfWrongWidthThrowsAndIsNotAdded() throws {
        var document = CSVDocument(columns: ["a", "b"])
        try document.append([1, 2])
        XCTAssertThrowsError(try document.append([1, 2, 3])) { error in
            XCTAssertEqual("\(error)", "CSV row 2: expected 2 cells (one per column), got 3")
        }
        XCTAssertEqual(document.text, "a,b\n1,2\n")
    }

    func testWriteStoresTheText() throws {
        let path = try makeScratchDirectory("csv-write") + "/rates.csv"
        let document = try sampleDocument()
        try document.write(to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data(document.text.utf8))
    }
}

/// An independent RFC 4180 reader for the tests: fields separated by commas, records by LF
/// (CRLF inside quotes is kept), fields in double quotes may contain commas, newlines and doubled quotes.
func parseCSV(_ text: String) throws -> [[String]] {
    struct Malformed: Error {}
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var inQuotes = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
        pending = scalars.next()
        if inQuotes {
            if scalar == "\"" {
                if pending == "\"" { field.unicodeScalars.append("\""); pending = scalars.next() } else { inQuotes = false }
            } else {
                field.unicodeScalars.append(scalar)
            }
        } else if scalar == "\"" {
            guard field.isEmpty else { throw Malformed() }
            inQuotes = true
        } else if scalar == "," {
            record.append(field); field = ""
        } else if scalar == "\n" {
            record.append(field); field = ""
            records.append(record); record = []
        } else {
            field.unicodeScalars.append(scalar)
        }
    }
    guard !inQuotes, record.isEmpty, field.isEmpty else { throw Malformed() }
    return records
}
