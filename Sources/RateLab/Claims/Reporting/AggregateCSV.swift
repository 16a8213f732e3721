import Foundation
import RateLabReports
import RateLabVerification

/// The across-seed aggregate of a claim's trajectories (`<claim>/aggregate.csv`), long format with one
/// header, ready for pandas, R, pgfplots or matplotlib without reshaping:
///
///     claim, <sweep axes…>, iteration, sim_time, metric, n, mean, geomean, median, geomean_low, geomean_high
///
/// One row per (grid point, checkpoint, metric) for the metrics `gap`, `grad_norm_sq`, `dist_sq` and
/// `consensus`. `iteration` is the checkpoint's iteration (the same for every seed), `sim_time` the
/// arithmetic mean of the seeds' simulated times; `n` the number of seeds; `mean`, `geomean` and `median`
/// of the metric across those seeds. `geomean_low`/`geomean_high` are the 95% interval of the geometric
/// mean: the t-interval of the mean of log values across seeds (`SeedSpread`, n − 1 degrees of freedom),
/// exponentiated. They are empty when n < 2 or some value is not positive and finite (then `geomean` is
/// empty too). Checkpoints beyond the shortest seed's run and grid points without runs are left out.
enum AggregateCSV {
    /// The metrics aggregated, in row order.
    static let metrics: [Metric] = [.gap, .gradNormSq, .distSq, .consensus]

    /// The column names after the sweep axes.
    static let valueColumns = ["iteration", "sim_time", "metric", "n", "mean", "geomean", "median", "geomean_low", "geomean_high"]

    /// The confidence level of the geometric-mean interval.
    static let level = 0.95

    /// The aggregate of `data`'s runs.
    static func document(_ data: ClaimData) -> CSVDocument {
        var document = CSVDocument(columns: ["claim"] + data.claim.sweep.map(\.name) + valueColumns)
        for point in data.points where !point.runs.isEmpty {
            let labels: [CSVValue] = [.text(data.claim.id)] + point.point.values.map { .text($0.value.text) }
            let count = point.runs.map(\.result.checkpoints.count).min() ?? 0
            for k in 0..<count {
                let checkpoints = point.runs.map { $0.result.checkpoints[k] }
                let simTime = checkpoints.map(\.simTime).reduce(0, +) / Double(checkpoints.count)
                for metric in metrics {
                    let s = SeedAggregate(checkpoints.map(metric.value), level: level)
                    // The width is right by construction, so `append` cannot throw.
                    try! document.append(labels + [.integer(checkpoints[0].iteration), .number(simTime), .text(metric.rawValue),
                                                   .integer(s.n), .number(s.mean), s.geometricMean.map(CSVValue.number) ?? .missing,
                                                   .number(s.median), s.interval.map { .number($0.low) } ?? .missing,
                                                   s.interval.map { .number($0.high) } ?? .missing])
                }
            }
        }
        return document
    }
}

/// Summaries of one quantity across seeds: n, mean, median, geometric mean and the interval of the
/// geometric mean (the t-interval of the mean of logs, exponentiated).
struct SeedAggregate: Equatable {
    let n: Int
    let mean: Double
    let median: Double
    /// exp(mean log v); nil unless every value is positive and finite.
    let geometricMean: Double?
    /// [exp(low), exp(high)] of the t-interval of mean log v; nil when `geometricMean` is nil or n < 2.
    let interval: Interval?

    init(_ values: [Double], level: Double) {
        n = values.count
        mean = values.reduce(0, +) / Double(max(1, n))
        let sorted = values.sorted()
        median = n == 0 ? .nan : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        guard n > 0, values.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            geometricMean = nil
            interval = nil
            return
        }
        let logs = values.map { Foundation.log($0) }
        geometricMean = exp(logs.reduce(0, +) / Double(n))
        interval = (try? SeedSpread.of(logs, level: level)).map { Interval(low: exp($0.interval.low), high: exp($0.interval.high)) }
    }
}
