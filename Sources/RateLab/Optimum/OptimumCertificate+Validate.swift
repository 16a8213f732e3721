extension OptimumCertificate {
    /// Largest scaled gradient norm ‖∇f(x*)‖ / max(1, |f*|, ‖∇f(x₀)‖) a certificate may show.
    public static let maxScaledGradNorm = 1e-6
    /// Largest condition number L/μ of a problem whose optimum is certified.
    public static let maxCondition = 1e10
    /// Largest disagreement between the solver and its cross-check (relative x or absolute f).
    public static let maxCrossCheckDifference = 1e-4

    /// Refuses a certificate that does not certify: a non-finite f*, L, μ, ζ² or x*, a scaled
    /// gradient norm above `maxScaledGradNorm`, or a cross-check differing by more than
    /// `maxCrossCheckDifference`. `source` names the data in the `OptimumError.uncertified` thrown.
    public func validate(source: String) throws {
        let constants: [(String, Double?)] = [("f*", fStar), ("L", L), ("μ", mu), ("ζ²", zetaSquared),
                                              ("‖∇f(x*)‖", gradNorm), ("cross-check difference", crossCheckDifference)]
        for case let (name, value?) in constants where !value.isFinite {
            throw OptimumError.uncertified(source: source, reason: "\(name) = \(value) is not finite")
        }
        if let j = xStar.firstIndex(where: { !$0.isFinite }) {
            throw OptimumError.uncertified(source: source, reason: "x*[\(j + 1)] = \(xStar[j]) is not finite")
        }
        guard scaledGradNorm <= OptimumCertificate.maxScaledGradNorm else {
            throw OptimumError.uncertified(
                source: source, reason: "scaled ‖∇f(x*)‖ = \(scaledGradNorm) exceeds \(OptimumCertificate.maxScaledGradNorm)")
        }
        guard crossCheckDifference <= OptimumCertificate.maxCrossCheckDifference else {
            throw OptimumError.uncertified(
                source: source,
                reason: "\(solver) and the cross-check differ by \(crossCheckDifference) (\(crossCheckMetric)), more than \(OptimumCertificate.maxCrossCheckDifference)")
        }
    }
}
