import Foundation

/// Turns evidence (an estimate with its interval) into a verdict, deciding from the whole interval.
///
/// - `atMost` / `atLeast` (one-sided: the theorem is a bound): PASS when the whole interval is on the
///   bound's side, FAIL when the whole interval is on the wrong side, otherwise INCONCLUSIVE;
/// - `equals` (two-sided equivalence with a tolerance band [e − tol, e + tol]): PASS when the interval lies
///   inside the band, FAIL when it does not meet the band, otherwise INCONCLUSIVE.
/// With `resolution` (the smallest deviation the check must detect), an interval wider than it cannot
/// PASS (INCONCLUSIVE). The margin is the signed distance of the decisive end of the interval into the
/// acceptance region, in the units of the quantity. A non-finite estimate gives DIVERGED; a finite
/// estimate with an unbounded interval is INCONCLUSIVE. `quantity` names what was measured.
public enum Checks {
    /// "quantity ≤ bound", decided on the upper end of the interval.
    public static func atMost(_ quantity: String, _ e: Evidence, bound: Double, resolution: Double? = nil) -> CheckOutcome {
        decide(quantity, e, bound: bound, resolution: resolution,
               passMargin: bound - e.interval.high, failMargin: e.interval.low - bound,
               rule: "upper end \(format(e.interval.high)) ≤ bound \(format(bound))",
               needed: "an upper end ≤ \(format(bound))")
    }

    /// "quantity ≥ bound", decided on the lower end of the interval.
    public static func atLeast(_ quantity: String, _ e: Evidence, bound: Double, resolution: Double? = nil) -> CheckOutcome {
        decide(quantity, e, bound: bound, resolution: resolution,
               passMargin: e.interval.low - bound, failMargin: bound - e.interval.high,
               rule: "lower end \(format(e.interval.low)) ≥ bound \(format(bound))",
               needed: "a lower end ≥ \(format(bound))")
    }

    /// "quantity = expected within ± tolerance" (absolute half-width of the band).
    public static func equals(_ quantity: String, _ e: Evidence, expected: Double, tolerance: Double,
                              resolution: Double? = nil) -> CheckOutcome {
        guard tolerance >= 0, tolerance.isFinite, expected.isFinite else {
            return CheckOutcome(verdict: .error, measured: e.estimate, interval: e.interval, bound: expected, margin: nil, method: e.method,
                                detail: "\(quantity): the band \(expected) ± \(tolerance) is invalid; expected a finite value and a finite tolerance ≥ 0")
        }
        let low = expected - tolerance, high = expected + tolerance
        return decide(quantity, e, bound: expected, resolution: resolution,
                      passMargin: min(e.interval.low - low, high - e.interval.high),
                      failMargin: max(low - e.interval.high, e.interval.low - high),
                      rule: "interval [\(format(e.interval.low)), \(format(e.interval.high))] ⊂ [\(format(low)), \(format(high))]",
                      needed: "an interval inside [\(format(low)), \(format(high))]")
    }

    /// "atLeast ≤ quantity ≤ atMost" for a statistic that is +∞ by definition when something never
    /// happened (a target never reached): an infinite value is decided as a number (∞ ≥ atLeast passes,
    /// ∞ ≤ atMost fails; margin ±∞), exact, and NaN (∞/∞) is INCONCLUSIVE. `note` says why it is infinite.
    public static func infinite(_ quantity: String, measured: Double, atLeast: Double?, atMost: Double?, note: String) -> CheckOutcome {
        precondition(!measured.isFinite)
        guard !measured.isNaN else {
            return CheckOutcome(verdict: .inconclusive, measured: measured, interval: nil, bound: atLeast ?? atMost, margin: nil,
                                method: "censored on both sides", detail: "\(quantity): \(note) on both sides, so the ratio is undetermined INCONCLUSIVE")
        }
        let margin = min(atLeast.map { measured - $0 } ?? .infinity, atMost.map { $0 - measured } ?? .infinity)
        let verdict: Verdict = margin >= 0 ? .pass : .fail
        return CheckOutcome(verdict: verdict, measured: measured, interval: nil, bound: atLeast ?? atMost, margin: margin,
                            method: "censored: \(note)", detail: "\(quantity): \(note) (\(measured)) \(verdict.rawValue)")
    }

    /// The common rule: DIVERGED for a non-finite estimate; PASS when passMargin ≥ 0 (and the interval is
    /// no wider than `resolution`), FAIL when failMargin > 0, else INCONCLUSIVE.
    private static func decide(_ quantity: String, _ e: Evidence, bound: Double, resolution: Double?,
                               passMargin: Double, failMargin: Double, rule: String, needed: String) -> CheckOutcome {
        let interval = e.interval
        guard e.estimate.isFinite else {
            return CheckOutcome(verdict: .diverged, measured: e.estimate, interval: interval, bound: bound, margin: nil, method: e.method,
                                detail: "\(quantity): diverged (estimate \(e.estimate))")
        }
        let verdict: Verdict, margin: Double?
        var why = ""
        if !(interval.low.isFinite && interval.high.isFinite) {
            verdict = .inconclusive; margin = nil
            why = " — the interval is unbounded: the data do not resolve the quantity"
        } else if failMargin > 0 {
            verdict = .fail; margin = -failMargin
        } else if passMargin >= 0 {
            if let r = resolution, interval.width > r {
                verdict = .inconclusive; margin = passMargin
                why = " — but its width \(format(interval.width)) exceeds the resolution \(format(r))"
            } else {
                verdict = .pass; margin = passMargin
            }
        } else {
            verdict = .inconclusive; margin = passMargin
            why = " — the interval straddles the boundary; deciding needs \(needed), i.e. a half-width below \(format(max(0, interval.width / 2 + passMargin)))"
        }
        return CheckOutcome(verdict: verdict, measured: e.estimate, interval: interval, bound: bound, margin: margin, method: e.method,
                            detail: "\(quantity) = \(format(e.estimate)): \(rule)\(why) (\(e.method)) \(verdict.rawValue)")
    }

    /// Six significant digits, e.g. "0.901234", "1.2e-08"; never "-0".
    public static func format(_ value: Double) -> String {
        let text = String(format: "%.6g", value)
        return text == "-0" ? "0" : text
    }
}
