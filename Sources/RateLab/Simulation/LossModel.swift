import RateLabTopology

/// How messages get lost on a directed link.
///
/// Written as `none`, a probability `q` (independent loss, e.g. `0.1`) or `ge:<pGB>:<pBG>:<lossGood>:<lossBad>`
/// (Gilbert–Elliott, e.g. `ge:0.05:0.3:0:0.8`); every probability must lie in [0, 1). `description` gives the
/// canonical form.
public enum LossModel: Equatable, Sendable, ParsableSpecification {
    /// Nothing is lost.
    case none
    /// Each message is lost independently with `probability`.
    case independent(probability: Double)
    /// Gilbert–Elliott two-state Markov chain per directed link, stepped once per message:
    /// good→bad with pGB, bad→good with pBG; loss probability lossGood / lossBad in each state.
    /// Every link starts in the good state; per message the chain first steps, then the loss is drawn
    /// with the new state's probability.
    case gilbertElliott(pGB: Double, pBG: Double, lossGood: Double, lossBad: Double)

    /// Stationary fraction of lost messages: q for independent loss; for Gilbert–Elliott
    /// π_G·lossGood + π_B·lossBad with π_B = pGB/(pGB + pBG), π_G = pBG/(pGB + pBG) (lossGood when
    /// pGB = pBG = 0: the chain never leaves its initial good state).
    public var meanLossRate: Double {
        switch self {
        case .none:
            return 0
        case let .independent(q):
            return q
        case let .gilbertElliott(pGB, pBG, lossGood, lossBad):
            if pGB + pBG == 0 { return lossGood }
            let bad = pGB / (pGB + pBG)
            return (1 - bad) * lossGood + bad * lossBad
        }
    }

    public var description: String {
        switch self {
        case .none: return "none"
        case let .independent(q): return "\(q)"
        case let .gilbertElliott(pGB, pBG, lossGood, lossBad): return "ge:\(pGB):\(pBG):\(lossGood):\(lossBad)"
        }
    }

    /// Parses `none`, `<q>` or `ge:<pGB>:<pBG>:<lossGood>:<lossBad>`; throws `SimulationError.invalidSetting`
    /// when the form is wrong or a probability is outside [0, 1).
    public init(parsing text: String) throws {
        let fields = Self.specificationFields(text)
        let model: LossModel
        if fields == ["none"] {
            model = .none
        } else if fields.count == 1, let q = Double(fields[0]) {
            model = .independent(probability: q)
        } else if fields.count == 5, fields[0] == "ge" {
            let p = fields.dropFirst().compactMap { Double($0) }
            guard p.count == 4 else { throw Self.invalid(text) }
            model = .gilbertElliott(pGB: p[0], pBG: p[1], lossGood: p[2], lossBad: p[3])
        } else {
            throw Self.invalid(text)
        }
        guard model.hasValidProbabilities else { throw Self.invalid(text) }
        self = model
    }

    /// Throws `SimulationError.invalidSetting` unless every probability lies in [0, 1).
    public func validate() throws {
        guard hasValidProbabilities else { throw Self.invalid(description) }
    }

    private var hasValidProbabilities: Bool {
        let probabilities: [Double]
        switch self {
        case .none: probabilities = []
        case let .independent(q): probabilities = [q]
        case let .gilbertElliott(pGB, pBG, lossGood, lossBad): probabilities = [pGB, pBG, lossGood, lossBad]
        }
        return probabilities.allSatisfy { $0 >= 0 && $0 < 1 }
    }

    private static func invalid(_ text: String) -> SimulationError {
        .invalidSetting(parameter: "--loss", value: text,
                        expected: "none, a loss probability q in [0, 1) (e.g. 0.1), or ge:<pGB>:<pBG>:<lossGood>:<lossBad> "
                            + "with every probability in [0, 1) (e.g. ge:0.05:0.3:0:0.8)")
    }
}
