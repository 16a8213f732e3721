import XCTest
final class CLITestsPlaceholder: XCTestCase { func testPackageBuilds() { XCTAssertTrue(true) } }
