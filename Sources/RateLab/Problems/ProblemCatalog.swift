/// The built-in problems by CLI name, with one-line descriptions (for `ratelab list`).
public enum ProblemCatalog {
    /// (name, description) for every problem `ProblemFactory.make` knows, in display order.
    public static let entries: [(name: String, description: String)] = [
        ("quadratic", "½xᵀA_i x − b_iᵀx with prescribed spectrum μ…L (linear, geometric, worst-case) and heterogeneity ζ, h"),
        ("least-squares", "Σ w_k ½(a_kᵀx − b_k)² + (λ/2)‖x‖²; data file or Gaussian, PL when over-parameterised"),
        ("logistic", "Σ w_k log(1 + exp(−y_k a_kᵀx)) + (λ/2)‖x‖², labels ±1; data file or Gaussian"),
        ("pl-sine", "Σ w_k h(a_kᵀx − b_k), h(s) = s² + 3 sin² s, b = A x_true, n ≤ d: PL, nonconvex, f* = 0"),
        ("nonconvex-logistic", "logistic loss + λ Σ x_j²/(1 + x_j²): smooth, nonconvex"),
        ("two-layer-net", "tanh network with H hidden units, logistic loss + (λ/2)‖x‖² on a ±1 data set (local L)"),
    ]

    /// The known names, in display order.
    public static var names: [String] { entries.map(\.name) }
}
