import Foundation

/// A noise floor (plateau) at the end of a log-metric series, found by a two-segment fit.
///
/// Model: log m_i = a + b·x_i for i < k (the sloped segment), log m_i = c for i ≥ k (the flat one).
/// For every candidate k with at least 3 points on each side,
/// SSE(k) = SSE_line(0..<k) + SSE_const(k..<n) is evaluated in O(1) from prefix sums of the centred
/// data, and k̂ = argmin SSE(k) (the first one on ties). The floor is accepted only if, at the
/// confidence level of the fit,
///  1. the OLS slope of the flat segment is statistically indistinguishable from 0 (its t-interval
///     contains 0), and
///  2. it is distinguishable from the slope of the sloped segment:
///     |b_flat − b_sloped| > t_{(1+level)/2, ν} · √(SE_flat² + SE_sloped²), ν = the smaller of the
///     two segments' residual degrees of freedom (conservative).
/// Without (2) a short tail of a pure geometric decay would pass (1) for want of power and be cut off.
struct FloorDetection {
    /// Index (into the series given to `detect`) of the first point of the flat segment.
    let start: Int
    /// The floor in metric units: exp(mean of log m over the flat segment), the geometric mean.
    let floor: Double

    /// The floor of the series (x_i, log m_i), or nil when there is none. `x` must be non-decreasing
    /// and both arrays finite and of equal length (the caller has checked).
    static func detect(x: [Double], logMetric y: [Double], level: Double) throws -> FloorDetection? {
        let n = x.count
        let minimumSegment = 3
        guard n >= 2 * minimumSegment else { return nil }
        let k = leastSquaresBreakpoint(x: x, y: y, minimumSegment: minimumSegment)
        let slopedX = Array(x[..<k]), flatX = Array(x[k...])
        guard slopedX[0] < slopedX[slopedX.count - 1], flatX[0] < flatX[flatX.count - 1] else { return nil }
        let sloped = try LinearRegression.fit(x: slopedX, y: Array(y[..<k]), level: level)
        let flat = try LinearRegression.fit(x: flatX, y: Array(y[k...]), level: level)
        guard flat.slopeCI.contains(0) else { return nil }
        let t = StatisticalQuantiles.twoSidedT(level: level, degreesOfFreedom: min(sloped.n, flat.n) - 2)
        let separation = t * (flat.slopeStandardError * flat.slopeStandardError
            + sloped.slopeStandardError * sloped.slopeStandardError).squareRoot()
        guard abs(flat.slope - sloped.slope) > separation else { return nil }
        let meanLog = y[k...].reduce(0, +) / Double(n - k)
        return FloorDetection(start: k, floor: exp(meanLog))
    }

    /// argmin over k ∈ [m, n − m] (n ≥ 2m) of SSE_line(0..<k) + SSE_const(k..<n), from prefix sums of
    /// x − x̄ and y − ȳ (centring keeps the sums of squares well conditioned).
    private static func leastSquaresBreakpoint(x: [Double], y: [Double], minimumSegment m: Int) -> Int {
        let n = x.count
        let xMean = x.reduce(0, +) / Double(n), yMean = y.reduce(0, +) / Double(n)
        let totalY = y.reduce(0) { $0 + ($1 - yMean) }
        let totalYY = y.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) }
        var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0, syy = 0.0
        var bestK = m, bestSSE = Double.infinity
        for k in 1...(n - m) {
            let u = x[k - 1] - xMean, v = y[k - 1] - yMean
            sx += u; sy += v; sxx += u * u; sxy += u * v; syy += v * v
            guard k >= m else { continue }
            let kk = Double(k)
            let cxx = sxx - sx * sx / kk, cxy = sxy - sx * sy / kk, cyy = syy - sy * sy / kk
            let lineSSE = cxx > 0 ? cyy - cxy * cxy / cxx : cyy
            let rest = Double(n - k), restY = totalY - sy
            let constSSE = (totalYY - syy) - restY * restY / rest
            let sse = lineSSE + constSSE
            if sse < bestSSE { bestK = k; bestSSE = sse }
        }
        return bestK
    }
}
