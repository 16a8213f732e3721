import Foundation

/// A scalar loss ℓ(t; y) of the margin t = a_kᵀx and the row's target y, with its first two
/// derivatives in t. The GLM objective is Σ_k w_k ℓ(a_kᵀx; y_k) + R(x).
public protocol MarginLoss: Sendable {
    /// ℓ(t; y).
    func value(_ t: Double, _ y: Double) -> Double
    /// ∂ℓ/∂t.
    func derivative(_ t: Double, _ y: Double) -> Double
    /// ∂²ℓ/∂t².
    func secondDerivative(_ t: Double, _ y: Double) -> Double
    /// sup_t ∂²ℓ/∂t², so that L ≤ curvatureBound · λ_max(AᵀWA) + (penalty's bound).
    var curvatureBound: Double { get }
}

/// Squared loss ℓ(t; y) = ½(t − y)² (least squares); ℓ'' = 1.
public struct SquaredLoss: MarginLoss {
    public init() {}
    @inline(__always) public func value(_ t: Double, _ y: Double) -> Double { 0.5 * (t - y) * (t - y) }
    @inline(__always) public func derivative(_ t: Double, _ y: Double) -> Double { t - y }
    @inline(__always) public func secondDerivative(_ t: Double, _ y: Double) -> Double { 1 }
    public var curvatureBound: Double { 1 }
}

/// Logistic loss ℓ(t; y) = log(1 + exp(−y t)) for labels y = ±1, evaluated as a softplus that
/// never overflows: softplus(z) = max(z, 0) + log1p(exp(−|z|)) with z = −y t.
/// ℓ' = −y σ(−y t), ℓ'' = σ(y t) σ(−y t) ≤ ¼, with σ(z) = 1/(1 + e^{−z}).
public struct LogisticLoss: MarginLoss {
    public init() {}

    @inline(__always) public func value(_ t: Double, _ y: Double) -> Double {
        let z = -y * t
        return max(z, 0) + log1p(exp(-abs(z)))
    }

    @inline(__always) public func derivative(_ t: Double, _ y: Double) -> Double {
        -y * LogisticLoss.sigmoid(-y * t)
    }

    @inline(__always) public func secondDerivative(_ t: Double, _ y: Double) -> Double {
        let s = LogisticLoss.sigmoid(y * t)
        return s * (1 - s)
    }

    public var curvatureBound: Double { 0.25 }

    /// σ(z) = 1/(1 + e^{−z}), computed without overflow for either sign of z.
    @inline(__always) static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}

/// The PL-but-nonconvex loss of Karimi, Nutini & Schmidt (2016): ℓ(t; b) = h(t − b) with
/// h(s) = s² + 3 sin²(s), h'(s) = 2s + 3 sin(2s), h''(s) = 2 + 6 cos(2s) ∈ [−4, 8].
public struct SineSquaredLoss: MarginLoss {
    public init() {}

    @inline(__always) public func value(_ t: Double, _ y: Double) -> Double {
        let s = t - y, sn = sin(s)
        return s * s + 3 * sn * sn
    }

    @inline(__always) public func derivative(_ t: Double, _ y: Double) -> Double {
        let s = t - y
        return 2 * s + 3 * sin(2 * s)
    }

    @inline(__always) public func secondDerivative(_ t: Double, _ y: Double) -> Double {
        2 + 6 * cos(2 * (t - y))
    }

    public var curvatureBound: Double { 8 }
}
