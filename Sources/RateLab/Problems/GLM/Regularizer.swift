/// A separable regulariser R(x) = Σ_j r(x_j) scaled by λ ≥ 0, with r's first two derivatives.
public protocol Regularizer: Sendable {
    /// λ, the regularisation weight.
    var lambda: Double { get }
    /// λ r(x_j).
    func value(_ xj: Double) -> Double
    /// λ r'(x_j).
    func derivative(_ xj: Double) -> Double
    /// λ r''(x_j).
    func secondDerivative(_ xj: Double) -> Double
    /// sup_x λ r''(x): the regulariser's contribution to the smoothness constant L.
    var curvatureBound: Double { get }
}

/// Ridge R(x) = (λ/2)‖x‖²: convex, adds λ to both L and μ.
public struct Ridge: Regularizer {
    public let lambda: Double
    public init(lambda: Double) { self.lambda = lambda }
    @inline(__always) public func value(_ xj: Double) -> Double { 0.5 * lambda * xj * xj }
    @inline(__always) public func derivative(_ xj: Double) -> Double { lambda * xj }
    @inline(__always) public func secondDerivative(_ xj: Double) -> Double { lambda }
    public var curvatureBound: Double { lambda }
}

/// The smooth nonconvex penalty R(x) = λ Σ_j x_j²/(1 + x_j²) (bounded, so it does not make the
/// problem strongly convex): r' = 2x/(1 + x²)², r'' = (2 − 6x²)/(1 + x²)³ ∈ [−½, 2].
public struct SaturatingPenalty: Regularizer {
    public let lambda: Double
    public init(lambda: Double) { self.lambda = lambda }

    @inline(__always) public func value(_ xj: Double) -> Double {
        let s = xj * xj
        return lambda * s / (1 + s)
    }

    @inline(__always) public func derivative(_ xj: Double) -> Double {
        let q = 1 + xj * xj
        return lambda * 2 * xj / (q * q)
    }

    @inline(__always) public func secondDerivative(_ xj: Double) -> Double {
        let s = xj * xj, q = 1 + s
        return lambda * (2 - 6 * s) / (q * q * q)
    }

    public var curvatureBound: Double { 2 * lambda }
}
