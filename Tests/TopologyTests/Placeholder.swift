import XCTest
final class TopologyTestsPlaceholder: XCTestCase { func testPackageBuilds() { XCTAssertTrue(true) } }
