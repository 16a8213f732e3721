/// The order of R-FAST's steps at a wake (see `RFAST`); the raw value is the CLI and claim name
/// (`--rfast-variant`, `run.rfast-variant`).
public enum RFASTVariant: String, Codable, CaseIterable, Hashable, Sendable {
    /// The papers' order (that of the ancestor ASY-SONATA): descend with the full tracker,
    /// v_i = x_i − γ z_i, and send v_i and ρ_i at once; the mixing x_i⁺ = r_ii v_i + Σ_j r_ij v_j pulls
    /// every v_j that has arrived by the end of the wake's instant. In lock-step with zero delay it is
    /// Push-Pull at the same γ.
    case paper
    /// RateLab's earlier reading, kept for ablation: the tracker is cut to its retained part c_ii z_i
    /// (plus newly folded mass) before the descent, so the effective step is about c_ii·γ, and v_i and
    /// ρ_i are sent only after the gradient, so neighbours mix models two compute times old.
    case legacy

    /// Parses a CLI or claim value; the error names `--rfast-variant` and the known values.
    public init(parsing text: String) throws {
        guard let variant = RFASTVariant(rawValue: text) else {
            throw SpecError.invalid(parameter: "--rfast-variant", value: text,
                                    expected: RFASTVariant.allCases.map(\.rawValue).joined(separator: " or "))
        }
        self = variant
    }
}
