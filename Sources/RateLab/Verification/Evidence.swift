/// A measured quantity as a check sees it: the point estimate, its confidence interval and how the
/// interval was made. Exact quantities (deterministic arithmetic on a run) carry the degenerate
/// interval [v, v] and say so.
public struct Evidence: Sendable {
    public var estimate: Double
    public var interval: Interval
    public var method: String

    public init(estimate: Double, interval: Interval, method: String) {
        self.estimate = estimate
        self.interval = interval
        self.method = method
    }

    /// An exact value: interval [v, v]; `why` says why no sampling error applies.
    public static func exact(_ value: Double, why: String) -> Evidence {
        Evidence(estimate: value, interval: Interval(low: value, high: value), method: "exact (\(why))")
    }

    /// The image under an increasing map, e.g. exp of a log-scale estimate.
    public func mapped(by increasing: (Double) -> Double) -> Evidence {
        Evidence(estimate: increasing(estimate), interval: interval.mapped(by: increasing), method: method)
    }

    /// From a fit's calibrated estimate.
    public init(_ serial: SerialEstimate) {
        self.init(estimate: serial.estimate, interval: serial.interval,
                  method: "\(SerialEstimate.method), φ̂ = \(Checks.format(serial.phi)), n = \(serial.points), n_eff ≈ \(Checks.format(serial.effectiveSampleSize))")
    }

    /// From the spread of per-seed values.
    public init(_ spread: SeedSpread) {
        self.init(estimate: spread.mean, interval: spread.interval, method: spread.method)
    }
}
