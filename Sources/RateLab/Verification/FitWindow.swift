/// The part of a data series a fit used: the index range into the caller's arrays and the same range
/// in x units (iterations, simulated seconds, …, whatever x was).
///
/// Points inside `indices` that were dropped as invalid (non-finite or non-positive metric) are not
/// counted in the fit's `points`.
public struct FitWindow: Codable, Sendable, Equatable {
    /// First and last index, into the caller's `x`/`y` arrays, of the points the fit used.
    public var indices: ClosedRange<Int>
    /// x at the first index of the window.
    public var start: Double
    /// x at the last index of the window.
    public var end: Double

    public init(indices: ClosedRange<Int>, start: Double, end: Double) {
        self.indices = indices
        self.start = start
        self.end = end
    }
}
