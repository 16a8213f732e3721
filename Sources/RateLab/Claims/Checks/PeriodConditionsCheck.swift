import Foundation
import RateLabVerification

/// `kind: period-conditions` — the averaging periods τ_i a local-SGD run used satisfy the conditions under
/// which ADA-LUPA keeps the rate: (i) Σ τ_i = T exactly; (ii) Σ τ_i(τ_i − 1) / T² ≤ `quadratic` (default 1);
/// (iii) (max τ_i)³ · p · B / T² ≤ `cubic` (default 1; B = 1 for exact gradients). Constants of the theorem are
/// unknown, so (ii) and (iii) are reported as the O(·) ratios against stated bounds, expressions in the point's
/// T, p, B, … . With a constant 1, (ii) holds for any schedule (Σ τ_i(τ_i − 1) < (Σ τ_i)² = T²); a bound that
/// can fail is the value of the fixed prescription τ = T^{2/3}/(pB)^{1/3}, whose Σ τ(τ − 1)/T² ≈ τ/T:
/// `quadratic: T^(-1/3)/(p*B)^(1/3)`. One set of rows per grid point.
struct PeriodConditionsCheck: ClaimCheck {
    static let kind = "period-conditions"
    static let keys = ["quadratic", "cubic"]

    let quadratic: Expression
    let cubic: Expression

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        quadratic = try r.expression("quadratic") ?? Expression(parsing: "1")
        cubic = try r.expression("cubic") ?? Expression(parsing: "1")
    }

    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow] {
        spec.points(data).flatMap { point -> [CheckRow] in
            if let row = spec.unusableRow(point) { return [row] }
            guard let periods = point.runs.first?.result.periods, !periods.isEmpty else {
                return [spec.errorRow(point, "the run recorded no averaging periods (not a local-SGD method)")]
            }
            let T = point.bindings["T"] ?? .nan, p = point.bindings["p"] ?? .nan, B = max(1, point.bindings["B"] ?? 1)
            let total = Double(periods.reduce(0, +))
            let s2 = periods.map { Double($0 * ($0 - 1)) }.reduce(0, +) / (T * T)
            let s3 = pow(Double(periods.max()!), 3) * p * B / (T * T)
            let sumRow = CheckOutcome(verdict: total == T ? .pass : .fail, measured: total, interval: Interval(low: total, high: total), bound: T,
                                      margin: -abs(total - T), method: "exact (arithmetic on the run's periods)",
                                      detail: "Σ τ_i = \(Int(total)) over \(periods.count) rounds, T = \(Int(T)); τ_i = \(periods.prefix(8).map(String.init).joined(separator: ","))\(periods.count > 8 ? ",…" : "")")
            return [
                CheckRow(check: spec.rowLabel(point, "(i) Σ τ_i = T"), outcome: sumRow),
                CheckRow(check: spec.rowLabel(point, "(ii) Σ τ_i(τ_i−1)/T²"), outcome: Checks.atMost("Σ τ_i(τ_i − 1)/T²", .exact(s2, why: "arithmetic on the run's periods"), bound: quadratic.evaluate(point.bindings))),
                CheckRow(check: spec.rowLabel(point, "(iii) (max τ)³pB/T²"), outcome: Checks.atMost("(max τ_i)³·p·B/T²", .exact(s3, why: "arithmetic on the run's periods"), bound: cubic.evaluate(point.bindings))),
            ]
        }
    }
}
