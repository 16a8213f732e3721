import XCTest
final class ProblemsTestsPlaceholder: XCTestCase { func testPackageBuilds() { XCTAssertTrue(true) } }
