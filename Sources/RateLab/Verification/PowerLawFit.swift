import Foundation

/// Power law m ≈ C·x^α by least squares of log m = log C + α·log x (sublinear rates, neighbourhood sizes,
/// speedup slopes along one run).
///
/// Points with a non-finite or non-positive metric are dropped; then only the last `tailFraction` of the
/// remaining points (at least 3) is used — the asymptotic regime. The errors are modelled as AR(1) in the
/// order of the points and the interval of α is calibrated by a parametric bootstrap (`SerialEstimate`).
/// Units: α is dimensionless; C in units of m per unit of x^α.
public struct PowerLawFit: Codable, Sendable {
    /// α̂, the log-log slope.
    public var exponent: Double
    /// Calibrated interval of α.
    public var ci: Interval
    /// Ĉ = exp(â), the prefactor.
    public var constant: Double
    /// The points used.
    public var window: FitWindow
    /// α̂ with its calibrated interval, φ̂ and effective sample size.
    public var slope: SerialEstimate
    /// Number of points in the fit.
    public var points: Int { slope.points }

    /// Fits the exponent on the last ⌈tailFraction · n⌉ usable points (n = number with a finite
    /// positive metric). `x` must be positive, finite and non-decreasing. `calibrated: false` skips the
    /// bootstrap when only the estimate is read (the interval is then the t-interval of independent errors).
    public static func fit(x: [Double], y: [Double], level: Double = 0.95, tailFraction: Double = 1,
                           calibrated: Bool = true) throws -> PowerLawFit {
        let name = "PowerLawFit.fit"
        try Validation.level(level, fit: name)
        guard tailFraction > 0, tailFraction <= 1 else {
            throw FitError.invalidParameter(fit: name, parameter: "tailFraction", value: tailFraction, expected: "a fraction in (0, 1]")
        }
        try Validation.positive(x, "x", fit: name)
        let series = try PositiveSeries(x: x, metric: y, fit: name)
        let n = series.count
        let start = n - Int((tailFraction * Double(n)).rounded(.up))
        guard n - start >= 3 else {
            throw FitError.tooFewPoints(fit: name, needed: 3, got: n - start,
                                        reason: "the last \(tailFraction) of \(n) points with a finite positive metric")
        }
        let logX = series.x[start...].map { log($0) }, logY = Array(series.logMetric[start...])
        let ols = try LinearRegression.fit(x: logX, y: logY, level: level)
        let fit = try SerialRegression.fit(.line, x: logX, y: logY, start: [ols.intercept, ols.slope], fit: name)
        let estimates = SerialEstimate.calibrate(fit, level: level, name: name, bootstrap: calibrated)
        return PowerLawFit(exponent: fit.parameters[1], ci: estimates[1].interval, constant: exp(fit.parameters[0]),
                           window: series.window(start..<n), slope: estimates[1])
    }
}
