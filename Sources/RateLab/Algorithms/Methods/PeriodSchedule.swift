import Foundation

/// How the averaging period τ_i of round i = 0, 1, … is chosen in the local-SGD family.
/// F_i = F(x̄ at the start of round i) with F = f − (the cluster's loss floor): the gap f − f* for ADA-LUPA's
/// theorem rule, f − min(0, f*) for the poster's rule and AdaComm (`Simulator`).
enum PeriodSchedule {
    /// τ_i = τ (LUPA-SGD; τ = 1 is synchronous SGD).
    case fixed(Int)
    /// ADA-LUPA: τ_i = ⌈(F₀ / F_i)^{1/3}⌉ · τ₀ — grows as the loss falls.
    case cubeRootLossRatio(tau0: Int)
    /// The ADA-LUPA experiment's schedule: τ_i = ⌈(1 + α i) · τ₀⌉.
    case linearGrowth(tau0: Int, alpha: Double)
    /// AdaComm: τ_i = ⌈√(F_i / F₀) · τ₀⌉ — shrinks as the loss falls.
    case squareRootLossRatio(tau0: Int)

    /// Whether `period` reads the loss (costs one evaluation of f per round).
    var readsLoss: Bool {
        switch self {
        case .fixed, .linearGrowth: return false
        case .cubeRootLossRatio, .squareRootLossRatio: return true
        }
    }

    /// τ_i for round i given F₀ and F_i (ignored when `readsLoss` is false); always ≥ 1.
    func period(round i: Int, initialLoss f0: Double, currentLoss fi: Double) -> Int {
        let tau: Double
        switch self {
        case let .fixed(t): return max(1, t)
        case let .cubeRootLossRatio(t0): tau = ceil(cbrt(ratio(f0, fi))) * Double(t0)
        case let .linearGrowth(t0, alpha): tau = ceil((1 + alpha * Double(i)) * Double(t0))
        case let .squareRootLossRatio(t0): tau = ceil(ratio(fi, f0).squareRoot() * Double(t0))
        }
        return tau.isFinite ? max(1, Int(min(tau, 1e9))) : 1
    }

    /// a / b for non-negative losses, with 0/0 = 1 and a/0 = ∞ (capped by the caller).
    private func ratio(_ a: Double, _ b: Double) -> Double {
        if b <= 0 { return a <= 0 ? 1 : .infinity }
        return max(0, a) / b
    }
}
