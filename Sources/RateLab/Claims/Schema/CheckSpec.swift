/// A parsed check of a claim: its kind-specific definition plus the keys every check shares.
struct CheckSpec: Sendable {
    /// Label in reports: `name:` or the kind.
    let label: String
    let metric: Metric
    let x: XAxis
    /// Only grid points whose sweep values match (`where: {run.algorithm: rfast}`).
    let filter: [String: String]
    let definition: ClaimCheck

    static let commonKeys = ["kind", "name", "metric", "x", "where"]

    /// Every kind of check, by its `kind:` name.
    static let kinds: [String: ClaimCheck.Type] = [
        GeometricRateCheck.kind: GeometricRateCheck.self,
        PowerLawCheck.kind: PowerLawCheck.self,
        ScalingCheck.kind: ScalingCheck.self,
        ThresholdCheck.kind: ThresholdCheck.self,
        CompareCheck.kind: CompareCheck.self,
        TauScalingCheck.kind: TauScalingCheck.self,
        PeriodConditionsCheck.kind: PeriodConditionsCheck.self,
    ]

    init(_ r: MappingReader, axes: [SweepAxis]) throws {
        let kindName = try r.requireString("kind")
        guard let kind = CheckSpec.kinds[kindName] else {
            throw r.error("kind", "unknown check kind '\(kindName)'; known kinds: \(CheckSpec.kinds.keys.sorted().joined(separator: ", "))")
        }
        try r.requireOnly(CheckSpec.commonKeys + kind.keys)
        label = try r.string("name") ?? kindName
        let metricName = try r.string("metric") ?? "gap"
        guard let metric = Metric(rawValue: metricName) else {
            throw r.error("metric", "unknown metric '\(metricName)'; known: \(Metric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.metric = metric
        let xName = try r.string("x") ?? "iteration"
        guard let x = XAxis(rawValue: xName) else {
            throw r.error("x", "unknown x '\(xName)'; known: \(XAxis.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.x = x
        filter = try CheckSpec.selector(r, "where", axes: axes) ?? [:]
        definition = try kind.init(r, axes: axes)
    }

    /// A `{axis: value}` mapping whose axes must be sweep axes of the claim and whose values must be
    /// among the axis's values (`GridPoint.sameValue`): a selector that matches no grid
    /// point is an error before anything runs, not an ERROR row after the whole grid ran.
    static func selector(_ r: MappingReader, _ key: String, axes: [SweepAxis]) throws -> [String: String]? {
        guard let m = try r.mapping(key, context: "\(r.context).\(key)") else { return nil }
        try m.requireOnly(axes.map(\.name))
        let selected = try m.scalars()
        for axis in axes {
            guard let wanted = selected[axis.name] else { continue }
            guard axis.values.contains(where: { GridPoint.sameValue($0.text, wanted.text) }) else {
                throw ClaimError(file: r.file, line: wanted.line, "\(r.context).\(key): \(axis.name) = '\(wanted.text)' is not a swept value; "
                                 + "\(axis.name) takes \(axis.values.map(\.text).joined(separator: ", "))")
            }
        }
        return selected.mapValues(\.text)
    }

    /// The name of a sweep axis given under `key`, checked against the claim's axes.
    static func axis(_ r: MappingReader, _ key: String, axes: [SweepAxis]) throws -> String? {
        guard let name = try r.string(key) else { return nil }
        guard axes.contains(where: { $0.name == name }) else {
            throw r.error(key, "'\(name)' is not a sweep axis of this claim; axes: \(axes.map(\.name).joined(separator: ", "))")
        }
        return name
    }
}

/// The kind-specific part of a check: how it reads its keys and how it turns runs into verdicts.
protocol ClaimCheck: Sendable {
    static var kind: String { get }
    /// Keys beyond `CheckSpec.commonKeys`.
    static var keys: [String] { get }
    init(_ r: MappingReader, axes: [SweepAxis]) throws
    func evaluate(_ spec: CheckSpec, _ data: ClaimData) -> [CheckRow]
    /// Rounds of adaptive refinement the check asks for (0: the grid as written).
    var refinementRounds: Int { get }
    /// The grid points one round of refinement adds, chosen from the runs so far (none: refinement is done).
    /// The points it adds for one refinement group (`refinementGroup`) must depend on that group's points only.
    func refinedPoints(_ spec: CheckSpec, _ data: ClaimData) -> [GridPoint]
    /// The refinement group of `point`, whose run settings resolved to `bindings`: the points `refinedPoints`
    /// reads together to choose new ones (nil: a point it never reads). Known before anything runs, so that a
    /// sharded run deals each group whole to one process.
    func refinementGroup(_ spec: CheckSpec, _ point: GridPoint, bindings: [String: Double]) -> String?
}

extension ClaimCheck {
    var refinementRounds: Int { 0 }
    func refinedPoints(_ spec: CheckSpec, _ data: ClaimData) -> [GridPoint] { [] }
    func refinementGroup(_ spec: CheckSpec, _ point: GridPoint, bindings: [String: Double]) -> String? { nil }
}

/// One line of a claim's verdict table.
public struct CheckRow: Codable, Sendable {
    public var check: String
    public var outcome: CheckOutcome
    /// The metric of the check that made the row (set by the runner; sets the row's drift floor).
    var metric: Metric?
    /// Lines to draw on the claim's plot (fitted line, theoretical bound), in its x/metric units.
    var overlays: [Overlay] = []
    /// Tables the check writes beside fits.csv in the claim's report folder (e.g. tau-scaling's tau_star.csv).
    var tables: [Table] = []
    /// Figures the check writes there (e.g. tau-scaling's tau_star.svg).
    var figures: [Figure] = []

    init(check: String, outcome: CheckOutcome, overlays: [Overlay] = []) {
        self.check = check
        self.outcome = outcome
        self.overlays = overlays
    }

    struct Overlay: Codable, Sendable {
        let name: String
        let x: [Double]
        let y: [Double]
    }

    /// A CSV table written as `<reports>/<claim>/<file>`.
    struct Table: Sendable {
        let file: String
        let document: CSVDocument
    }

    /// An SVG figure written as `<reports>/<claim>/<file>`.
    struct Figure: Sendable {
        let file: String
        let plot: SVGPlot
    }

    enum CodingKeys: String, CodingKey { case check, outcome }
}

import RateLabReports
import RateLabVerification
