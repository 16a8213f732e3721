/// One claim: a theorem, corollary or paper result stated as measurable checks over a grid of runs.
public struct Claim: Sendable {
    /// Short identifier (the file name without `.yaml` unless `id:` is given); names the report folder.
    public let id: String
    public let title: String
    /// Paper and theorem (or "classic" reference) the claim comes from.
    public let source: String
    /// The statement in words.
    public let statement: String
    /// The claim file's path.
    public let file: String
    /// Base settings of the `problem:` and `run:` sections (a control's overrides replace some).
    var problem: [String: Setting]
    var run: [String: Setting]
    /// Sweep axes, e.g. `problem.workers: [2, 4, 8]`, in order; the grid is the Cartesian product of their
    /// dimensions (zipped axes share one and vary together).
    var sweep: [SweepAxis]
    /// Seeds of the algorithm's randomness; every grid point is run once per seed.
    let seeds: [UInt64]
    var checks: [CheckSpec]
    let plot: PlotSpec
    /// Perturbations under which theory predicts the claim must not pass, run beside it.
    public internal(set) var controls: [Control] = []
    /// The verdict the claim is documented to get (`expect:` and `reason:`), if any.
    public let expectation: Expectation?
    /// The claim file's text (part of the cell cache key: a changed claim never reuses old cells).
    let text: String

    /// True for a claim without checks: its grid is run for figure data (CSVs, plots) only.
    public var isFigureOnly: Bool { checks.isEmpty }
}

/// One sweep axis: `section.key` and its values, on a dimension of the grid. Axes of one `zip:` share a
/// dimension (value k of each goes with value k of the others); every other axis has its own. Each axis is
/// its own column in the CSVs either way.
struct SweepAxis: Sendable {
    /// The `sweep:` key whose axes vary together.
    static let zipKey = "zip"

    /// "problem" or "run".
    let section: String
    let key: String
    var values: [Setting]
    /// The grid dimension (0, 1, … in order of appearance); zipped axes are adjacent and share it.
    let dimension: Int
    var name: String { "\(section).\(key)" }

    /// The dimensions of `axes` in order: the indices of their axes and their common length.
    static func dimensions(_ axes: [SweepAxis]) -> [(axes: [Int], length: Int)] {
        var out = [(axes: [Int], length: Int)]()
        for (k, axis) in axes.enumerated() {
            if k > 0, axes[k - 1].dimension == axis.dimension { out[out.count - 1].axes.append(k) } else { out.append(([k], axis.values.count)) }
        }
        return out
    }
}

/// What the claim's SVG plot shows.
struct PlotSpec: Sendable {
    let metric: Metric
    let x: XAxis
}

/// A trajectory column a check can read.
public enum Metric: String, CaseIterable, Sendable {
    case gap, gradNormSq = "grad_norm_sq", distSq = "dist_sq", consensus

    func value(_ c: RateLabAlgorithms.Checkpoint) -> Double {
        switch self {
        case .gap: return c.gap
        case .gradNormSq: return c.gradNormSq
        case .distSq: return c.distSq
        case .consensus: return c.consensus
        }
    }
}

/// The abscissa of a trajectory: iterations, simulated seconds, or communication rounds (averagings or
/// collectives so far; e.g. "rounds to reach a loss" for local SGD, where τ = 91 needs about 1/91 of τ = 1's).
public enum XAxis: String, CaseIterable, Sendable {
    case iteration, simTime = "sim_time", rounds

    func value(_ c: RateLabAlgorithms.Checkpoint) -> Double {
        switch self {
        case .iteration: return Double(c.iteration)
        case .simTime: return c.simTime
        case .rounds: return Double(c.rounds)
        }
    }
}

import RateLabAlgorithms
