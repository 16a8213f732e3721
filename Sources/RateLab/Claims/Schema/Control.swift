import Foundation
import RateLabVerification
import Yams

/// A negative control of a claim: the claim with some settings or check parameters changed so that
/// theory predicts it must not pass — a step beyond the theorem's hypothesis, τ = T, exact gradients
/// where the noise is the point, a graph pair without a common root, a wrong expected value. It runs
/// beside the claim through the same runner and checks; a control that does not get the predicted
/// verdict shows that the claim's checks cannot fail, and the claim is an ERROR. In a claim file:
///
///     controls:
///       - name: constant step
///         why: with a constant step the gap stalls at a floor ∝ ησ², so it cannot keep falling as 1/t
///         run: {lr: 1/L}                           # new values of problem:/run: keys (not sweep axes)
///         sweep: {problem.kappa: [10]}             # new values of some of the claim's sweep axes
///         checks: {"gap ∝ t^-1": {expected: -2}}   # new values of a check's keys, by check name
///         expect: fail                             # fail (default), inconclusive, diverged, or e.g. fail-or-inconclusive
public struct Control: Sendable {
    /// Names the control in reports (unique within its claim).
    public let name: String
    /// The theory's reason for the predicted verdict.
    public let why: String
    /// The verdicts theory predicts.
    public let expected: Expectation
    /// The claim with the control's overrides applied (and no controls of its own).
    public let claim: Claim
    /// True when the control changes only check parameters: it is evaluated on the claim's own runs.
    let sharesRuns: Bool

    static let keys = ["name", "why", "problem", "run", "sweep", "checks", "expect"]

    /// The verdicts a control may be predicted to get: `fail`, `inconclusive`, `diverged`, or several
    /// joined by `-or-` (`fail-or-inconclusive`). Never PASS (the claim's own verdict) nor ERROR (which
    /// shows nothing about the claim).
    public struct Expectation: Sendable, Equatable, CustomStringConvertible {
        public let verdicts: [Verdict]

        static let admissible: [Verdict] = [.fail, .inconclusive, .diverged]

        init?(parsing text: String) {
            let names = text.lowercased().components(separatedBy: "-or-")
            let verdicts = names.compactMap { name in Expectation.admissible.first { $0.rawValue.lowercased() == name } }
            guard verdicts.count == names.count, Set(verdicts).count == verdicts.count else { return nil }
            self.verdicts = verdicts
        }

        public func admits(_ verdict: Verdict) -> Bool { verdicts.contains(verdict) }

        /// "FAIL", "FAIL or INCONCLUSIVE".
        public var description: String { verdicts.map(\.rawValue).joined(separator: " or ") }
    }
}

extension Control {
    /// The `controls:` list of `claim` (empty when the file has none). `checkNodes` are the claim's
    /// `checks:` entries in order; a control's check overrides are merged into them and parsed again.
    static func parseAll(_ root: MappingReader, claim: Claim, checkNodes: [Node]) throws -> [Control] {
        guard let node = root.node("controls") else { return [] }
        guard case let .sequence(items) = node, !items.isEmpty else {
            throw root.error("controls", "'controls' must be a non-empty list of controls")
        }
        var controls = [Control]()
        for (k, item) in items.enumerated() {
            let r = try MappingReader(item, file: claim.file, context: "control \(k + 1)")
            let control = try Control(r, claim: claim, checkNodes: checkNodes)
            guard !controls.contains(where: { $0.name == control.name }) else {
                throw r.error("name", "another control is also named '\(control.name)'")
            }
            controls.append(control)
        }
        return controls
    }

