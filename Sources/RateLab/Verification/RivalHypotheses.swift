import Foundation
import RateLabLinalg

/// Rival predictions of one parameter vector (e.g. the exponents (a, b) of τ* ∝ T^a p^b), judged against
/// an estimate θ̂ with covariance Σ by the joint Wald test: θ₀ lies in the joint `level` confidence ellipsoid
/// when W = (θ̂ − θ₀)ᵀ Σ⁻¹ (θ̂ − θ₀) ≤ χ²_k(level). A prediction is
///   - ruled out when W exceeds the critical value;
///   - consistent when it lies inside and every rival with a different vector lies outside (the data
///     single it out);
///   - inconclusive when it lies inside together with a rival that predicts something else (the interval
///     is too wide to separate them).
/// Rivals that predict the same vector (two theories with the same exponents) do not count against each other.
public enum RivalHypotheses {
    public enum Standing: String, Sendable {
        case consistent, ruledOut = "ruled out", inconclusive = "INCONCLUSIVE"
    }

    public struct Judgement: Sendable {
        public var name: String
        public var predicted: [Double]
        /// W of this prediction.
        public var wald: Double
        public var standing: Standing
    }

    /// W for θ₀ against θ̂ with covariance Σ (k × k, nested rows).
    public static func wald(_ predicted: [Double], estimate: [Double], covariance: [[Double]]) throws -> Double {
        let k = estimate.count
        let d = zip(estimate, predicted).map { $0 - $1 }
        let solved = try Cholesky.solve(Matrix(rows: k, cols: k, storage: covariance.flatMap { $0 }), d)
        return zip(d, solved).map(*).reduce(0, +)
    }

    /// χ²_k(level), the critical value of W.
    public static func critical(dimension k: Int, level: Double = 0.95) -> Double {
        StatisticalQuantiles.chiSquare(level, degreesOfFreedom: Double(k))
    }

    /// The standing of every prediction in `rivals` (name, θ₀).
    public static func judge(_ rivals: [(name: String, predicted: [Double])], estimate: [Double], covariance: [[Double]],
                             level: Double = 0.95) throws -> [Judgement] {
        let limit = critical(dimension: estimate.count, level: level)
        let walds = try rivals.map { try wald($0.predicted, estimate: estimate, covariance: covariance) }
        return rivals.indices.map { i in
            let inside = walds[i] <= limit
            let rivalInside = rivals.indices.contains { j in walds[j] <= limit && rivals[j].predicted != rivals[i].predicted }
            let standing: Standing = !inside ? .ruledOut : rivalInside ? .inconclusive : .consistent
            return Judgement(name: rivals[i].name, predicted: rivals[i].predicted, wald: walds[i], standing: standing)
        }
    }
}
