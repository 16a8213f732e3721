import Foundation

/// The usable points of a metric series for a log-scale fit: the indices i with m_i finite and
/// m_i > 0, their x_i and log m_i. `x` itself must be finite and non-decreasing.
struct PositiveSeries {
    /// Indices into the caller's arrays of the kept points, ascending.
    let indices: [Int]
    let x: [Double]
    let logMetric: [Double]

    init(x: [Double], metric: [Double], fit: String) throws {
        try Validation.sameLength(x, "x", metric, "y", fit: fit)
        try Validation.finite(x, "x", fit: fit)
        try Validation.nonDecreasing(x, "x", fit: fit)
        let kept = metric.indices.filter { metric[$0].isFinite && metric[$0] > 0 }
        indices = kept
        self.x = kept.map { x[$0] }
        logMetric = kept.map { log(metric[$0]) }
    }

    var count: Int { indices.count }

    /// The window covering kept points `range` (positions in this series).
    func window(_ range: Range<Int>) -> FitWindow {
        FitWindow(indices: indices[range.lowerBound]...indices[range.upperBound - 1],
                  start: x[range.lowerBound], end: x[range.upperBound - 1])
    }
}
