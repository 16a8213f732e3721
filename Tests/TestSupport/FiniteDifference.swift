import XCTest

/// Central-difference derivatives for checking analytic gradients.
///
/// ∂f/∂x_j ≈ (f(x + h_j e_j) − f(x − h_j e_j))/(2h_j) with h_j = step·max(1, |x_j|): truncation
/// error (h²/6)·|f'''| plus rounding ≈ ε|f|/h, both ≈ 10⁻¹⁰ relative for step = 10⁻⁵ on
/// well-scaled smooth functions, so 10⁻⁶ relative is a safe tolerance for the comparison.
public enum FiniteDifference {
    /// The central-difference gradient of `f` at `x`.
    public static func gradient(of f: ([Double]) -> Double, at x: [Double], step: Double = 1e-5) -> [Double] {
        var probe = x
        return (0..<x.count).map { j in
            let h = step * max(1, abs(x[j]))
            probe[j] = x[j] + h
            let plus = f(probe)
            probe[j] = x[j] - h
            let minus = f(probe)
            probe[j] = x[j]
            return (plus - minus) / (2 * h)
        }
    }
}

/// Asserts max_j |g_j − ĝ_j| ≤ rtol · max(1, ‖ĝ‖∞) where ĝ is the central-difference gradient of `f`.
public func assertGradientMatchesFiniteDifferences(
    _ f: ([Double]) -> Double, _ gradient: [Double], at x: [Double], rtol: Double = 1e-6,
    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let numeric = FiniteDifference.gradient(of: f, at: x)
    let scale = max(1, numeric.map(abs).max() ?? 0)
    let error = maxAbsDifference(gradient, numeric)
    XCTAssert(error <= rtol * scale, "gradient vs finite differences: max error \(error) > \(rtol * scale). \(message())",
              file: file, line: line)
}
