import RateLabLinalg

/// The built-in problems by CLI name, with one-line descriptions (for `ratelab list`) and builders
/// (for `ProblemFactory.make`).
public enum ProblemCatalog {
    /// One built-in problem: its CLI name, a one-line description and the builder from a spec.
    public struct Entry: Sendable {
        public let name: String
        public let description: String
        /// Builds the problem from a spec whose `name` is `name`.
        public let make: @Sendable (ProblemSpec) throws -> Problem

        /// An entry for `register(_:)`: `make` reads what it needs from the spec (`dimension`, `workers`,
        /// `kappa`, `seed`, … as given under `problem:` in a claim file).
        public init(name: String, description: String, make: @escaping @Sendable (ProblemSpec) throws -> Problem) {
            self.name = name
            self.description = description
            self.make = make
        }
    }

    /// The built-in problems, in display order.
    public static let builtIn: [Entry] = [
        Entry(
            name: "quadratic",
            description: "½xᵀA_i x − b_iᵀx with prescribed spectrum μ…L (linear, geometric, worst-case) and heterogeneity ζ, h",
            make: { try QuadraticProblem($0) }),
        Entry(
            name: "least-squares",
            description: "Σ w_k ½(a_kᵀx − b_k)² + (λ/2)‖x‖²; data file or Gaussian, PL when over-parameterised",
            make: { try LeastSquaresProblem.leastSquares($0) }),
        Entry(
            name: "logistic",
            description: "Σ w_k log(1 + exp(−y_k a_kᵀx)) + (λ/2)‖x‖², labels ±1; data file or Gaussian",
            make: { try LogisticProblem.logistic($0) }),
        Entry(
            name: "logcosh-regression",
            description: "Σ w_k log cosh(ν(a_kᵀx − y_k))/ν² + (λ/2)‖x‖², y = A x_true + σε: convex, |ℓ‴| ≤ 0.77ν; "
                + "keys nonlinearity ν (1), noise σ, lambda (0.01), total-samples with split: global for an i.i.d. pool",
            make: { try LogCoshProblem.logCoshRegression($0) }),
        Entry(
            name: "pl-sine",
            description: "Σ w_k h(a_kᵀx − b_k), h(s) = s² + 3 sin² s, b = A x_true, n ≤ d: PL, nonconvex, f* = 0",
            make: { try PLSineProblem.plSine($0) }),
        Entry(
            name: "nonconvex-logistic",
            description: "logistic loss + λ Σ x_j²/(1 + x_j²): smooth, nonconvex",
            make: { try NonconvexLogisticProblem.nonconvexLogistic($0) }),
        Entry(
            name: "two-layer-net",
            description: "tanh network with H hidden units, logistic loss + (λ/2)‖x‖² on a ±1 data set (local L)",
            make: { try TwoLayerNetProblem($0) }),
        Entry(
            name: "huber-worst-case",
            description: "1-D Huber f = L R/(2N+1)|x| − L R²/(2(2N+1)²) (|x| ≥ R/(2N+1)), else (L/2)x²: GD's worst case, gap L R²/(4N+2)",
            make: { try HuberWorstCaseProblem($0) }),
    ]

    /// Every problem `ProblemFactory.make` knows: the built-in ones, then the registered ones in order of registration.
    public static var all: [Entry] { registry.all }

    /// The built-in entries and those added by `register(_:)`.
    static let registry = NamedRegistry(kind: "problem", builtIn: builtIn) { $0.name }

    /// (name, description) for every problem `ProblemFactory.make` knows, in display order.
    public static var entries: [(name: String, description: String)] { all.map { ($0.name, $0.description) } }

    /// The known names, in display order.
    public static var names: [String] { all.map(\.name) }

    /// The entry called `name`, or nil.
    public static func entry(named name: String) -> Entry? { registry.entry(named: name) }
}
