import Foundation

/// How far a measured value may move from its baseline:
/// |now − stored| ≤ max(absolute, relative·|stored|, intervalFraction·(width of the row's interval now)).
///
/// The relative part covers values computed without a fit (ratios of statistics, exponents of exact
/// data), which differ across CPUs only through the summation orders of the BLAS kernels chosen at run
/// time: a few ulps, far below 1e-6. A fitted rate moves more: its fit window ends where the trajectory
/// meets its rounding floor, which those last bits move by a checkpoint (measured: gd-pl-linear's rate
/// 0.92761 / 0.92751 / 0.92772 with OpenBLAS's SkylakeX / Prescott / Haswell kernels, 1e-4 relative,
/// while its 95% interval is 1.1e-3 wide); a change within a quarter of the measurement's own interval
/// is not a regression. The absolute part covers values at rounding level, e.g. ‖x̄ − x*‖² ≈ 1e-26 after
/// convergence (1.8e-26 / 4.8e-26 / 2.8e-26 with the same three kernels), whose relative change means nothing.
public struct DriftTolerance: Sendable {
    /// Allowed change relative to the stored value.
    public var relative: Double
    /// Allowed absolute change for every row; nil = the floor of the row's metric (`floor(for:)`).
    public var absolute: Double?
    /// Allowed change as a fraction of the width of the row's confidence interval (rows with one).
    public var intervalFraction: Double

    public init(relative: Double = 1e-6, absolute: Double? = nil, intervalFraction: Double = 0.25) {
        self.relative = relative
        self.absolute = absolute
        self.intervalFraction = intervalFraction
    }

    /// The level below which a metric's value is set by rounding and by the accuracy of the certified
    /// optimum, not by the method: the gap f(x̄) − f* is a difference of two numbers of size |f*|
    /// (|f*| ≤ 1e3 in the shipped problems, so rounding ≈ 2e-16·1e3 = 2e-13); the squared norms
    /// ‖x̄ − x*‖², ‖∇f‖² and the consensus error square rounding errors of about 1e-15 per coordinate
    /// (≈ 1e-30·d) and the optimum's accuracy (certified to ‖∇f(x*)‖ ≈ 1e-12, ‖x − x*‖² ≈ 1e-24/μ²).
    /// The floors sit a few orders above these levels and far below any bound a claim states.
    public static func floor(for metric: Metric) -> Double {
        switch metric {
        case .gap: return 1e-12
        case .distSq, .gradNormSq, .consensus: return 1e-20
        }
    }

    /// The allowed |now − stored| for `row` (its metric sets the floor; a row without one has none).
    func allowed(stored: Double, row: CheckRow) -> Double {
        let floor = absolute ?? row.metric.map(DriftTolerance.floor(for:)) ?? 0
        let interval = row.outcome.interval.map { intervalFraction * abs($0.high - $0.low) } ?? 0
        return max(floor, relative * abs(stored), interval.isFinite ? interval : 0)
    }
}

/// A row of a claim that moved from its baseline beyond the tolerance, or is new, or vanished.
public struct Drift: Sendable, CustomStringConvertible {
    public let claim: String
    /// The row's label (`CheckRow.check`).
    public let row: String
    /// The baseline's value; nil when the row is not in the baseline.
    public let stored: Double?
    /// The value measured now; nil when the row no longer gives a finite value.
    public let now: Double?
    /// The change the tolerance allowed.
    public let allowed: Double

    /// One line, e.g. "rfast-packet-loss / final ‖x̄ − x*‖²: 0.25 → 0.3 (|Δ| 0.05 > allowed 2.5e-07)".
    public var description: String {
        let key = Baseline.key(claim, row)
        switch (stored, now) {
        case let (stored?, now?):
            return "\(key): \(stored) → \(now) (|Δ| \(short(abs(now - stored))) > allowed \(short(allowed)))"
        case let (stored?, nil): return "\(key): no finite value now (baseline \(stored))"
        case let (nil, now?): return "\(key): not in the baseline (now \(now); record it with --update-baseline)"
        case (nil, nil): return "\(key): no value"
        }
    }
}
