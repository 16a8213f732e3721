import XCTest
final class ClaimsTestsPlaceholder: XCTestCase { func testPackageBuilds() { XCTAssertTrue(true) } }
