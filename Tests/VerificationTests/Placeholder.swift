import XCTest
final class VerificationTestsPlaceholder: XCTestCase { func testPackageBuilds() { XCTAssertTrue(true) } }
