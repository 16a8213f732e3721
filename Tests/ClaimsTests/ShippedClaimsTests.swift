import Foundation
import RateLab
import TestSupport
import XCTest

/// Properties every claim in proofs-numeric/ must have (they are the project's promises, not examples).
final class ShippedClaimsTests: XCTestCase {
    func testEveryShippedClaimParsesAndCarriesANegativeControl() throws {
        let claims = try ClaimParser.parseAll([CLI.root.appendingPathComponent("proofs-numeric").path])
        // The issue on claims that can fail asked for at least 30 claim files.
        XCTAssertGreaterThanOrEqual(claims.count, 30)
        for claim in claims where !claim.isFigureOnly {
            XCTAssertFalse(claim.controls.isEmpty, "\(claim.id) has no control: a claim that cannot fail verifies nothing")
        }
    }
}
