import XCTest

/// Asserts |actual − expected| ≤ rtol · max(|expected|, scale) — a relative tolerance with an
/// absolute floor `rtol · scale` for values near zero.
public func assertClose(
    _ actual: Double, _ expected: Double, rtol: Double, scale: Double = 1,
    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let bound = rtol * max(abs(expected), scale)
    XCTAssert(abs(actual - expected) <= bound,
              "\(actual) vs expected \(expected): |diff| = \(abs(actual - expected)) > \(bound). \(message())",
              file: file, line: line)
}

/// max_k |a_k − b_k|.
public func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
