import RateLabVerification

/// How a row's measurement is compared with its bound, for the summary's bound column: "≤ 0.95",
/// "≥ 1.5", "≈ 0.81" (within a tolerance), "CI ∋ 0.333" (the interval must contain the expected value).
///
/// `CheckOutcome` does not carry the relation itself, so it is read from the rule its detail states
/// (`Checks` writes "… ≤ bound …", "… ≥ bound …" or "interval […] ⊂ […]" for an equivalence band;
/// tau-scaling writes "joint F"; threshold checks write "worst … ≤ bound …");
/// a detail with no rule (a target never reached, ∞) gets no symbol.
enum BoundRelation: String {
    case atMost = "≤", atLeast = "≥", approximately = "≈", inInterval = "CI ∋", unknown = ""

    init(_ outcome: CheckOutcome) {
        let d = outcome.detail
        if d.contains(" ≤ bound ") { self = .atMost }
        else if d.contains(" ≥ bound ") { self = .atLeast }
        else if d.contains("] ⊂ [") { self = .approximately }
        else if d.contains("joint F") { self = .inInterval }
        else { self = .unknown }
    }

    /// The column's prefix.
    var symbol: String { rawValue }
}
