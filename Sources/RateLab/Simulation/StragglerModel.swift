import RateLabLinalg
import RateLabTopology

/// Which workers are slow, by how much, and how often.
///
/// Written as `none`, `<fraction>:<factor>` (fixed stragglers), `<fraction>:<factor>:<probability>`
/// (intermittent), or `w<i>,<j>,…:<factor>[:<probability>]` for named workers, e.g. `0.125:5`, `0.125:5:0.3`,
/// `w3,5:5`, `w3:5:0.5`. `description` gives the canonical form.
public struct StragglerModel: Equatable, Sendable, ParsableSpecification {
    /// How the straggling workers are chosen.
    public enum Selection: Equatable, Sendable {
        /// Workers 0..<⌈f·p⌉ for p workers, f ∈ [0, 1]. The ceiling is taken after subtracting 1e-9 so that a
        /// product like 0.3·10 = 3.0000000000000004 counts 3 workers, not 4.
        case fraction(Double)
        /// Exactly these worker indices.
        case named([Int])
    }

    /// Which workers straggle.
    public var selection: Selection
    /// Multiplier ≥ 1 of a straggler's compute time when it is slowed (dimensionless).
    public var slowdown: Double
    /// Probability in (0, 1] that a given gradient of a straggler is slowed: 1 for fixed stragglers,
    /// < 1 for intermittent ones (independent per gradient).
    public var probability: Double

    /// No stragglers.
    public static let none = StragglerModel(checked: .fraction(0), slowdown: 1, probability: 1)

    /// A model with the given selection, slowdown ≥ 1 and probability in (0, 1]; throws `SimulationError` otherwise.
    public init(selection: Selection, slowdown: Double, probability: Double = 1) throws {
        guard Self.isValid(selection: selection, slowdown: slowdown, probability: probability) else {
            throw SimulationError.invalidSetting(
                parameter: "--stragglers", value: "selection \(selection), slowdown \(slowdown), probability \(probability)",
                expected: Self.expectedForm)
        }
        self.init(checked: selection, slowdown: slowdown, probability: probability)
    }

    private init(checked selection: Selection, slowdown: Double, probability: Double) {
        self.selection = selection
        self.slowdown = slowdown
        self.probability = probability
    }

    /// Parses the forms listed in the type's documentation; throws `SimulationError.invalidSetting` otherwise.
    public init(parsing text: String) throws {
        let fields = Self.specificationFields(text)
        if fields == ["none"] {
            self = .none
            return
        }
        let invalid = SimulationError.invalidSetting(parameter: "--stragglers", value: text, expected: Self.expectedForm)
        guard fields.count == 2 || fields.count == 3,
              let slowdown = Double(fields[1]),
              let probability = fields.count == 3 ? Double(fields[2]) : 1
        else { throw invalid }
        let selection: Selection
        if fields[0].hasPrefix("w") {
            let indices = fields[0].dropFirst().split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            guard !indices.isEmpty, indices.allSatisfy({ $0 != nil }) else { throw invalid }
            selection = .named(indices.compactMap { $0 })
        } else {
            guard let f = Double(fields[0]) else { throw invalid }
            selection = .fraction(f)
        }
        guard Self.isValid(selection: selection, slowdown: slowdown, probability: probability) else { throw invalid }
        self.init(checked: selection, slowdown: slowdown, probability: probability)
    }

    public var description: String {
        if self == .none { return "none" }
        let who: String
        switch selection {
        case let .fraction(f):
            who = "\(f)"
        case let .named(workers):
            who = "w" + workers.map(String.init).joined(separator: ",")
        }
        return probability == 1 ? "\(who):\(slowdown)" : "\(who):\(slowdown):\(probability)"
    }

    /// True when `worker` is one of the stragglers among `workerCount` workers.
    public func isStraggler(worker: Int, workerCount: Int) -> Bool {
        switch selection {
        case let .fraction(f):
            return worker < Int((f * Double(workerCount) - 1e-9).rounded(.up))
        case let .named(workers):
            return workers.contains(worker)
        }
    }

    /// The multiplier of one gradient's compute time: `slowdown` for a straggler (with probability `probability`,
    /// drawing one number from `rng` only when 0 < probability < 1), else 1.
    public func factor(worker: Int, workerCount: Int, rng: inout RandomStream) -> Double {
        guard isStraggler(worker: worker, workerCount: workerCount) else { return 1 }
        if probability >= 1 { return slowdown }
        return rng.nextBool(probability: probability) ? slowdown : 1
    }

    /// Checks that every named worker exists among `workerCount` workers.
    public func validate(workerCount: Int) throws {
        if case let .named(workers) = selection, let bad = workers.first(where: { !(0..<workerCount).contains($0) }) {
            throw SimulationError.invalidSetting(
                parameter: "straggler worker", value: "\(bad) in '\(description)'",
                expected: "worker indices in 0..<\(workerCount) for \(workerCount) workers")
        }
    }

    private static let expectedForm = "none, <fraction in [0,1]>:<factor ≥ 1>[:<probability in (0,1]>] "
        + "or w<i>,<j>,…:<factor ≥ 1>[:<probability>] (e.g. 0.125:5, 0.125:5:0.3, w3,5:5)"

    private static func isValid(selection: Selection, slowdown: Double, probability: Double) -> Bool {
        let chosen: Bool
        switch selection {
        case let .fraction(f): chosen = f >= 0 && f <= 1
        case let .named(workers): chosen = !workers.isEmpty && workers.allSatisfy { $0 >= 0 }
        }
        return chosen && slowdown >= 1 && slowdown <= SimulationLimits.maxSlowdown && probability > 0 && probability <= 1
    }
}
