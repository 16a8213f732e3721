import Foundation

/// A noise floor (plateau) at the end of a log-metric series, found by a two-segment fit.
///
/// Model: log m_i = a + b·x_i for i < k (the sloped segment), log m_i = c for i ≥ k (the flat one).
/// For every candidate k with at least 3 points on each side,
/// SSE(k) = SSE_line(0..<k) + SSE_const(k..<n) is evaluated in O(1) from prefix sums of the centred
/// data, and k̂ = argmin SSE(k) (the first one on ties). The sloped segment is 0..<k̂. The floor's
/// onset is the first j ∈ [k̂, k̂ + (n − k̂)/2] (keeping ≥ 3 points) for which the segment j..<n
/// passes both tests, at the confidence level `FloorDetection.level` = 0.999:
///  1. its OLS slope is statistically indistinguishable from 0 (|b_flat| ≤ t·SE_flat), and
///  2. its slope is distinguishable from the sloped segment's:
///     |b_flat − b_sloped| > t_{(1+level)/2, ν} · √(SE_flat² + SE_sloped²), ν = the smaller of the
///     two segments' residual degrees of freedom (conservative).
/// Both SEs allow for AR(1)-correlated residuals (`serialStandardError`).
/// If no j passes there is no floor. The level is stricter than a fit's usual 0.95 because the
/// search over breakpoints and onsets makes many tests: at 0.95, test (1) alone rejects 5 % of
/// genuine floors (whose whole series is then fitted as one line, badly biasing ρ̂), and spurious
/// floors were found on about 10 % of pure noisy decays. Test (2) stops a short tail of a pure
/// geometric decay from passing (1) for want of power; letting the onset move past k̂ skips the rounded corner of a
/// smooth transition (m = Cρᵏ + floor), whose first points would otherwise tilt a long flat segment
/// significantly; the corner points between k̂ and the onset belong to neither segment.
struct FloorDetection {
    /// End (exclusive) of the sloped segment, an index into the series given to `detect`.
    let slopedEnd: Int
    /// Index of the first point of the flat segment (≥ `slopedEnd`).
    let onset: Int
    /// The floor in metric units: exp(mean of log m over the flat segment), the geometric mean.
    let floor: Double

    /// Confidence level of both floor tests.
    static let level = 0.999

    /// The floor of the series (x_i, log m_i), or nil when there is none. `x` must be non-decreasing
    /// and both arrays finite and of equal length (the caller has checked).
    static func detect(x: [Double], logMetric y: [Double]) throws -> FloorDetection? {
        let n = x.count
        let minimumSegment = 3
        guard n >= 2 * minimumSegment else { return nil }
        let k = leastSquaresBreakpoint(x: x, y: y, minimumSegment: minimumSegment)
        guard x[0] < x[k - 1] else { return nil }
        let sloped = try LinearRegression.fit(x: Array(x[..<k]), y: Array(y[..<k]), level: level)
        let slopedSE = serialStandardError(sloped, x: Array(x[..<k]), y: Array(y[..<k]))
        let lastOnset = min(k + (n - k) / 2, n - minimumSegment)
        for onset in k...lastOnset where x[onset] < x[n - 1] {
            let flatX = Array(x[onset...]), flatY = Array(y[onset...])
            let flat = try LinearRegression.fit(x: flatX, y: flatY, level: level)
            let flatSE = serialStandardError(flat, x: flatX, y: flatY)
            let t = StatisticalQuantiles.twoSidedT(level: level, degreesOfFreedom: min(sloped.n, flat.n) - 2)
            guard abs(flat.slope) <= t * flatSE else { continue }
            let separation = t * (flatSE * flatSE + slopedSE * slopedSE).squareRoot()
            guard abs(flat.slope - sloped.slope) > separation else { continue }
            let meanLog = y[onset...].reduce(0, +) / Double(n - onset)
            return FloorDetection(slopedEnd: k, onset: onset, floor: exp(meanLog))
        }
        return nil
    }

    /// The OLS slope's standard error inflated for AR(1) residuals: SE·√((1 + φ̃)/(1 − φ̃)) with φ̃ ≥ 0 the
    /// bias-corrected lag-one autocorrelation of the residuals (the large-sample variance factor of a
    /// trend slope under AR(1) errors), so that a wandering but flat floor is not taken for a slope.
    private static func serialStandardError(_ fit: LinearRegression, x: [Double], y: [Double]) -> Double {
        let residuals = zip(x, y).map { $1 - fit.predict($0) }
        let phi = max(0, AR1Errors.correlation(ofResiduals: residuals, parameters: 2))
        return fit.slopeStandardError * ((1 + phi) / (1 - phi)).squareRoot()
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
