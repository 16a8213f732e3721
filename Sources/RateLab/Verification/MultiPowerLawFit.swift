import CGSL
import Foundation
import RateLabLinalg

/// Multi-parameter power law y ≈ e^c · Π_j x_j^{a_j}, fitted as the linear model
/// log y = c + Σ_j a_j log x_j by OLS (GSL `gsl_multifit_linear_tsvd`, SVD with rank check).
///
/// With n observations, k parameters and SSE the residual sum of squares, the covariance of the
/// estimates is s² (XᵀX)⁻¹ with s² = SSE/(n − k − 1); the CI of each a_j is
/// â_j ± t_{(1+level)/2, n−k−1} · SE(â_j). The exponents a_j are dimensionless.
/// Example: τ* ≈ C · T^{2/3} p^{−1/3} is checked as a = (2/3, −1/3).
public struct MultiPowerLawFit: Codable, Sendable {
    /// The result of the joint test of a hypothesised exponent vector a₀ (see `jointlyConsistent`).
    public struct JointConsistency: Codable, Sendable, Equatable {
        /// (â − a₀)ᵀ Σ⁻¹ (â − a₀) / k, with Σ the covariance of â.
        public var statistic: Double
        /// F_{level}(k, n − k − 1), the upper critical value.
        public var critical: Double
        /// statistic ≤ critical: a₀ lies inside the joint confidence ellipsoid.
        public var consistent: Bool
    }

    /// â_j, the exponent of parameter j (column j of `parameters`).
    public var coefficients: [Double]
    /// ĉ, the intercept of log y (log of the prefactor).
    public var intercept: Double
    /// SE(ĉ).
    public var interceptStandardError: Double
    /// The k × k covariance matrix of (â_1, …, â_k), row-major nested rows.
    public var covariance: [[Double]]
    /// CI of each â_j, same order as `coefficients`.
    public var cis: [Interval]
    /// s = √(SSE/(n − k − 1)), residual standard deviation of log y.
    public var residualStandardDeviation: Double
    /// Number of observations n.
    public var points: Int
    /// Confidence level of the intervals and of the joint test.
    public var level: Double

    /// Fits the exponents. `parameters[i]` holds the k parameter values of observation i (rows =
    /// observations), `y[i]` its measured value; all entries must be finite and positive, n ≥ k + 2
    /// (one residual degree of freedom) and the columns log x_j, together with the constant column,
    /// linearly independent.
    public static func fit(parameters: [[Double]], y: [Double], level: Double = 0.95) throws -> MultiPowerLawFit {
        let name = "MultiPowerLawFit.fit"
        try Validation.level(level, fit: name)
        let n = parameters.count
        guard n == y.count else {
            throw FitError.mismatchedLengths(fit: name, first: "parameters", firstCount: n, second: "y", secondCount: y.count)
        }
        let k = parameters.first?.count ?? 0
        guard k >= 1 else {
            throw FitError.invalidParameter(fit: name, parameter: "parameters[0].count", value: Double(k), expected: "at least one parameter per observation")
        }
        for (i, row) in parameters.enumerated() {
            guard row.count == k else {
                throw FitError.mismatchedLengths(fit: name, first: "parameters[\(i)]", firstCount: row.count, second: "parameters[0]", secondCount: k)
            }
            try Validation.positive(row, "parameters[\(i)]", fit: name)
        }
        try Validation.positive(y, "y", fit: name)
        guard n >= k + 2 else {
            throw FitError.tooFewPoints(fit: name, needed: k + 2, got: n, reason: "\(k) exponents and an intercept need n − k − 1 ≥ 1 residual degrees of freedom")
        }

        let p = k + 1
        _ = StatisticalQuantiles.gslErrorsReturned
        let design = gsl_matrix_alloc(n, p)!, response = gsl_vector_alloc(n)!
        let estimate = gsl_vector_alloc(p)!, cov = gsl_matrix_alloc(p, p)!
        let workspace = gsl_multifit_linear_alloc(n, p)!
        defer {
            gsl_matrix_free(design); gsl_vector_free(response); gsl_vector_free(estimate)
            gsl_matrix_free(cov); gsl_multifit_linear_free(workspace)
        }
        for i in 0..<n {
            gsl_matrix_set(design, i, 0, 1)
            for j in 0..<k { gsl_matrix_set(design, i, j + 1, log(parameters[i][j])) }
            gsl_vector_set(response, i, log(y[i]))
        }
        // Singular values below 1e-10 × the largest count as zero: the columns are then collinear
        // to within 1e-10 relative, and the exponents are not determined by the data.
        var sse = 0.0
        var rank = 0
        let status = gsl_multifit_linear_tsvd(design, response, 1e-10, estimate, cov, &sse, &rank, workspace)
        guard status == GSL_SUCCESS else {
            throw FitError.degenerate(fit: name, reason: "gsl_multifit_linear_tsvd returned status \(status)")
        }
        guard rank == p else {
            throw FitError.degenerate(fit: name, reason: "the constant and the \(k) columns log x_j have rank \(rank) < \(p) (collinear or constant parameters)")
        }
        let t = StatisticalQuantiles.twoSidedT(level: level, degreesOfFreedom: n - p)
        let coefficients = (1..<p).map { gsl_vector_get(estimate, $0) }
        let covariance = (1..<p).map { r in (1..<p).map { c in gsl_matrix_get(cov, r, c) } }
        let cis = (0..<k).map { j -> Interval in
            let half = t * covariance[j][j].squareRoot()
            return Interval(low: coefficients[j] - half, high: coefficients[j] + half)
        }
        return MultiPowerLawFit(
            coefficients: coefficients, intercept: gsl_vector_get(estimate, 0),
            interceptStandardError: gsl_matrix_get(cov, 0, 0).squareRoot(), covariance: covariance, cis: cis,
            residualStandardDeviation: (sse / Double(n - p)).squareRoot(), points: n, level: level)
    }

    /// Whether a₀ lies in the joint `level` confidence ellipsoid of the exponents:
    /// (â − a₀)ᵀ Σ⁻¹ (â − a₀) / k ≤ F_{level}(k, n − k − 1) (GSL `gsl_cdf_fdist_Pinv`).
    /// Throws if a₀ has the wrong length or is not finite, or if Σ is not positive definite (e.g. an
    /// exact fit with Σ = 0; a fit of exact data with rounding-level residuals has no meaningful
    /// ellipsoid either).
    public func jointlyConsistent(with hypothesis: [Double]) throws -> JointConsistency {
        let name = "MultiPowerLawFit.jointlyConsistent"
        let k = coefficients.count
        try Validation.sameLength(hypothesis, "with", coefficients, "coefficients", fit: name)
        try Validation.finite(hypothesis, "with", fit: name)
        let difference = zip(coefficients, hypothesis).map { $0 - $1 }
        let solved: [Double]
        do {
            solved = try Cholesky.solve(Matrix(covariance), difference)
        } catch {
            throw FitError.degenerate(fit: name, reason: "the covariance of the exponents is not positive definite (\(error)); an exact fit has no confidence ellipsoid")
        }
        let statistic = BLAS.dot(difference, solved) / Double(k)
        let critical = StatisticalQuantiles.f(level: level, numerator: k, denominator: points - k - 1)
        return JointConsistency(statistic: statistic, critical: critical, consistent: statistic <= critical)
    }
}
