import Foundation

/// Problems added by other packages, under names that claim files (`problem: {name: …}`) and
/// `ProblemFactory.make` accept beside the built-in ones.
///
/// Register before parsing claims, e.g. at the start of `main`:
///
///     try ProblemCatalog.register(.init(name: "centers", description: "½‖x − c_i‖² per worker") { spec in
///         try CentersProblem(dimension: spec.dimension ?? 5, workers: spec.workers)
///     })
///
/// For the certified optimum (`Optimum.certify`) the problem conforms to `TwiceDifferentiableProblem`
/// (GSL BFGS2, then Newton steps with LAPACK; an independent restart cross-checks it) or to
/// `KnownOptimumProblem` (its own x* with its own cross-check). Either way the certificate must pass
/// the same validation as a built-in problem's (‖∇f(x*)‖ small, solver and cross-check agreeing).
extension ProblemCatalog {
    /// Adds `entry`; a name already known (built-in or registered), or one that is not letters, digits,
    /// '-' and '_', is refused with a `RegistrationError`.
    public static func register(_ entry: Entry) throws {
        try registry.add(entry)
    }
}

/// A problem whose minimiser is known in closed form or from its own solver, with an independent check.
public protocol KnownOptimumProblem: Problem {
    /// x* and how it was found and checked.
    func knownOptimum() throws -> KnownOptimum
}

/// A problem's own optimum and its cross-check, turned into an `OptimumCertificate` by `Optimum.certify`.
public struct KnownOptimum: Sendable {
    /// Ways of measuring the disagreement between the solver and the cross-check.
    public enum Metric: String, Sendable {
        /// ‖x_a − x_b‖ / max(1, ‖x_a‖).
        case relativeX = "relative x"
        /// |f_a − f_b|.
        case absoluteF = "absolute f"
    }

    public var xStar: [Double]
    /// How x* was computed, e.g. "closed form x* = mean of the centers".
    public var solver: String
    /// The independent second computation, e.g. "GSL BFGS2 from the origin".
    public var crossCheck: String
    public var metric: Metric
    /// The disagreement between the two, in `metric`.
    public var difference: Double

    public init(xStar: [Double], solver: String, crossCheck: String, metric: Metric, difference: Double) {
        self.xStar = xStar
        self.solver = solver
        self.crossCheck = crossCheck
        self.metric = metric
        self.difference = difference
    }
}
