import XCTest
final class SimulationTestsPlaceholder: XCTestCase { func testPackageBuilds() { XCTAssertTrue(true) } }
