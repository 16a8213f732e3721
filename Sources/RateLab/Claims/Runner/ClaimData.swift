import RateLabAlgorithms
import RateLabVerification

/// Everything a claim's checks read: per grid point, the runs of every seed.
struct ClaimData: Sendable {
    let claim: Claim
    let points: [PointResult]

    func points(matching filter: [String: String]) -> [PointResult] { points.filter { $0.point.matches(filter) } }
}

/// The runs of one grid point.
struct PointResult: Sendable {
    let point: GridPoint
    /// L, mu, kappa, p, T, B, d of this point (for expressions in checks).
    let bindings: [String: Double]
    /// One per seed, in seed order; nil when the point could not be set up (see `failure`).
    let runs: [SeedRun]
    /// Why the point has no usable runs (problem or optimum failed, bad setting).
    let failure: String?

    struct SeedRun: Sendable {
        let seed: UInt64
        let result: RunResult
    }

    /// The first diverged run, if any.
    var diverged: RunStatus? { runs.first { $0.result.status.isDiverged }?.result.status }

    /// The seed-averaged trajectory: x from the first seed (sim_time averaged arithmetically), the metric
    /// as the geometric mean over seeds (log-scale average), up to the shortest run.
    func trajectory(_ metric: Metric, _ x: XAxis) -> (x: [Double], y: [Double]) {
        guard let first = runs.first else { return ([], []) }
        let count = runs.map(\.result.checkpoints.count).min() ?? 0
        var xs = [Double](), ys = [Double]()
        for k in 0..<count {
            let points = runs.map { $0.result.checkpoints[k] }
            xs.append(x == .iteration ? x.value(first.result.checkpoints[k]) : points.map(x.value).reduce(0, +) / Double(points.count))
            ys.append(PointResult.geometricMean(points.map(metric.value)))
        }
        return (xs, ys)
    }

    /// A scalar per seed, summarised by the geometric mean over seeds (nil if some seed has none).
    func statistic(_ statistic: Statistic, _ metric: Metric, _ x: XAxis) -> Double? {
        let values = runs.map { statistic.value(of: $0.result, metric, x) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
        return PointResult.geometricMean(values.map { $0! })
    }

    /// exp(mean log v) for positive values; the arithmetic mean when some value is ≤ 0 or infinite.
    static func geometricMean(_ v: [Double]) -> Double {
        guard !v.isEmpty else { return .nan }
        if v.allSatisfy({ $0 > 0 && $0.isFinite }) {
            return exp(v.map { log($0) }.reduce(0, +) / Double(v.count))
        }
        return v.reduce(0, +) / Double(v.count)
    }
}

/// A scalar summary of one run's trajectory.
enum Statistic: Sendable, Equatable {
    /// The metric at the last checkpoint.
    case final
    /// The smallest value over the checkpoints after the start.
    case minimum
    /// The mean over the checkpoints after the start (e.g. (1/K) Σ ‖∇f‖²).
    case mean
    /// The mean over the last half of the checkpoints (a plateau level).
    case tailMean
    /// The x (iteration or simulated time) of the first checkpoint with metric ≤ target (∞ if never).
    case timeToTarget(Double)
    /// Communication rounds at the end.
    case rounds
    /// Simulated seconds per iteration over the whole run, t_K / K at the last checkpoint: the time factor of
    /// time-to-target = (iterations to target) × (seconds per iteration), so a speed claim can report its
    /// iteration complexity and its time per iteration apart. nil when no iteration ran.
    case timePerIteration

    init(parsing text: String, target: Double?) throws {
        switch text {
        case "final": self = .final
        case "min": self = .minimum
        case "mean": self = .mean
        case "tail-mean": self = .tailMean
        case "rounds": self = .rounds
        case "time-per-iteration": self = .timePerIteration
        case "time-to-target":
            guard let t = target else { throw StatisticError.missingTarget }
            self = .timeToTarget(t)
        default: throw StatisticError.unknown(text)
        }
    }

    static let names = ["final", "min", "mean", "tail-mean", "time-to-target", "rounds", "time-per-iteration"]

    func value(of r: RunResult, _ metric: Metric, _ x: XAxis) -> Double? {
        let c = r.checkpoints
        guard let last = c.last else { return nil }
        let body = c.count > 1 ? Array(c.dropFirst()) : c
        switch self {
        case .final: return metric.value(last)
        case .minimum: return body.map(metric.value).min()
        case .mean: return body.map(metric.value).reduce(0, +) / Double(body.count)
        case .tailMean:
            let tail = body.suffix(max(1, body.count / 2))
            return tail.map(metric.value).reduce(0, +) / Double(tail.count)
        case let .timeToTarget(target): return c.first { metric.value($0) <= target }.map(x.value) ?? .infinity
        case .rounds: return Double(last.rounds)
        case .timePerIteration: return last.iteration > 0 ? last.simTime / Double(last.iteration) : nil
        }
    }
}

enum StatisticError: Error, CustomStringConvertible {
    case missingTarget, unknown(String)
    var description: String {
        switch self {
        case .missingTarget: return "statistic time-to-target needs 'target'"
        case let .unknown(s): return "unknown statistic '\(s)'; known: \(Statistic.names.joined(separator: ", "))"
        }
    }
}

import Foundation
