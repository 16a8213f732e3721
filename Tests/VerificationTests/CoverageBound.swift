import Foundation

/// The largest k such that P(X < k) ≤ alpha for X ~ Binomial(trials, probability). If intervals
/// cover with the nominal probability, observing fewer than k covering intervals out of `trials` has
/// probability ≤ alpha, so "count ≥ k" is a coverage assertion with false-alarm probability ≤ alpha.
func binomialCoverageThreshold(trials n: Int, probability p: Double, alpha: Double) -> Int {
    var cumulative = 0.0
    for j in 0...n {
        let logPmf = lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1))
            + Double(j) * log(p) + Double(n - j) * log1p(-p)
        cumulative += exp(logPmf)
        if cumulative > alpha { return j }
    }
    return n
}

/// False-alarm probability of every coverage assertion in this target: 0.5 %.
let coverageAlpha = 0.005
