import CGSL

/// Quantiles of the sampling distributions used for confidence intervals (GSL `gsl_cdf_*_Pinv`).
///
/// Callers validate their arguments first (level in (0, 1), degrees of freedom ≥ 1), so GSL's
/// domain errors cannot occur; GSL's abort-on-error handler is switched off once, before the first
/// GSL call of this module, so that a GSL failure surfaces as a return code, never as an abort.
enum StatisticalQuantiles {
    /// Installs GSL's "return the error code" behaviour; evaluated once (Swift lazy static).
    static let gslErrorsReturned: Void = { _ = gsl_set_error_handler_off() }()

    /// The two-sided Student-t critical value t_{(1+level)/2, ν}: P(|T_ν| ≤ t) = level.
    static func twoSidedT(level: Double, degreesOfFreedom nu: Int) -> Double {
        _ = gslErrorsReturned
        return gsl_cdf_tdist_Pinv(0.5 + level / 2, Double(nu))
    }

    /// The upper critical value F_{level}(ν₁, ν₂): P(F_{ν₁,ν₂} ≤ f) = level.
    static func f(level: Double, numerator nu1: Int, denominator nu2: Int) -> Double {
        _ = gslErrorsReturned
        return gsl_cdf_fdist_Pinv(level, Double(nu1), Double(nu2))
    }

    /// The `probability` quantile of ascending `sorted` values with linear interpolation between
    /// order statistics (GSL's definition: position (n − 1)·probability).
    static func empirical(sorted: [Double], probability: Double) -> Double {
        gsl_stats_quantile_from_sorted_data(sorted, 1, sorted.count, probability)
    }
}

extension StatisticalQuantiles {
    /// The standard normal quantile Φ⁻¹(p).
    static func normal(_ p: Double) -> Double {
        _ = gslErrorsReturned
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// The χ²_ν quantile.
    static func chiSquare(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        _ = gslErrorsReturned
        return gsl_cdf_chisq_Pinv(p, nu)
    }

    /// The Beta(a, b) quantile.
    static func beta(_ p: Double, _ a: Double, _ b: Double) -> Double {
        _ = gslErrorsReturned
        return gsl_cdf_beta_Pinv(p, a, b)
    }
}
