/// A closed interval [low, high] on the real line, in the units of the quantity it bounds
/// (typically a confidence interval of a fitted rate, exponent or mean).
public struct Interval: Codable, Sendable, Equatable {
    /// The lower end.
    public var low: Double
    /// The upper end.
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// True iff low ≤ value ≤ high.
    public func contains(_ value: Double) -> Bool { low <= value && value <= high }

    /// high − low.
    public var width: Double { high - low }

    /// The image of the interval under an increasing map f: [f(low), f(high)], e.g. `exp` to turn
    /// a CI of log ρ into a CI of ρ.
    public func mapped(by increasing: (Double) -> Double) -> Interval {
        Interval(low: increasing(low), high: increasing(high))
    }
}
