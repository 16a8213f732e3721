import RateLabLinalg

/// The assignment of n data rows to p workers in contiguous blocks, and the weights that make
/// f = (1/p) Σ_i f_i with f_i the mean loss over worker i's rows.
///
/// Worker i owns n_i = ⌊n/p⌋ rows, plus one for the first n mod p workers. Row k of worker i has
/// weight w_k = 1/(p·n_i), so f(x) = Σ_k w_k ℓ_k(x) (= (1/n) Σ_k ℓ_k when p divides n).
///
/// The global pool (`DataSplit.global`) is the i.i.d. setting of the local-SGD theorems: every worker
/// owns all n rows (f_i = f), so every minibatch of every worker is drawn from the same distribution,
/// and w_k = 1/n.
public struct WorkerPartition: Sendable, Equatable {
    /// Row ranges, one per worker: disjoint blocks covering 0..<n in order, or 0..<n for every worker
    /// (global pool).
    public let rows: [Range<Int>]
    /// w_k = 1/(p·n_i) for each row k (Σ_k w_k = 1); 1/n for the global pool.
    public let weights: [Double]
    /// The distinct blocks of `rows` (each row in exactly one): f = (1/|blocks|) Σ_b (mean loss over b).
    /// The full objective and gradient sum over these, so the global pool costs one pass, not p.
    public let blocks: [Range<Int>]

    /// Every one of `workers` workers owns all `rowCount` rows (the global pool); refuses p < 1 and n < 1.
    public static func globalPool(rowCount n: Int, workers p: Int) throws -> WorkerPartition {
        guard p >= 1, n >= 1 else {
            throw ProblemError.invalidParameter(parameter: "workers", value: "\(p)", expected: "at least 1, with at least one data row")
        }
        return WorkerPartition(rows: Array(repeating: 0..<n, count: p), weights: Array(repeating: 1 / Double(n), count: n), blocks: [0..<n])
    }

    private init(rows: [Range<Int>], weights: [Double], blocks: [Range<Int>]) {
        self.rows = rows
        self.weights = weights
        self.blocks = blocks
    }

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
        self.init(rows: ranges, weights: weights, blocks: ranges)
    }

    /// The row order a split applies before cutting blocks: the identity for `.contiguous` and `.global`, a
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
