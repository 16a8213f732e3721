/// Bounds on the simulated times, so that a clock summed over up to 10⁹ steps stays finite
/// (README, "Limits"): larger values are refused where they are parsed, naming the flag.
public enum SimulationLimits {
    /// Largest time parameter in seconds: latency, extra delay, retransmission timeout, compute mean.
    public static let maxSeconds = 1e6
    /// Smallest bandwidth, bytes per second (a message of d ≤ 2,000 doubles then takes ≤ 16,000 s).
    public static let minBandwidth = 1.0
    /// Largest σ of a log-normal compute time (exp(σ·z) must stay finite) and largest straggler slowdown.
    public static let maxSigma = 10.0
    public static let maxSlowdown = 1e6
}
