import Foundation
import RateLabAlgorithms
import RateLabVerification

extension PointResult {
    /// The evidence for a quantity fitted along a trajectory (a rate, an exponent): with at least
    /// `SeedSpread.minimumSeeds` seeds, the t-interval of the per-seed estimates (each seed an independent
    /// run, no noise model needed); with fewer, the calibrated single-trajectory interval of the fit of the
    /// seed-averaged trajectory (AR(1) GLS with bootstrap-t), `averaged`, which the caller has already
    /// made. `estimate` maps one run's (x, y) to its estimate.
    func trajectoryEvidence(_ metric: Metric, _ x: XAxis, skip: Int = 0, averaged: SerialEstimate,
                            estimate: ([Double], [Double]) throws -> Double) throws -> Evidence {
        guard usesSeedSpread else { return Evidence(averaged) }
        let estimates = try runs.map { run -> Double in
            let t = PointResult.series(run.result, metric, x)
            return try estimate(Array(t.x.dropFirst(skip)), Array(t.y.dropFirst(skip)))
        }
        return Evidence(try SeedSpread.of(estimates))
    }

    /// Whether a fitted quantity's interval comes from the spread of per-seed estimates (at least
    /// `SeedSpread.minimumSeeds` seeds) rather than from the seed-averaged trajectory's own fit.
    var usesSeedSpread: Bool { runs.count >= SeedSpread.minimumSeeds }

    /// The (x, metric) series of one run.
    static func series(_ r: RunResult, _ metric: Metric, _ x: XAxis) -> (x: [Double], y: [Double]) {
        (r.checkpoints.map(x.value), r.checkpoints.map(metric.value))
    }

    /// The evidence for the mean over seeds of a per-seed number on the log scale (log of a statistic,
    /// log of a ratio): the t-interval when there are at least `SeedSpread.minimumSeeds` finite values,
    /// exact when two or more seeds give the same value (a deterministic run), else nil (too few seeds to
    /// tell the run-to-run spread).
    static func seedEvidence(_ values: [Double]) throws -> Evidence? {
        guard values.allSatisfy(\.isFinite), let first = values.first else { return nil }
        if values.count >= SeedSpread.minimumSeeds { return Evidence(try SeedSpread.of(values)) }
        if values.count >= 2, values.allSatisfy({ $0 == first }) {
            return .exact(first, why: "identical over \(values.count) seeds")
        }
        return nil
    }
}
