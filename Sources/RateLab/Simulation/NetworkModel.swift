/// Message timing and loss of the simulated network (the same for every link).
public struct NetworkModel: Equatable, Sendable, Codable {
    /// Fixed time per message, seconds.
    public var latency: Double
    /// Link bandwidth, bytes per second; +∞ means no transmission time (transit = latency exactly).
    public var bandwidth: Double
    /// Packet loss per directed link.
    public var loss: LossModel
    /// Extra delay per message, uniform on [0, maxExtraDelay] seconds (bounded delay); 0 = none.
    public var maxExtraDelay: Double
    /// Seconds charged per lost packet in synchronous collectives before the resend.
    public var retransmissionTimeout: Double

    /// A model with the given timing (defaults: 1 ms latency, 1 GB/s, no loss, no extra delay, 0.2 s timeout).
    /// Call `validate()` before use when the values come from input.
    public init(latency: Double = 1e-3, bandwidth: Double = 1e9, loss: LossModel = .none, maxExtraDelay: Double = 0,
                retransmissionTimeout: Double = 0.2) {
        self.latency = latency
        self.bandwidth = bandwidth
        self.loss = loss
        self.maxExtraDelay = maxExtraDelay
        self.retransmissionTimeout = retransmissionTimeout
    }

    /// Transit time of a message of d doubles, seconds: latency + 8·d / bandwidth (8 bytes per double).
    public func messageTime(doubles d: Int) -> Double { latency + 8 * Double(d) / bandwidth }

    /// Throws `SimulationError.invalidSetting` naming the first bad setting by its flag (`--latency`,
    /// `--bandwidth`, `--max-delay`, `--rto`): times must be in [0, `SimulationLimits.maxSeconds`], the
    /// bandwidth ≥ `SimulationLimits.minBandwidth` (finite, or +∞ for no transmission time), loss
    /// probabilities in [0, 1).
    public func validate() throws {
        let seconds = 0...SimulationLimits.maxSeconds
        let time = "a time in 0…\(SimulationLimits.maxSeconds) seconds"
        let checks: [(String, Double, Bool, String)] = [
            ("--latency", latency, seconds.contains(latency), time),
            ("--bandwidth", bandwidth, bandwidth >= SimulationLimits.minBandwidth,
             "a rate ≥ \(SimulationLimits.minBandwidth) in bytes per second (finite, or inf for no transmission time)"),
            ("--max-delay", maxExtraDelay, seconds.contains(maxExtraDelay), time),
            ("--rto", retransmissionTimeout, seconds.contains(retransmissionTimeout), time),
        ]
        for (parameter, value, valid, expected) in checks where !valid {
            throw SimulationError.invalidSetting(parameter: parameter, value: "\(value)", expected: expected)
        }
        try loss.validate()
    }
}
