/// An error from the reports layer: a file that could not be written, or report content whose
/// shape does not fit (a row of the wrong width, a plot series whose coordinates do not pair up).
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// Writing `path` failed at `step` (e.g. "create directory", "open", "write", "rename")
    /// with the operating system's `reason` (strerror text).
    case io(path: String, step: String, reason: String)
    /// Row number `row` (1-based, header not counted) of `report` has `got` cells but the header has `expected`.
    case rowWidth(report: String, row: Int, expected: Int, got: Int)
    /// Plot item `item` of plot `plot` has coordinate arrays of unequal length, listed in `lengths`
    /// (e.g. "x has 10 values, y has 9").
    case coordinateCount(plot: String, item: String, lengths: String)
    /// A value could not be encoded as JSON; `reason` is the encoder's message.
    case jsonEncoding(reason: String)

    public var description: String {
        switch self {
        case let .io(path, step, reason):
            return "cannot write '\(path)': \(step) failed: \(reason)"
        case let .rowWidth(report, row, expected, got):
            return "\(report) row \(row): expected \(expected) cells (one per column), got \(got)"
        case let .coordinateCount(plot, item, lengths):
            return "plot '\(plot)', '\(item)': coordinate arrays must have equal length, but \(lengths)"
        case let .jsonEncoding(reason):
            return "cannot encode JSON sidecar: \(reason)"
        }
    }
}
