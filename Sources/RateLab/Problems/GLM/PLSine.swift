import Foundation

/// The PL-but-nonconvex problem f(x) = Σ_k w_k h(a_kᵀx − b_k), h(s) = s² + 3 sin²(s), with
/// b = A x_true, so f* = f(x_true) = 0 (Karimi, Nutini & Schmidt 2016).
public typealias PLSineProblem = GLMProblem<SineSquaredLoss, Ridge>

extension GLMProblem where Loss == SineSquaredLoss, Penalty == Ridge {
    /// Builds `pl-sine`: synthetic Gaussian A (n × d, n = p·m ≤ d, default d = 40 and m = ⌊d/(2p)⌋)
    /// and b = A x_true. Refuses n > d (then A has no full row rank and the PL argument fails),
    /// λ ≠ 0 (f* = 0 needs an unregularised objective) and data files.
    ///
    /// Constants: h'' ≤ 8, so L = 8·λ_max(AᵀWA); PL with μ = μ_h·λ_min(W^{1/2}AAᵀW^{1/2})
    /// (= μ_h·w_min·λ_min(AAᵀ) for equal weights), where μ_h = min_s h'(s)²/(2h(s)):
    /// ‖∇f‖² = ‖Aᵀ(w∘h')‖² ≥ λ_min(W^{1/2}AAᵀW^{1/2}) Σ_k w_k h'_k² ≥ λ_min(…)·2μ_h·f.
    static func plSine(_ spec: ProblemSpec) throws -> PLSineProblem {
        try spec.refuse(ProblemSpec.quadraticOnly + ProblemSpec.worstCaseOnly + ProblemSpec.logCoshOnly + ["noise", "labelFlip", "hidden"], reason: "it is the PL sine problem")
        try spec.refuse(["dataPath"], reason: "pl-sine needs b = A x_true with a planted x_true (synthetic data only)")
        guard try spec.resolvedLambda(default: 0) == 0 else {
            throw ProblemError.invalidParameter(
                parameter: "lambda", value: "\(spec.lambda ?? 0)", expected: "0 for pl-sine (f* = 0 holds only without regularisation)")
        }
        let d = try spec.positiveCount("dimension", spec.dimension, default: 40)
        let p = try spec.positiveCount("workers", spec.workers, default: 1)
        let m = max(1, d / (2 * p))
        let n = try spec.rowCount(defaultSamplesPerWorker: m)
        guard n <= d else {
            throw ProblemError.invalidParameter(
                parameter: spec.totalSamples == nil ? "samplesPerWorker" : "totalSamples", value: "\(spec.totalSamples ?? spec.samplesPerWorker ?? m)",
                expected: "n = \(n) rows ≤ dimension \(d): pl-sine is PL only when A has full row rank")
        }
        let design = try GLMDesign(
            spec, defaultDimension: 40, defaultSamplesPerWorker: m, labels: { $0.labels },
            target: { t, _ in t })
        let gram = try design.weightedGram()
        guard let rowMinimum = gram.rowGramMinimum, rowMinimum > 1e-12 * gram.maximum else {
            throw ProblemError.invalidParameter(
                parameter: "seed", value: "\(spec.seed)", expected: "a draw where A has full row rank (λ_min(AAᵀ) > 0)")
        }
        return PLSineProblem(
            name: "pl-sine", design: design, loss: SineSquaredLoss(), penalty: Ridge(lambda: 0),
            gramMaximum: gram.maximum, curvature: .polyakLojasiewicz(mu: PLSineConstant.muH * rowMinimum))
    }
}

/// μ_h = min_s h'(s)²/(2h(s)) ≈ 0.17553 for h(s) = s² + 3 sin²(s): the PL constant of h.
///
/// The ratio is even in s, tends to 8 at 0 and exceeds (2s − 3)²/(2(s² + 3)) ≥ 1.4 for s ≥ 10,
/// so its minimum lies in (0, 10]. It is found on a grid of step 10⁻³, refined by golden-section
/// search on the two grid cells around the grid minimum (60 steps: the bracket shrinks to
/// ~10⁻¹⁵, far below where the flat minimum changes the ratio), and then reduced by a
/// relative safety margin of 10⁻⁶ so that the constant is a valid lower bound.
public enum PLSineConstant {
    /// h'(s)²/(2h(s)), the pointwise PL ratio of h.
    public static func ratio(_ s: Double) -> Double {
        let sn = sin(s)
        let h = s * s + 3 * sn * sn
        let dh = 2 * s + 3 * sin(2 * s)
        return dh * dh / (2 * h)
    }

    /// The relative safety margin shaved off the numerical minimum.
    public static let safetyMargin = 1e-6

    /// μ_h, computed once.
    public static let muH: Double = {
        let step = 1e-3
        var best = 1
        for j in 2...10_000 where ratio(Double(j) * step) < ratio(Double(best) * step) { best = j }
        var lo = Double(best - 1) * step, hi = Double(best + 1) * step
        let phi = (5.0.squareRoot() - 1) / 2
        for _ in 0..<60 {
            let a = hi - phi * (hi - lo), b = lo + phi * (hi - lo)
            if ratio(a) < ratio(b) { hi = b } else { lo = a }
        }
        return ratio(0.5 * (lo + hi)) * (1 - safetyMargin)
    }()
}
