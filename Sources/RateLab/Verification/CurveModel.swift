import Foundation

/// A curve y ≈ m(x; θ) in the units of the fitted response (log of the metric for rate fits), with its
/// gradient ∂m/∂θ for Gauss–Newton steps.
struct CurveModel: Sendable {
    /// Number of parameters k.
    let parameterCount: Int
    /// m(x; θ).
    let value: @Sendable (Double, [Double]) -> Double
    /// Writes ∂m/∂θ_j at x into the k entries of the last argument.
    let gradient: @Sendable (Double, [Double], UnsafeMutablePointer<Double>) -> Void

    /// The straight line m = θ₀ + θ₁ x (log m of a geometric decay in x; log m against log x for a power law).
    static let line = CurveModel(
        parameterCount: 2,
        value: { x, θ in θ[0] + θ[1] * x },
        gradient: { x, _, g in g[0] = 1; g[1] = x })

    /// A geometric decay onto a floor, on the log scale: m = log(e^{θ₀ + θ₁x} + e^{θ₂}), i.e. the metric is
    /// C·ρ^x + F with C = e^{θ₀}, ρ = e^{θ₁}, F = e^{θ₂} (multiplicative noise around it). With
    /// g = e^{θ₀ + θ₁x}, F = e^{θ₂} and s = g + F: ∂m/∂θ₀ = g/s, ∂m/∂θ₁ = x·g/s, ∂m/∂θ₂ = F/s.
    static let decayToFloor = CurveModel(
        parameterCount: 3,
        value: { x, θ in
            let a = θ[0] + θ[1] * x, f = θ[2]
            let top = max(a, f)
            return top + log(exp(a - top) + exp(f - top))
        },
        gradient: { x, θ, g in
            // g/s = 1/(1 + e^{θ₂ − a}) evaluated without overflow.
            let share = 1 / (1 + exp(θ[2] - θ[0] - θ[1] * x))
            g[0] = share; g[1] = x * share; g[2] = 1 - share
        })
}
