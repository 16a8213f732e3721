import RateLabLinalg

/// The methods by name: the built-in ones and those registered by other packages, each with a one-line
/// summary (for `ratelab list`) and the factory `Simulator.run` builds it with. Built-in and registered
/// methods are looked up the same way (`entry(named:)`); there is no other table of methods.
public enum MethodCatalog {
    /// One method: its name, a one-line summary, whether it reads τ, and its factory.
    public struct Entry: Sendable {
        public let name: String
        public let summary: String
        /// True when the method averages every τ steps and so reads `tau` (`run.tau`, `--tau`); for every
        /// other method a given τ is refused as a setting with no effect.
        public let averagesPeriodically: Bool
        /// Builds the method on `cluster` with every worker starting at `start` (d doubles). The run's
        /// settings are `cluster.spec`; throw `SpecError` for a setting the method cannot use (e.g. a
        /// directed topology for a method that needs an undirected one).
        public let make: @Sendable (_ cluster: Cluster, _ start: [Double]) throws -> Method

        /// An entry for `MethodCatalog.register(_:)`. `make` returns a `SynchronousMethod` or an
        /// `EventDrivenMethod`.
        public init(name: String, summary: String, averagesPeriodically: Bool = false,
                    make: @escaping @Sendable (_ cluster: Cluster, _ start: [Double]) throws -> Method) {
            self.name = name
            self.summary = summary
            self.averagesPeriodically = averagesPeriodically
            self.make = make
        }
    }

    /// The built-in methods, in display order.
    public static let builtIn: [Entry] = [
        Entry(name: AlgorithmKind.sgdAllReduce.rawValue,
              summary: "synchronous minibatch SGD, gradients averaged by Ring-AllReduce every step") {
            LocalSGD(cluster: $0, start: $1, periods: .fixed(1))
        },
        Entry(name: AlgorithmKind.localSGD.rawValue, summary: "LUPA-SGD: local SGD, models averaged every τ steps",
              averagesPeriodically: true) {
            LocalSGD(cluster: $0, start: $1, periods: .fixed($0.spec.tau))
        },
        Entry(name: AlgorithmKind.adaLocalSGD.rawValue,
              summary: "ADA-LUPA-SGD: τ_i = ⌈(f(x̄₀)/f(x̄_i))^(1/3)⌉τ₀ (or linear growth (1+αi)τ₀)",
              averagesPeriodically: true) { cluster, start in
            switch cluster.spec.adaptiveRule {
            case .paper, .poster: return LocalSGD(cluster: cluster, start: start, periods: .cubeRootLossRatio(tau0: cluster.spec.tau))
            case let .linear(alpha): return LocalSGD(cluster: cluster, start: start, periods: .linearGrowth(tau0: cluster.spec.tau, alpha: alpha))
            }
        },
        Entry(name: AlgorithmKind.adacomm.rawValue, summary: "AdaComm: τ_l = ⌈√(f(x_l)/f(x₀))·τ₀⌉, shrinking as the loss falls",
              averagesPeriodically: true) {
            LocalSGD(cluster: $0, start: $1, periods: .squareRootLossRatio(tau0: $0.spec.tau))
        },
        Entry(name: AlgorithmKind.dpsgd.rawValue,
              summary: "D-PSGD: x_i ← Σ_j W_ij (x_j − η g_j), Metropolis–Hastings W, synchronous") {
            try DPSGD(cluster: $0, start: $1)
        },
        Entry(name: AlgorithmKind.adpsgd.rawValue,
              summary: "AD-PSGD: asynchronous, atomic pairwise averaging (bipartite active/passive)") {
            try ADPSGD(cluster: $0, start: $1)
        },
        Entry(name: AlgorithmKind.sgp.rawValue, summary: "SGP: push-sum over the one-peer exponential graph, synchronous") {
            SGP(cluster: $0, start: $1)
        },
        Entry(name: AlgorithmKind.osgp.rawValue,
              summary: "OSGP: push-sum overlapping communication, bounded staleness, asynchronous") {
            OSGP(cluster: $0, start: $1)
        },
        Entry(name: AlgorithmKind.diging.rawValue, summary: "DIGing gradient tracking: x ← Wx − αy, y ← Wy + g(x⁺) − g(x)") {
            try GradientTracking(cluster: $0, start: $1, variant: .diging)
        },
        Entry(name: AlgorithmKind.pushPull.rawValue,
              summary: "Push-Pull gradient tracking: x ← R(x − αy), y ← Cy + g(x⁺) − g(x)") {
            try GradientTracking(cluster: $0, start: $1, variant: .pushPull)
        },
        Entry(name: AlgorithmKind.rfast.rawValue,
              summary: "R-FAST: asynchronous robust gradient tracking, running-sum buffers, two graphs") {
            try RFAST(cluster: $0, start: $1)
        },
    ]

    /// Every method `Simulator.run` knows: the built-in ones, then the registered ones in order of registration.
    public static var all: [Entry] { registry.all }

    /// The built-in entries and those added by `register(_:)`.
    static let registry = NamedRegistry(kind: "algorithm", builtIn: builtIn) { $0.name }

    /// Adds a method from another package under `entry.name`, which claim files (`run: {algorithm: NAME}`),
    /// sweeps over `run.algorithm` and `ratelab run --algorithm NAME` (through `RateLabCLI`) then accept.
    /// A name already known (built-in or registered), or one that is not letters, digits, '-' and '_', is
    /// refused with a `RegistrationError`. Register before parsing claims, e.g. at the start of `main`:
    ///
    ///     try MethodCatalog.register(.init(name: "heavy-ball", summary: "local SGD with momentum β") {
    ///         HeavyBallSGD(cluster: $0, start: $1, momentum: 0.5)
    ///     })
    public static func register(_ entry: Entry) throws {
        try registry.add(entry)
    }

    /// The known names, in display order.
    public static var names: [String] { all.map(\.name) }

    /// The entry called `name`, or nil.
    public static func entry(named name: String) -> Entry? { registry.entry(named: name) }

    /// The entry called `name`; an unknown name throws `SpecError.unknownName` listing the known ones.
    static func requireEntry(named name: String) throws -> Entry {
        guard let entry = entry(named: name) else { throw SpecError.unknownName(kind: "algorithm", name: name, known: names) }
        return entry
    }
}
