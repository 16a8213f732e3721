import Foundation

/// Turns a measurement (point estimate and optional CI) into a verdict with a margin.
///
/// Every check has one decisive number and an acceptance region; margin = signed distance of the
/// decisive number into the region (≥ 0 ⇔ PASS), in the units of the measurement. A non-finite
/// estimate or interval end gives DIVERGED, never PASS or FAIL. `quantity` names what was
/// measured, for the detail line.
public enum Checks {
    /// "quantity ≤ bound", judged on the upper end of the evidence: h = interval.high (or the
    /// estimate if there is no interval); PASS iff h ≤ bound; margin = bound − h. The detail also
    /// reports the tightness estimate/bound.
    public static func upperBound(_ quantity: String, measured: Double, interval: Interval? = nil, bound: Double) -> CheckOutcome {
        let high = interval?.high ?? measured
        return decide(quantity, measured: measured, interval: interval, bound: bound, margin: bound - high,
                      rule: "\(interval == nil ? "estimate" : "upper CI") \(format(high)) ≤ bound \(format(bound)), estimate/bound \(format(measured / bound))")
    }

    /// "quantity ≥ bound", judged on the lower end of the evidence: l = interval.low (or the
    /// estimate); PASS iff l ≥ bound; margin = l − bound.
    public static func lowerBound(_ quantity: String, measured: Double, interval: Interval? = nil, bound: Double) -> CheckOutcome {
        let low = interval?.low ?? measured
        return decide(quantity, measured: measured, interval: interval, bound: bound, margin: low - bound,
                      rule: "\(interval == nil ? "estimate" : "lower CI") \(format(low)) ≥ bound \(format(bound)), estimate/bound \(format(measured / bound))")
    }

    /// "atLeast ≤ quantity ≤ atMost" (either side optional) for a statistic that is +∞ by definition
    /// when something never happened, e.g. the time to a target never reached. A finite value is judged
    /// by `lowerBound`, then `upperBound`; ±∞ is decided like any number (∞ ≥ atLeast passes, ∞ ≤ atMost
    /// fails; margin ±∞), and NaN (∞/∞) fails. `note` says why the value is infinite.
    public static func unboundedComparison(_ quantity: String, measured: Double, atLeast: Double?, atMost: Double?,
                                           note: String) -> CheckOutcome {
        precondition(atLeast != nil || atMost != nil, "unboundedComparison needs a bound")
        if measured.isFinite {
            var outcome = atLeast.map { lowerBound(quantity, measured: measured, bound: $0) }
            if let high = atMost, outcome?.verdict ?? .pass == .pass { outcome = upperBound(quantity, measured: measured, bound: high) }
            return outcome!
        }
        let margin = measured.isNaN ? nil : min(atLeast.map { measured - $0 } ?? .infinity, atMost.map { $0 - measured } ?? .infinity)
        let verdict: Verdict = (margin ?? -1) >= 0 ? .pass : .fail
        return CheckOutcome(verdict: verdict, measured: measured, interval: nil, bound: atLeast ?? atMost, margin: margin,
                            detail: "\(quantity): \(note) (\(measured)) \(verdict.rawValue)")
    }

    /// "quantity ≈ expected within a relative tolerance": PASS iff |m − e| ≤ tolerance·|e|;
    /// margin = tolerance·|e| − |m − e|; `bound` reports e. A negative or non-finite tolerance gives ERROR.
    public static func relativeTolerance(_ quantity: String, measured: Double, interval: Interval? = nil,
                                         expected: Double, tolerance: Double) -> CheckOutcome {
        guard tolerance >= 0, tolerance.isFinite, expected.isFinite else {
            return CheckOutcome(verdict: .error, measured: measured, interval: interval, bound: expected, margin: nil,
                                detail: "\(quantity): relative tolerance \(tolerance) around expected \(expected) is invalid; expected a finite tolerance ≥ 0 and a finite expected value")
        }
        let deviation = abs(measured - expected)
        return decide(quantity, measured: measured, interval: interval, bound: expected,
                      margin: tolerance * abs(expected) - deviation,
                      rule: "|estimate − expected| = \(format(deviation)) ≤ \(format(tolerance)) × |\(format(expected))|")
    }

    /// "quantity ≈ expected within an absolute tolerance" (exponents, slopes): PASS iff |m − e| ≤ tolerance;
    /// margin = tolerance − |m − e|; `bound` reports e.
    public static func absoluteTolerance(_ quantity: String, measured: Double, interval: Interval? = nil,
                                         expected: Double, tolerance: Double) -> CheckOutcome {
        let deviation = abs(measured - expected)
        return decide(quantity, measured: measured, interval: interval, bound: expected, margin: tolerance - deviation,
                      rule: "|estimate − expected| = \(format(deviation)) ≤ \(format(tolerance))")
    }

    /// "the CI is consistent with expected": PASS iff low ≤ e ≤ high; margin = min(e − low, high − e).
    public static func contains(_ quantity: String, measured: Double, interval: Interval, expected: Double) -> CheckOutcome {
        decide(quantity, measured: measured, interval: interval, bound: expected,
               margin: min(expected - interval.low, interval.high - expected),
               rule: "expected \(format(expected)) ∈ CI [\(format(interval.low)), \(format(interval.high))]")
    }

    /// The common verdict rule: DIVERGED if anything measured is non-finite, else PASS iff margin ≥ 0.
    private static func decide(_ quantity: String, measured: Double, interval: Interval?, bound: Double,
                               margin: Double, rule: String) -> CheckOutcome {
        let finite = measured.isFinite && (interval.map { $0.low.isFinite && $0.high.isFinite } ?? true)
        guard finite else {
            return CheckOutcome(verdict: .diverged, measured: measured, interval: interval, bound: bound, margin: nil,
                                detail: "\(quantity): diverged (estimate \(measured)\(interval.map { ", CI [\($0.low), \($0.high)]" } ?? ""))")
        }
        let verdict: Verdict = margin >= 0 ? .pass : .fail
        return CheckOutcome(verdict: verdict, measured: measured, interval: interval, bound: bound, margin: margin,
                            detail: "\(quantity): \(rule) (margin \(format(margin))) \(verdict.rawValue)")
    }

    /// Six significant digits, e.g. "0.901234", "1.2e-08".
    static func format(_ value: Double) -> String { String(format: "%.6g", value) }
}
