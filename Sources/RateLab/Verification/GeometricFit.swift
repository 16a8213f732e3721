import Foundation

/// Geometric (linear) rate of a positive metric, m ≈ C·ρ^x (+ F once it reaches a floor), where x is the
/// iteration count or the simulated time.
///
/// Points with a non-finite or non-positive metric are dropped. A noise floor at the end is detected by a
/// two-segment fit (`FloorDetection`). Without a floor, log m = log C + x·log ρ is fitted; with one, the
/// whole series is fitted jointly as log m = log(C·ρ^x + F), so the bend into the floor cannot tilt the
/// rate, and F gets its own interval. The first `burnIn` fraction of the decaying points is skipped in both
/// cases. Both fits model AR(1)-correlated errors and calibrate their intervals by a parametric bootstrap
/// (`SerialEstimate`): ρ̂ = exp(b̂) with the interval exp([b_low, b_high]) (exp is increasing).
/// Units: ρ per unit of x (per iteration, or per simulated second); C and F in units of the metric.
public struct GeometricFit: Codable, Sendable {
    /// ρ̂ = exp(b̂): the factor by which the metric shrinks per unit of x.
    public var rate: Double
    /// Calibrated interval of ρ.
    public var ci: Interval
    /// Ĉ, the decaying part extrapolated to x = 0, in units of the metric.
    public var constant: Double
    /// The points used for the rate.
    public var window: FitWindow
    /// F̂, the floor in metric units, when a floor was detected.
    public var floor: Double?
    /// Calibrated interval of F (exp of the interval of log F), when a floor was detected.
    public var floorCI: Interval?
    /// x at the first point of the flat segment (where the floor is reached), if a floor was detected.
    public var floorOnset: Double?
    /// log ρ̂ with its calibrated interval, φ̂ and effective sample size.
    public var logRate: SerialEstimate
    /// Number of points in the fit.
    public var points: Int { logRate.points }

    /// Fits the rate. `burnIn` ∈ [0, 1) is the fraction of the decaying points to skip at the start.
    /// `calibrated: false` skips the bootstrap when only the estimates are read (the intervals are then
    /// the t-intervals of independent errors). Throws `FitError` for mismatched lengths, non-finite or
    /// decreasing x, bad options or too few points.
    public static func fit(x: [Double], y: [Double], level: Double = 0.95, burnIn: Double = 0,
                           calibrated: Bool = true) throws -> GeometricFit {
        let name = "GeometricFit.fit"
        try Validation.level(level, fit: name)
        guard burnIn >= 0, burnIn < 1 else {
            throw FitError.invalidParameter(fit: name, parameter: "burnIn", value: burnIn, expected: "a fraction in [0, 1)")
        }
        let series = try PositiveSeries(x: x, metric: y, fit: name)
        guard series.count >= 3 else {
            throw FitError.tooFewPoints(fit: name, needed: 3, got: series.count, reason: "points with a finite positive metric")
        }
        let detected = try FloorDetection.detect(x: series.x, logMetric: series.logMetric)
        let slopedEnd = detected?.slopedEnd ?? series.count
        let start = Int((burnIn * Double(slopedEnd)).rounded(.down))
        guard slopedEnd - start >= 3 else {
            throw FitError.tooFewPoints(fit: name, needed: 3, got: slopedEnd - start,
                                        reason: "decaying points left after a burn-in of \(burnIn)")
        }
        let xs = Array(series.x[start...]), ys = Array(series.logMetric[start...])
        // The line through the decaying part starts the joint fit (and is the fit when there is no floor).
        let decay = try LinearRegression.fit(x: Array(xs[..<(slopedEnd - start)]), y: Array(ys[..<(slopedEnd - start)]), level: level)
        guard let floor = detected else {
            let line = try SerialRegression.fit(.line, x: xs, y: ys, start: [decay.intercept, decay.slope], fit: name)
            let estimates = SerialEstimate.calibrate(line, level: level, name: name, bootstrap: calibrated)
            return GeometricFit(rate: exp(line.parameters[1]), ci: estimates[1].interval.mapped(by: exp),
                                constant: exp(line.parameters[0]), window: series.window(start..<series.count),
                                floor: nil, floorCI: nil, floorOnset: nil, logRate: estimates[1])
        }
        let joint = try SerialRegression.fit(.decayToFloor, x: xs, y: ys, start: [decay.intercept, decay.slope, log(floor.floor)], fit: name)
        let estimates = SerialEstimate.calibrate(joint, level: level, name: name, bootstrap: calibrated)
        return GeometricFit(rate: exp(joint.parameters[1]), ci: estimates[1].interval.mapped(by: exp),
                            constant: exp(joint.parameters[0]), window: series.window(start..<series.count),
                            floor: exp(joint.parameters[2]), floorCI: estimates[2].interval.mapped(by: exp),
                            floorOnset: series.x[floor.onset], logRate: estimates[1])
    }
}
