import XCTest
final class ReportsTestsPlaceholder: XCTestCase { func testPackageBuilds() { XCTAssertTrue(true) } }
