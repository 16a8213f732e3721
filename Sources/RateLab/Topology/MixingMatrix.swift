import RateLabLinalg

/// One nonzero entry of a sparse row or column of a mixing matrix: weight `w` at index `j`.
public struct MixingWeight: Sendable, Equatable {
    /// The other index: the column j in `MixingMatrix.rows[i]`, the row i in `MixingMatrix.columns[j]`.
    public let j: Int
    /// The weight W_ij (dimensionless).
    public let w: Double

    /// The entry W = `w` at the other index `j`.
    public init(j: Int, w: Double) {
        self.j = j
        self.w = w
    }
}

/// A p × p nonnegative mixing (gossip) matrix W: node i's new value is Σ_j W_ij x_j.
///
/// Stored both densely (for spectra) and as sparse rows and columns (for the per-step pull and push loops).
/// Row stochastic (W1 = 1) means pulling averages; column stochastic (1ᵀW = 1ᵀ) means pushing conserves mass.
public struct MixingMatrix: Sendable {
    /// p × p dense; W[i, j] = weight node i gives to node j's value.
    public let matrix: Matrix
    /// rows[i] = the nonzero entries (j, W_ij) of row i, the diagonal included, sorted by j.
    public let rows: [[MixingWeight]]
    /// columns[j] = the nonzero entries (i, W_ij) of column j (the `j` field holds i), sorted by i.
    public let columns: [[MixingWeight]]

    /// Wraps a dense square matrix and extracts its sparse rows and columns (exact zeros are left out).
    public init(_ matrix: Matrix) {
        precondition(matrix.rows == matrix.cols, "MixingMatrix: matrix is \(matrix.rows)×\(matrix.cols), expected square")
        let p = matrix.rows
        self.matrix = matrix
        rows = (0..<p).map { i in (0..<p).filter { matrix[i, $0] != 0 }.map { MixingWeight(j: $0, w: matrix[i, $0]) } }
        columns = (0..<p).map { j in (0..<p).filter { matrix[$0, j] != 0 }.map { MixingWeight(j: $0, w: matrix[$0, j]) } }
    }

    /// Number of nodes p.
    public var nodeCount: Int { matrix.rows }

    /// Metropolis–Hastings weights on an undirected graph: W_ij = 1/(1 + max(deg i, deg j)) for each edge {i, j},
    /// W_ii = 1 − Σ_{j≠i} W_ij, zero elsewhere. Symmetric and doubly stochastic with W_ii ≥ 1/(1 + deg i) > 0.
    /// Throws `TopologyError.notSymmetric` when the graph is directed.
    public static func metropolisHastings(_ g: Graph) throws -> MixingMatrix {
        if let edge = g.edges.first(where: { !g.outNeighbors[$0.to].contains($0.from) }) {
            throw TopologyError.notSymmetric(operation: "Metropolis–Hastings weights", edge: edge)
        }
        let p = g.nodeCount
        var w = Matrix(rows: p, cols: p)
        for i in 0..<p {
            var offDiagonal = 0.0
            for j in g.outNeighbors[i] {
                let weight = 1 / Double(1 + max(g.outNeighbors[i].count, g.outNeighbors[j].count))
                w[i, j] = weight
                offDiagonal += weight
            }
            w[i, i] = 1 - offDiagonal
        }
        return MixingMatrix(w)
    }

    /// Pull weights R: R_ij = 1/(1 + |N_in(i)|) for j ∈ N_in(i) ∪ {i}, zero elsewhere. Row stochastic, positive diagonal.
    public static func rowStochastic(_ g: Graph) -> MixingMatrix {
        let p = g.nodeCount
        var r = Matrix(rows: p, cols: p)
        for i in 0..<p {
            let weight = 1 / Double(1 + g.inNeighbors[i].count)
            r[i, i] = weight
            for j in g.inNeighbors[i] { r[i, j] = weight }
        }
        return MixingMatrix(r)
    }

    /// Push weights C: C_ij = 1/(1 + |N_out(j)|) for i ∈ N_out(j) ∪ {j}, zero elsewhere. Column stochastic,
    /// positive diagonal.
    public static func columnStochastic(_ g: Graph) -> MixingMatrix {
        // N_out(j) in g is N_in(j) in gᵀ, so C is the transpose of the pull weights of gᵀ.
        MixingMatrix(rowStochastic(g.transposed).matrix.transposed)
    }

    /// Uniform averaging W_ij = 1/p for all i, j (the complete graph; doubly stochastic, spectral gap 1).
    public static func uniform(_ p: Int) -> MixingMatrix {
        precondition(p >= 1, "MixingMatrix.uniform: p must be ≥ 1, got \(p)")
        return MixingMatrix(Matrix(rows: p, cols: p, repeating: 1 / Double(p)))
    }

    /// True when every entry is ≥ 0 and every row sums to 1 within `tolerance` (absolute).
    public func isRowStochastic(tolerance: Double) -> Bool { isStochastic(rows, tolerance: tolerance) }

    /// True when every entry is ≥ 0 and every column sums to 1 within `tolerance` (absolute).
    public func isColumnStochastic(tolerance: Double) -> Bool { isStochastic(columns, tolerance: tolerance) }

    /// True when W = Wᵀ exactly.
    public var isSymmetric: Bool { matrix == matrix.transposed }

    /// Spectral gap 1 − |λ₂|, where |λ₂| is the second largest eigenvalue modulus of W (1 for p = 1, where there
    /// is no λ₂). Eigenvalues come from `dsyevd` when W is symmetric and from `dgeev` otherwise. For a stochastic W
    /// the largest modulus is 1, and the gap measures how fast repeated mixing reaches consensus: the
    /// disagreement contracts like |λ₂|^k.
    public func spectralGap() throws -> Double {
        let moduli = isSymmetric ? try SymmetricEigen(matrix).values.map(abs) : try GeneralEigen(matrix).moduli
        let descending = moduli.sorted(by: >)
        return 1 - (descending.count > 1 ? descending[1] : 0)
    }

    private func isStochastic(_ lines: [[MixingWeight]], tolerance: Double) -> Bool {
        lines.allSatisfy { line in
            line.allSatisfy { $0.w >= 0 } && abs(line.reduce(0) { $0 + $1.w } - 1) <= tolerance
        }
    }
}
