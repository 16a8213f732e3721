/// The true optimum of a problem with the evidence that it is one.
///
/// Encoded with snake_case keys (`f_star`, `x_star`, `grad_norm`, `scaled_grad_norm`, `solver`,
/// `cross_check`, `cross_check_metric`, `cross_check_difference`, `L`, `mu`, `curvature`,
/// `zeta_squared`, `problem`).
public struct OptimumCertificate: Codable, Equatable, Sendable {
    /// The problem's catalog name.
    public var problem: String
    /// f* = f(x*).
    public var fStar: Double
    /// x*, the minimiser (or, for nonconvex problems, the reference stationary point).
    public var xStar: [Double]
    /// ‖∇f(x*)‖₂.
    public var gradNorm: Double
    /// ‖∇f(x*)‖ / max(1, |f(x*)|, ‖∇f(x₀)‖) with x₀ the problem's reference point: a unit-free
    /// measure of stationarity.
    public var scaledGradNorm: Double
    /// How x* was computed, e.g. "LAPACK dposv on A x = b".
    public var solver: String
    /// The independent second computation, with what it reached.
    public var crossCheck: String
    /// What `crossCheckDifference` measures: "relative x" = ‖x_a − x_b‖/max(1, ‖x_a‖), or
    /// "absolute f" = |f_a − f_b|.
    public var crossCheckMetric: String
    /// The disagreement between the solver and the cross-check, in `crossCheckMetric`.
    public var crossCheckDifference: Double
    /// The problem's smoothness constant L.
    public var L: Double
    /// The problem's μ (strong convexity or PL), nil when nonconvex.
    public var mu: Double?
    /// The curvature class as text, e.g. "strongly convex (μ = 0.001)".
    public var curvature: String
    /// ζ² = (1/p) Σ_i ‖∇f_i(x*)‖².
    public var zetaSquared: Double

    private enum CodingKeys: String, CodingKey {
        case problem
        case fStar = "f_star", xStar = "x_star", gradNorm = "grad_norm", scaledGradNorm = "scaled_grad_norm"
        case solver
        case crossCheck = "cross_check", crossCheckMetric = "cross_check_metric"
        case crossCheckDifference = "cross_check_difference"
        case L, mu, curvature
        case zetaSquared = "zeta_squared"
    }

    /// The two cross-check metrics.
    public static let relativeX = "relative x: ‖x_a − x_b‖/max(1, ‖x_a‖)"
    public static let absoluteF = "absolute f: |f_a − f_b|"
}
