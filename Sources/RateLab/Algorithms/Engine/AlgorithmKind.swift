/// The methods RateLab simulates; the raw value is the CLI name.
public enum AlgorithmKind: String, CaseIterable, Codable, Hashable, Sendable {
    case sgdAllReduce = "sgd-allreduce"
    case localSGD = "local-sgd"
    case adaLocalSGD = "ada-local-sgd"
    case adacomm
    case dpsgd
    case adpsgd
    case sgp
    case osgp
    case diging
    case pushPull = "push-pull"
    case rfast

    /// One line for `ratelab list`.
    public var summary: String {
        switch self {
        case .sgdAllReduce: return "synchronous minibatch SGD, gradients averaged by Ring-AllReduce every step"
        case .localSGD: return "LUPA-SGD: local SGD, models averaged every τ steps"
        case .adaLocalSGD: return "ADA-LUPA-SGD: τ_i = ⌈(f(x̄₀)/f(x̄_i))^(1/3)⌉τ₀ (or linear growth (1+αi)τ₀)"
        case .adacomm: return "AdaComm: τ_l = ⌈√(f(x_l)/f(x₀))·τ₀⌉, shrinking as the loss falls"
        case .dpsgd: return "D-PSGD: x_i ← Σ_j W_ij (x_j − η g_j), Metropolis–Hastings W, synchronous"
        case .adpsgd: return "AD-PSGD: asynchronous, atomic pairwise averaging (bipartite active/passive)"
        case .sgp: return "SGP: push-sum over the one-peer exponential graph, synchronous"
        case .osgp: return "OSGP: push-sum overlapping communication, bounded staleness, asynchronous"
        case .diging: return "DIGing gradient tracking: x ← Wx − αy, y ← Wy + g(x⁺) − g(x)"
        case .pushPull: return "Push-Pull gradient tracking: x ← R(x − αy), y ← Cy + g(x⁺) − g(x)"
        case .rfast: return "R-FAST: asynchronous robust gradient tracking, running-sum buffers, two graphs"
        }
    }

    public init(parsing name: String) throws {
        guard let kind = AlgorithmKind(rawValue: name) else {
            throw SpecError.unknownName(kind: "algorithm", name: name, known: AlgorithmKind.allCases.map(\.rawValue))
        }
        self = kind
    }
}
