/// What a check measured and concluded: the verdict, the measured value with its interval and how the
/// interval was made, the bound it was compared with and the margin (positive = satisfied with room to
/// spare, negative = violated by that much), all in the units of the measured quantity, plus a one-line
/// human-readable detail.
public struct CheckOutcome: Codable, Sendable {
    public var verdict: Verdict
    /// The point estimate (may be NaN or ±∞ when the verdict is `.diverged`).
    public var measured: Double
    /// Its confidence interval, if the measurement has one.
    public var interval: Interval?
    /// The bound or expected value it was compared with.
    public var bound: Double?
    /// How far inside (> 0) or outside (< 0) the acceptance region the decisive end of the interval lies.
    public var margin: Double?
    /// How the interval was made (e.g. "t-interval over 6 seeds"), or why there is none.
    public var method: String?
    /// One line, e.g. "rate: upper CI 0.9012 ≤ bound 0.95 (margin 0.0488, estimate/bound 0.947)".
    public var detail: String

    public init(verdict: Verdict, measured: Double, interval: Interval?, bound: Double?, margin: Double?,
                method: String? = nil, detail: String) {
        self.verdict = verdict
        self.measured = measured
        self.interval = interval
        self.bound = bound
        self.margin = margin
        self.method = method
        self.detail = detail
    }
}
