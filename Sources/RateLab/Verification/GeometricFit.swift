import Foundation

/// Geometric (linear) rate of a positive metric, m_k ≈ C ρ^{x_k}, where x is the iteration count or
/// the simulated time: OLS of log m = log C + x·log ρ over a detected window.
///
/// Window: points with a non-finite or non-positive metric are dropped; a noise floor at the end
/// is detected by a two-segment fit (see `FloorDetection`: sloped then flat,
/// breakpoint by least total SSE, flat segment ≥ 3 points with a slope indistinguishable from 0 and
/// distinguishable from the decay, both at level 0.999, its onset possibly moved past the breakpoint to skip a rounded
/// corner) and excluded; then the first `burnIn` fraction of the remaining
/// sloped segment is skipped. ρ̂ = exp(b̂), and its CI is exp of the t-interval of the slope b̂
/// (exp is increasing). Units: ρ per unit of x (per iteration, or per simulated second).
public struct GeometricFit: Codable, Sendable {
    /// ρ̂ = exp(b̂): the factor by which the metric shrinks per unit of x.
    public var rate: Double
    /// CI of ρ: [exp(b_low), exp(b_high)].
    public var ci: Interval
    /// Ĉ = exp(â), the metric extrapolated to x = 0, in units of the metric.
    public var constant: Double
    /// The points used for the rate.
    public var window: FitWindow
    /// The floor in metric units (geometric mean of the metric on the flat segment), if detected.
    public var floor: Double?
    /// x at the first point of the flat segment (where the floor is reached), if a floor was detected.
    public var floorOnset: Double?
    /// Number of points in the regression.
    public var points: Int { regression.n }
    /// The underlying regression of log m on x.
    public var regression: LinearRegression

    /// Fits the rate. `burnIn` ∈ [0, 1) is the fraction of the sloped segment's points to skip at
    /// its start. Throws `FitError` for mismatched lengths, non-finite or decreasing x, bad options
    /// or fewer than 3 points left in the window.
    public static func fit(x: [Double], y: [Double], level: Double = 0.95, burnIn: Double = 0) throws -> GeometricFit {
        let name = "GeometricFit.fit"
        try Validation.level(level, fit: name)
        guard burnIn >= 0, burnIn < 1 else {
            throw FitError.invalidParameter(fit: name, parameter: "burnIn", value: burnIn, expected: "a fraction in [0, 1)")
        }
        let series = try PositiveSeries(x: x, metric: y, fit: name)
        guard series.count >= 3 else {
            throw FitError.tooFewPoints(fit: name, needed: 3, got: series.count, reason: "points with a finite positive metric")
        }
        var end = series.count
        var floor: Double? = nil, floorOnset: Double? = nil
        if let detected = try FloorDetection.detect(x: series.x, logMetric: series.logMetric) {
            end = detected.slopedEnd
            floor = detected.floor
            floorOnset = series.x[detected.onset]
        }
        let start = Int((burnIn * Double(end)).rounded(.down))
        guard end - start >= 3 else {
            throw FitError.tooFewPoints(fit: name, needed: 3, got: end - start,
                                        reason: "points left after dropping the floor and a burn-in of \(burnIn)")
        }
        let regression = try LinearRegression.fit(x: Array(series.x[start..<end]),
                                                  y: Array(series.logMetric[start..<end]), level: level)
        return GeometricFit(rate: exp(regression.slope), ci: regression.slopeCI.mapped(by: exp),
                            constant: exp(regression.intercept), window: series.window(start..<end),
                            floor: floor, floorOnset: floorOnset, regression: regression)
    }
}
