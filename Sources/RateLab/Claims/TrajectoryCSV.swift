import RateLabAlgorithms
import RateLabReports

/// The long-format trajectory CSV written by `ratelab run` and the claim runner: label columns first,
/// then one column per standard metric, then the run's `status`; one row per (run, checkpoint).
///
/// Metric columns (units): `iteration` (iterations, or gradient evaluations / p for asynchronous
/// methods), `sim_time` (simulated seconds), `grad_evals`, `rounds`, `messages`, `dropped` (counts),
/// `bytes` (bytes sent), `gap` = f(x̄) − f*, `grad_norm_sq` = ‖∇f(x̄)‖², `dist_sq` = ‖x̄ − x*‖²,
/// `consensus` = (1/p) Σ_i ‖x_i − x̄‖². `status` is `completed`, `diverged` or `interrupted` on every row of the run.
public enum TrajectoryCSV {
    /// The metric column names, in file order.
    public static let metricColumns = [
        "iteration", "sim_time", "grad_evals", "rounds", "messages", "dropped", "bytes",
        "gap", "grad_norm_sq", "dist_sq", "consensus",
    ]

    /// The name of the last column.
    public static let statusColumn = "status"

    /// The CSV of `runs`: header `labelColumns + metricColumns + ["status"]`, then for each run (in
    /// order) one row per checkpoint (in order). Every run must have one label per label column.
    public static func document(labelColumns: [String], runs: [(labels: [CSVValue], result: RunResult)]) -> CSVDocument {
        var document = CSVDocument(columns: labelColumns + metricColumns + [statusColumn])
        for run in runs {
            precondition(run.labels.count == labelColumns.count,
                         "TrajectoryCSV: a run has \(run.labels.count) labels for \(labelColumns.count) label columns")
            let status = CSVValue.text(run.result.status.name)
            for checkpoint in run.result.checkpoints {
                // The width is right by construction (checked above), so `append` cannot throw.
                try! document.append(run.labels + cells(checkpoint) + [status])
            }
        }
        return document
    }

    /// The metric cells of one checkpoint, in `metricColumns` order.
    static func cells(_ c: Checkpoint) -> [CSVValue] {
        [.integer(c.iteration), .number(c.simTime), .integer(c.gradEvals), .integer(c.rounds), .integer(c.messages),
         .integer(c.dropped), .integer(c.bytes), .number(c.gap), .number(c.gradNormSq), .number(c.distSq),
         .number(c.consensus)]
    }
}
