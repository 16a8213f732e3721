import CKernels
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
    /// c_b ← scale · ℓ'(c_b; y[rows[b]]) for b < count: the margins in `c` become the coefficients of
    /// the rows in a gradient. The default calls `derivative` per entry; a loss may vectorise it.
    func scaleDerivatives(_ c: UnsafeMutablePointer<Double>, labels y: UnsafePointer<Double>,
                          rows: UnsafePointer<Int>, count: Int, scale: Double)
}

extension MarginLoss {
    @inline(__always)
    public func scaleDerivatives(_ c: UnsafeMutablePointer<Double>, labels y: UnsafePointer<Double>,
                                 rows: UnsafePointer<Int>, count: Int, scale: Double) {
        for b in 0..<count { c[b] = scale * derivative(c[b], y[rows[b]]) }
    }
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

    /// ℓ'(t_b; y_b) = −y_b σ(−y_b t_b) for a whole chunk with one vectorised `rl_sigmoid` call.
    @inline(__always)
    public func scaleDerivatives(_ c: UnsafeMutablePointer<Double>, labels y: UnsafePointer<Double>,
                                 rows: UnsafePointer<Int>, count: Int, scale: Double) {
        for b in 0..<count { c[b] = -y[rows[b]] * c[b] }
        rl_sigmoid(c, c, count)
        for b in 0..<count { c[b] = -scale * y[rows[b]] * c[b] }
    }

    /// σ(z) = 1/(1 + e^{−z}) by the same kernel as the chunks (`rl_sigmoid`: no overflow for
    /// either sign of z, a few ulp).
    @inline(__always) static func sigmoid(_ z: Double) -> Double {
        var input = z, output = 0.0
        rl_sigmoid(&input, &output, 1)
        return output
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
