/// How the data rows are assigned to workers.
public enum DataSplit: String, Codable, Hashable, Sendable, CaseIterable {
    /// Rows in file order, in contiguous blocks: workers see different parts of the data
    /// (heterogeneous when the file is sorted, as real data often are).
    case contiguous
    /// A seeded random permutation (stream purpose `.split`) first, then contiguous blocks:
    /// every worker sees an i.i.d. sample of fixed rows (finite-sample heterogeneity between shards).
    case shuffled
    /// No split: every worker owns all rows and draws its minibatches from the whole pool, so f_i = f
    /// and the stochastic gradients of all workers are i.i.d. (the setting of the local-SGD theorems).
    case global
}

/// How the eigenvalues of a quadratic's Hessian are spread between μ and L.
public enum SpectrumSpacing: String, Codable, Hashable, Sendable, CaseIterable {
    /// λ_j = μ + (L − μ)·j/(d − 1), j = 0…d−1.
    case linear
    /// λ_j = μ·(L/μ)^{j/(d − 1)}.
    case geometric
    /// ⌈d/2⌉ eigenvalues equal to μ and the rest equal to L: the worst case of gradient descent.
    case worstCase = "worst-case"
}

/// Everything needed to build any problem of the catalog; `ProblemFactory.make` turns it into a
/// `Problem`. Parameters a problem does not use must keep their defaults (else the factory refuses).
///
/// Decoding accepts any subset of the keys (the others take the defaults below), so a claim file
/// can say only `name: quadratic, kappa: 100`.
public struct ProblemSpec: Codable, Hashable, Sendable {
    /// Catalog name, e.g. `logistic` (see `ProblemCatalog.entries`).
    public var name: String
    /// LIBSVM data file; nil = synthetic data (two-layer-net: `data/breast-cancer.svm`).
    public var dataPath: String?
    /// Regularisation λ ≥ 0; nil = the problem's default (logistic, two-layer-net 1e-3;
    /// nonconvex-logistic 1e-2; least-squares, pl-sine 0).
    public var lambda: Double?
    /// d for synthetic problems; nil = default (10; pl-sine 40).
    public var dimension: Int?
    /// Rows per worker for synthetic data; nil = default (50; pl-sine ⌊d/(2p)⌋, at least 1).
    public var samplesPerWorker: Int?
    /// Total rows n of synthetic data, the same for every p (instead of `samplesPerWorker`, n = p·m): with
    /// `split: global` every worker samples i.i.d. from one pool whose data and f* do not depend on p.
    public var totalSamples: Int?
    /// p ≥ 1, the number of workers.
    public var workers: Int
    /// Row-to-worker assignment for finite sums.
    public var split: DataSplit
    /// Quadratic: smallest Hessian eigenvalue μ > 0 (default 1).
    public var mu: Double?
    /// Quadratic: largest Hessian eigenvalue L ≥ μ (default 10·μ, or κ·μ when κ is given);
    /// huber-worst-case: the smoothness constant L > 0 (default 1).
    public var L: Double?
    /// Quadratic: condition number κ = L/μ ≥ 1 (alternative to L).
    public var kappa: Double?
    /// Quadratic: eigenvalue spacing.
    public var spacing: SpectrumSpacing
    /// Quadratic: gradient heterogeneity ζ ≥ 0 at x*, ζ² = (1/p) Σ_i ‖∇f_i(x*)‖² (exact when
    /// `curvatureHeterogeneity` = 0); needs p ≥ 2 when positive.
    public var zeta: Double
    /// Quadratic: curvature heterogeneity h ∈ [0, 1) (see `QuadraticProblem`); needs p ≥ 2 when positive.
    public var curvatureHeterogeneity: Double
    /// Quadratic: Hessian spread s ∈ [0, 1) on the scale of each eigenvalue (see `QuadraticProblem`),
    /// up to s·L in the top direction; needs p ≥ 2 when positive.
    public var hessianSpread: Double
    /// σ ≥ 0. Quadratic: stochastic-oracle noise with E‖noise‖² = σ²/batchSize.
    /// Synthetic least squares: standard deviation of the label noise (0 = consistent system).
    public var noise: Double
    /// Synthetic logistic / nonconvex-logistic: probability in [0, 0.5) of flipping each label.
    public var labelFlip: Double
    /// Two-layer-net: number of hidden tanh units H ≥ 1.
    public var hidden: Int
    /// huber-worst-case: R > 0, the distance of the start x₀ = R from x* = 0 (default 1).
    public var radius: Double?
    /// huber-worst-case: N ≥ 1, the number of GD steps the function is the worst case for (required).
    public var horizon: Int?
    /// Seed of every random stream used to build the problem.
    public var seed: UInt64
    /// logcosh-regression: ν ≥ 0, the inverse width of the loss ℓ(r) = log cosh(ν r)/ν² (sup|ℓ‴| = 4ν/(3√3));
    /// nil = the default 1, 0 = least squares.
    public var nonlinearity: Double?

