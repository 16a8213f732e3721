import Foundation

/// Power law m ≈ C·x^α by OLS of log m = log C + α·log x (sublinear rates, neighbourhood sizes,
/// speedup slopes).
///
/// Window: points with a non-finite or non-positive metric are dropped; then only the last
/// `tailFraction` of the remaining points (at least 3) is used — the asymptotic regime. The CI of α
/// is the t-interval of the log-log slope. Units: α is dimensionless; C in units of m per unit of x^α.
public struct PowerLawFit: Codable, Sendable {
    /// α̂, the log-log slope.
    public var exponent: Double
    /// CI of α.
    public var ci: Interval
    /// Ĉ = exp(â), the prefactor.
    public var constant: Double
    /// The points used.
    public var window: FitWindow
    /// Number of points in the regression.
    public var points: Int { regression.n }
    /// The underlying regression of log m on log x.
    public var regression: LinearRegression

    /// Fits the exponent on the last ⌈tailFraction · n⌉ usable points (n = number with a finite
    /// positive metric). `x` must be positive, finite and non-decreasing.
    public static func fit(x: [Double], y: [Double], level: Double = 0.95, tailFraction: Double = 1) throws -> PowerLawFit {
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
        let regression = try LinearRegression.fit(x: series.x[start...].map { log($0) },
                                                  y: Array(series.logMetric[start...]), level: level)
        return PowerLawFit(exponent: regression.slope, ci: regression.slopeCI, constant: exp(regression.intercept),
                           window: series.window(start..<n), regression: regression)
    }
}