    /// One control: the claim with the overrides of `r` applied, checked like a claim of its own.
    init(_ r: MappingReader, claim: Claim, checkNodes: [Node]) throws {
        try r.requireOnly(Control.keys)
        name = try r.requireString("name")
        why = try r.requireString("why").trimmingCharacters(in: .whitespacesAndNewlines)  // a folded `>` text ends in a newline
        let expectText = try r.string("expect") ?? "fail"
        guard let expected = Expectation(parsing: expectText) else {
            throw r.error("expect", "expect '\(expectText)' is not a predicted verdict; use fail, inconclusive or diverged, or several joined by -or- (fail-or-inconclusive)")
        }
        self.expected = expected
        let axes = Set(claim.sweep.map(\.name))
        let problem = try Control.settings(r, "problem", known: ProblemKeys.all, axes: axes)
        let run = try Control.settings(r, "run", known: RunKeys.all, axes: axes)
        let sweep = try ClaimParser.sweep(r, file: claim.file)
        let checks = try Control.checks(r, claim: claim, checkNodes: checkNodes)
        guard !(problem.isEmpty && run.isEmpty && sweep.isEmpty && checks.changed == 0) else {
            throw r.error("name", "control '\(name)' changes nothing; give it problem:, run:, sweep: or checks: overrides")
        }
        var derived = claim
        derived.controls = []
        derived.problem.merge(problem) { $1 }
        derived.run.merge(run) { $1 }
        for axis in sweep {
            guard let i = derived.sweep.firstIndex(where: { $0.name == axis.name }) else {
                throw r.error("sweep", "'\(axis.name)' is not a sweep axis of the claim; axes: \(claim.sweep.map(\.name).joined(separator: ", "))")
            }
            derived.sweep[i].values = axis.values
        }
        // New values keep the claim's dimensions: axes the claim zips still need equal lengths, and a
        // control's zip may only group axes the claim zips.
        for dimension in SweepAxis.dimensions(sweep) where dimension.axes.count > 1 {
            let claimDimensions = Set(dimension.axes.compactMap { k in claim.sweep.first { $0.name == sweep[k].name }?.dimension })
            guard claimDimensions.count == 1 else {
                throw r.error("sweep", "the control zips \(dimension.axes.map { sweep[$0].name }.joined(separator: ", ")), which the claim does not zip together")
            }
        }
        for dimension in SweepAxis.dimensions(derived.sweep) where dimension.axes.count > 1 {
            if let mismatch = ClaimParser.zipLengthMismatch(dimension.axes.map { derived.sweep[$0] }) {
                throw r.error("sweep", "\(mismatch.message); give every axis of the claim's zip the same number of values")
            }
        }
        derived.checks = checks.specs
        try ClaimParser.validateSettings(derived)
        self.claim = derived
        sharesRuns = problem.isEmpty && run.isEmpty && sweep.isEmpty
    }

    /// New values of the claim's `problem:` or `run:` keys. A sweep axis of the claim is refused: the
    /// sweep would overwrite it at every grid point, so its new values belong under the control's `sweep:`.
    private static func settings(_ r: MappingReader, _ section: String, known: [String], axes: Set<String>) throws -> [String: Setting] {
        guard let m = try r.mapping(section, context: "\(r.context) \(section)") else { return [:] }
        try m.requireOnly(known)
        if let key = m.keys.first(where: { axes.contains("\(section).\($0)") }) {
            throw m.error(key, "\(section).\(key) is a sweep axis of the claim; give its values under the control's sweep:")
        }
        return try m.scalars()
    }

    /// The claim's checks with `checks: {<check name>: {key: value, …}}` merged in: each named check is
    /// parsed again from its own keys and the new values (so every key and type is checked as in the claim).
    private static func checks(_ r: MappingReader, claim: Claim, checkNodes: [Node]) throws -> (specs: [CheckSpec], changed: Int) {
        guard let m = try r.mapping("checks", context: "\(r.context) checks") else { return (claim.checks, 0) }
        var specs = claim.checks
        for label in m.keys {
            let matches = claim.checks.indices.filter { claim.checks[$0].label == label }
            guard matches.count == 1, case let .mapping(base) = checkNodes[matches[0]] else {
                throw m.error(label, matches.isEmpty
                    ? "unknown check '\(label)'; checks of the claim: \(claim.checks.map(\.label).joined(separator: ", "))"
                    : "'\(label)' names \(matches.count) checks; give them distinct name:s")
            }
            guard case let .mapping(overrides)? = m.node(label) else {
                throw m.error(label, "'\(label)' must be a mapping of the check's keys to new values, e.g. {expected: -2}")
            }
            let replaced = Set(overrides.keys.compactMap(\.string))
            let kept = base.filter { pair in !replaced.contains(pair.key.string ?? "") }
            let merged = Node.Mapping(kept.map { ($0.key, $0.value) } + overrides.map { ($0.key, $0.value) }, base.tag, base.style, base.mark)
            specs[matches[0]] = try CheckSpec(MappingReader(.mapping(merged), file: r.file, context: "\(r.context) check '\(label)'"), axes: claim.sweep)
        }
        return (specs, m.keys.count)
    }
}
