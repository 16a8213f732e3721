import RateLabLinalg

/// The assignment of n data rows to p workers in contiguous blocks, and the weights that make
/// f = (1/p) Σ_i f_i with f_i the mean loss over worker i's rows.
///
/// Worker i owns n_i = ⌊n/p⌋ rows, plus one for the first n mod p workers. Row k of worker i has
/// weight w_k = 1/(p·n_i), so f(x) = Σ_k w_k ℓ_k(x) (= (1/n) Σ_k ℓ_k when p divides n).
public struct WorkerPartition: Sendable, Equatable {
    /// Row ranges, one per worker, covering 0..<n in order.
    public let rows: [Range<Int>]
    /// w_k = 1/(p·n_i) for each row k (Σ_k w_k = 1).
    public let weights: [Double]

    /// Splits `rowCount` rows over `workers` workers; refuses p < 1 and p > n.
    public init(rowCount n: Int, workers p: Int) throws {
        guard p >= 1 else {
            throw ProblemError.invalidParameter(parameter: "workers", value: "\(p)", expected: "at least 1")
        }
        guard p <= n else {
            throw ProblemError.invalidParameter(
                parameter: "workers", value: "\(p)", expected: "at most the number of data rows (\(n))")
        }
        var ranges: [Range<Int>] = []
        var weights = [Double](repeating: 0, count: n)
        var start = 0
        for i in 0..<p {
            let count = n / p + (i < n % p ? 1 : 0)
            ranges.append(start..<(start + count))
            for k in start..<(start + count) { weights[k] = 1 / (Double(p) * Double(count)) }
            start += count
        }
        self.rows = ranges
        self.weights = weights
    }

    /// The row order a split applies before cutting blocks: the identity for `.contiguous`, a
    /// Fisher–Yates permutation drawn from the `.split` stream of `seed` for `.shuffled`.
    public static func order(rowCount n: Int, split: DataSplit, seed: UInt64) -> [Int] {
        var order = Array(0..<n)
        guard split == .shuffled, n > 1 else { return order }
        var rng = RandomStream(seed: seed, purpose: .split)
        for k in stride(from: n - 1, to: 0, by: -1) {
            order.swapAt(k, rng.nextIndex(k + 1))
        }
        return order
    }
}