    public init(
        name: String, dataPath: String? = nil, lambda: Double? = nil, dimension: Int? = nil,
        samplesPerWorker: Int? = nil, workers: Int = 1, split: DataSplit = .contiguous,
        mu: Double? = nil, L: Double? = nil, kappa: Double? = nil, spacing: SpectrumSpacing = .linear,
        zeta: Double = 0, curvatureHeterogeneity: Double = 0, hessianSpread: Double = 0, noise: Double = 0, labelFlip: Double = 0.1,
        hidden: Int = 8, radius: Double? = nil, horizon: Int? = nil, seed: UInt64 = 1,
        totalSamples: Int? = nil, nonlinearity: Double? = nil
    ) {
        self.name = name
        self.dataPath = dataPath
        self.lambda = lambda
        self.dimension = dimension
        self.samplesPerWorker = samplesPerWorker
        self.workers = workers
        self.split = split
        self.mu = mu
        self.L = L
        self.kappa = kappa
        self.spacing = spacing
        self.zeta = zeta
        self.curvatureHeterogeneity = curvatureHeterogeneity
        self.hessianSpread = hessianSpread
        self.noise = noise
        self.labelFlip = labelFlip
        self.hidden = hidden
        self.radius = radius
        self.horizon = horizon
        self.seed = seed
        self.totalSamples = totalSamples
        self.nonlinearity = nonlinearity
    }

    private enum CodingKeys: String, CodingKey {
        case name, dataPath, lambda, dimension, samplesPerWorker, workers, split, mu, L, kappa, spacing
        case zeta, curvatureHeterogeneity, hessianSpread, noise, labelFlip, hidden, radius, horizon, seed
        case totalSamples, nonlinearity
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ProblemSpec(name: try c.decode(String.self, forKey: .name))
        self = defaults
        dataPath = try c.decodeIfPresent(String.self, forKey: .dataPath)
        lambda = try c.decodeIfPresent(Double.self, forKey: .lambda)
        dimension = try c.decodeIfPresent(Int.self, forKey: .dimension)
        samplesPerWorker = try c.decodeIfPresent(Int.self, forKey: .samplesPerWorker)
        workers = try c.decodeIfPresent(Int.self, forKey: .workers) ?? defaults.workers
        split = try c.decodeIfPresent(DataSplit.self, forKey: .split) ?? defaults.split
        mu = try c.decodeIfPresent(Double.self, forKey: .mu)
        L = try c.decodeIfPresent(Double.self, forKey: .L)
        kappa = try c.decodeIfPresent(Double.self, forKey: .kappa)
        spacing = try c.decodeIfPresent(SpectrumSpacing.self, forKey: .spacing) ?? defaults.spacing
        zeta = try c.decodeIfPresent(Double.self, forKey: .zeta) ?? defaults.zeta
        curvatureHeterogeneity = try c.decodeIfPresent(Double.self, forKey: .curvatureHeterogeneity)
            ?? defaults.curvatureHeterogeneity
        hessianSpread = try c.decodeIfPresent(Double.self, forKey: .hessianSpread) ?? defaults.hessianSpread
        noise = try c.decodeIfPresent(Double.self, forKey: .noise) ?? defaults.noise
        labelFlip = try c.decodeIfPresent(Double.self, forKey: .labelFlip) ?? defaults.labelFlip
        hidden = try c.decodeIfPresent(Int.self, forKey: .hidden) ?? defaults.hidden
        radius = try c.decodeIfPresent(Double.self, forKey: .radius)
        horizon = try c.decodeIfPresent(Int.self, forKey: .horizon)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
        totalSamples = try c.decodeIfPresent(Int.self, forKey: .totalSamples)
        nonlinearity = try c.decodeIfPresent(Double.self, forKey: .nonlinearity)
    }
}
