import Foundation
import RateLabVerification

/// How a check turns its evidence into a verdict — the form of the theorem it tests:
///
///     at-most: EXPR            one-sided: the quantity is bounded above (a rate, an error)
///     at-least: EXPR           one-sided: bounded below
///     expected: EXPR           two-sided equivalence: within ± tolerance (absolute, or relative to
///     tolerance: T             |expected| when the kind says so)
///     resolution: R            optional: an interval wider than R cannot PASS (INCONCLUSIVE)
///
/// Expressions see the grid point's L, mu, kappa, p, T, B, d. Exactly one of the three forms is given.
struct Decision: Sendable {
    enum Rule: Sendable {
        case atMost(Expression)
        case atLeast(Expression)
        case equals(Expression, tolerance: Double)
    }

    let rule: Rule
    let resolution: Double?
    /// Whether `tolerance` is relative to |expected| (rates) or absolute (exponents).
    let relativeTolerance: Bool

    static let keys = ["expected", "tolerance", "at-most", "at-least", "resolution"]

    /// Reads the decision keys; `defaultTolerance` applies to `expected` without `tolerance`.
    init(_ r: MappingReader, defaultTolerance: Double, relativeTolerance: Bool) throws {
        let expected = try r.expression("expected"), atMost = try r.expression("at-most"), atLeast = try r.expression("at-least")
        switch (expected, atMost, atLeast) {
        case let (e?, nil, nil):
            let tolerance = try r.double("tolerance") ?? defaultTolerance
            guard tolerance >= 0, tolerance.isFinite else { throw r.error("tolerance", "'tolerance' must be a finite number ≥ 0") }
            rule = .equals(e, tolerance: tolerance)
        case let (nil, b?, nil): rule = .atMost(b)
        case let (nil, nil, b?): rule = .atLeast(b)
        default:
            throw r.error("kind", "give exactly one of 'expected' (with 'tolerance'), 'at-most' or 'at-least'")
        }
        if case .equals = rule {} else if r.node("tolerance") != nil {
            throw r.error("tolerance", "'tolerance' applies only with 'expected'")
        }
        resolution = try r.double("resolution")
        if let res = resolution, !(res > 0) { throw r.error("resolution", "'resolution' must be a positive number") }
        self.relativeTolerance = relativeTolerance
    }

    /// The reference value at a grid point (the bound or the expected value).
    func reference(_ bindings: [String: Double]) -> Double {
        switch rule {
        case let .atMost(e), let .atLeast(e), let .equals(e, _): return e.evaluate(bindings)
        }
    }

    /// The verdict of `evidence` at a grid point.
    func outcome(_ quantity: String, _ evidence: Evidence, _ bindings: [String: Double]) -> CheckOutcome {
        let value = reference(bindings)
        switch rule {
        case .atMost: return Checks.atMost(quantity, evidence, bound: value, resolution: resolution)
        case .atLeast: return Checks.atLeast(quantity, evidence, bound: value, resolution: resolution)
        case let .equals(_, tolerance):
            return Checks.equals(quantity, evidence, expected: value,
                                 tolerance: relativeTolerance ? tolerance * abs(value) : tolerance, resolution: resolution)
        }
    }

    /// "bound" or "theory" for plot legends.
    var referenceName: String {
        if case .equals = rule { return "theory" }
        return "bound"
    }
}
