/// A method's name as claim files (`run: {algorithm: NAME}`), sweeps over `run.algorithm`, the CLI
/// (`--algorithm NAME`) and the CSVs spell it: a built-in method or one added with
/// `MethodCatalog.register`. The implementation behind a name is its `MethodCatalog.Entry`.
public struct AlgorithmKind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The name, e.g. `local-sgd`.
    public let rawValue: String

    /// The kind called `rawValue`, unchecked (`init(parsing:)` checks that the name is known).
    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let sgdAllReduce = AlgorithmKind(rawValue: "sgd-allreduce")
    public static let localSGD = AlgorithmKind(rawValue: "local-sgd")
    public static let adaLocalSGD = AlgorithmKind(rawValue: "ada-local-sgd")
    public static let adacomm = AlgorithmKind(rawValue: "adacomm")
    public static let dpsgd = AlgorithmKind(rawValue: "dpsgd")
    public static let adpsgd = AlgorithmKind(rawValue: "adpsgd")
    public static let sgp = AlgorithmKind(rawValue: "sgp")
    public static let osgp = AlgorithmKind(rawValue: "osgp")
    public static let diging = AlgorithmKind(rawValue: "diging")
    public static let pushPull = AlgorithmKind(rawValue: "push-pull")
    public static let rfast = AlgorithmKind(rawValue: "rfast")

    /// Every known method, built-in then registered, in display order.
    public static var allCases: [AlgorithmKind] { MethodCatalog.all.map { AlgorithmKind(rawValue: $0.name) } }

    /// One line for `ratelab list` (empty for a name no method is registered under).
    public var summary: String { MethodCatalog.entry(named: rawValue)?.summary ?? "" }

    /// The kind called `name`; an unknown name throws `SpecError.unknownName` listing the known ones.
    public init(parsing name: String) throws {
        _ = try MethodCatalog.requireEntry(named: name)
        self.init(rawValue: name)
    }
}
