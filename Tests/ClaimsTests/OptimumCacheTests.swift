import XCTest
@testable import RateLabClaims
import RateLab
import Synchronization
import TestSupport

/// The optimum cache: a stored certificate comes back bit for bit, a damaged entry is certified again
/// with a warning, and its directory follows the cell cache, then XDG_CACHE_HOME, then HOME.
final class OptimumCacheTests: XCTestCase {
    private let spec = ProblemSpec(name: "quadratic", dimension: 8, kappa: 10)

    func testStoredCertificateIsReusedExactly() throws {
        let dir = CLI.temporaryPath("optima")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let warnings = Mutex<[String]>([])
        let cache = OptimumCache(directory: dir) { message in warnings.withLock { $0.append(message) } }
        let problem = try ProblemFactory.make(spec)
        let fresh = try cache.certificate(spec, problem)
        XCTAssertEqual(fresh, try Optimum.certify(problem))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        XCTAssertEqual(files.count, 1)
        XCTAssertEqual(try cache.certificate(spec, problem), fresh, "read back bit for bit")
        var other = spec
        other.kappa = 100
        _ = try cache.certificate(other, try ProblemFactory.make(other))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).count, 2, "another spec, another entry")
        XCTAssertTrue(warnings.withLock { $0 }.isEmpty)

        // A changed f* no longer matches the entry's checksum: certified again, with a warning, and rewritten.
        let file = "\(dir)/\(files[0])"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        var entry = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var certificate = try XCTUnwrap(entry["payload"] as? [String: Any])
        certificate["f_star"] = try XCTUnwrap(certificate["f_star"] as? Double) + 1
        entry["payload"] = certificate
        try JSONSerialization.data(withJSONObject: entry).write(to: URL(fileURLWithPath: file))
        XCTAssertEqual(try cache.certificate(spec, problem), fresh)
        XCTAssertEqual(warnings.withLock { $0 }.count, 1)
        XCTAssertTrue(warnings.withLock { $0 }[0].contains("certifying again"))
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), text, "rewritten")
    }

    func testDirectoryFollowsCellCacheThenXDGThenHome() {
        XCTAssertEqual(OptimumCache.defaultDirectory(cellCache: "c", environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]), "c/optima")
        XCTAssertEqual(OptimumCache.defaultDirectory(cellCache: nil, environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]), "/x/ratelab/optima")
        XCTAssertEqual(OptimumCache.defaultDirectory(cellCache: nil, environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]),
                       "/h/.cache/ratelab/optima", "XDG requires an absolute path")
        XCTAssertNil(OptimumCache.defaultDirectory(cellCache: nil, environment: [:]))
    }
}
