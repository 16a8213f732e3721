import CGSL

/// Ordinary least squares fit of a straight line y = a + b·x (GSL `gsl_fit_linear`), with standard
/// errors and Student-t confidence intervals.
///
/// With n points, SSE = Σ (y_i − a − b x_i)² and s² = SSE/(n − 2), the covariance of (â, b̂) is
/// s² (XᵀX)⁻¹, i.e. Var b̂ = s²/Sxx, Var â = s² (1/n + x̄²/Sxx), Cov(â, b̂) = −x̄ s²/Sxx with
/// Sxx = Σ (x_i − x̄)². The CI of each coefficient is estimate ± t_{(1+level)/2, n−2} · SE.
/// Units: a in units of y, b in units of y per unit of x.
public struct LinearRegression: Codable, Sendable {
    /// â.
    public var intercept: Double
    /// b̂.
    public var slope: Double
    /// SE(â).
    public var interceptStandardError: Double
    /// SE(b̂).
    public var slopeStandardError: Double
    /// Cov(â, b̂).
    public var covariance: Double
    /// s = √(SSE/(n − 2)), the residual standard deviation in units of y.
    public var residualStandardDeviation: Double
    /// SSE = Σ residual².
    public var sumOfSquaredResiduals: Double
    /// r² = 1 − SSE/SST with SST = Σ (y − ȳ)²; 1 when y is constant (then SSE = 0).
    public var rSquared: Double
    /// Number of points.
    public var n: Int
    /// Confidence level of the intervals.
    public var level: Double
    /// CI of the intercept.
    public var interceptCI: Interval
    /// CI of the slope.
    public var slopeCI: Interval

    /// The fitted value â + b̂·x.
    public func predict(_ x: Double) -> Double { intercept + slope * x }

    /// Fits y = a + b x to the points (x_i, y_i). Needs n ≥ 3 (one residual degree of freedom),
    /// finite data and at least two distinct x.
    public static func fit(x: [Double], y: [Double], level: Double = 0.95) throws -> LinearRegression {
        let name = "LinearRegression.fit"
        try Validation.level(level, fit: name)
        try Validation.sameLength(x, "x", y, "y", fit: name)
        try Validation.finite(x, "x", fit: name)
        try Validation.finite(y, "y", fit: name)
        let n = x.count
        guard n >= 3 else {
            throw FitError.tooFewPoints(fit: name, needed: 3, got: n, reason: "a line with a CI needs n − 2 ≥ 1 residual degrees of freedom")
        }
        guard let xMin = x.min(), let xMax = x.max(), xMin < xMax else {
            throw FitError.degenerate(fit: name, reason: "all \(n) x values equal \(x[0]), so the slope is undetermined")
        }
        _ = StatisticalQuantiles.gslErrorsReturned
        var a = 0.0, b = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sse = 0.0
        let status = gsl_fit_linear(x, 1, y, 1, n, &a, &b, &cov00, &cov01, &cov11, &sse)
        guard status == GSL_SUCCESS else {
            throw FitError.degenerate(fit: name, reason: "gsl_fit_linear returned status \(status)")
        }
        let yMean = y.reduce(0, +) / Double(n)
        let sst = y.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) }
        let seA = cov00.squareRoot(), seB = cov11.squareRoot()
        let t = StatisticalQuantiles.twoSidedT(level: level, degreesOfFreedom: n - 2)
        return LinearRegression(
            intercept: a, slope: b,
            interceptStandardError: seA, slopeStandardError: seB, covariance: cov01,
            residualStandardDeviation: (sse / Double(n - 2)).squareRoot(),
            sumOfSquaredResiduals: sse,
            rSquared: sst > 0 ? 1 - sse / sst : 1,
            n: n, level: level,
            interceptCI: Interval(low: a - t * seA, high: a + t * seA),
            slopeCI: Interval(low: b - t * seB, high: b + t * seB))
    }
}
