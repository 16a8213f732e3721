import Foundation
import RateLabProblems
import Yams

/// Reads claim files (YAML). A claim file looks like:
///
///     title: GD with step 1/L contracts at exactly 1 − μ/L on the worst-case quadratic
///     source: classic (Nesterov 2004, Thm 2.1.15)
///     statement: ‖x_k − x*‖² = (1 − μ/L)^{2k} ‖x_0 − x*‖² when the spectrum is {μ, L}.
///     problem: {name: quadratic, dimension: 20, kappa: 10, spacing: worst-case}
///     run: {algorithm: sgd-allreduce, steps: 120, lr: 1/L, every: 1}
///     sweep: {problem.seed: [1, 2, 3]}          # optional grid
///     seeds: 1                                   # N (= 1…N) or a list
///     checks:
///       - {kind: geometric-rate, metric: dist_sq, expected: (1 - mu/L)^2, tolerance: 1e-6}
///     controls:                                  # optional negative controls (see `Control`)
///       - {name: half step, why: the slowest mode contracts at (1 − μ/(2L))², run: {lr: 0.5/L}}
///     expect: fail                               # optional, a documented finding, with
///     reason: the reconstruction's step order    # a mandatory reason
///
/// Every key is checked: unknown keys, wrong types, empty grids and unknown check kinds are errors
/// naming the file and line.
public enum ClaimParser {
    static let topKeys = ["id", "title", "source", "statement", "problem", "run", "sweep", "seeds", "checks", "plot", "controls", "expect", "reason"]

    /// Parses one file.
    public static func parse(file: String) throws -> Claim {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw ClaimError(file: file, line: nil, "not a regular file, expected a claim file (YAML)")
        }
        guard let size = attributes?[.size] as? Int, size <= ClaimLimits.maxFileBytes else {
            throw ClaimError(file: file, line: nil, "larger than \(ClaimLimits.maxFileBytes) bytes, expected a claim file")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ClaimError(file: file, line: nil, "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = String(decoding: data, as: UTF8.self).prefix { $0 != "\u{FFFD}" }.filter(\.isNewline).count + 1
            throw ClaimError(file: file, line: line, "not UTF-8 text")
        }
        return try parse(text: text, file: file)
    }

    /// Parses claim text; `file` names it in errors and gives the default id.
    public static func parse(text: String, file: String) throws -> Claim {
        try YAMLGuard.check(text, file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ClaimError(file: file, line: 1, "the file is empty, expected a claim (a mapping of key: value)")
            }
            root = node
        } catch let error as YamlError {
            throw ClaimError(file: file, line: yamlLine(error), "YAML syntax error: \(yamlProblem(error))")
        }
        let r = try MappingReader(root, file: file, context: "claim")
        try r.requireOnly(topKeys)
        let defaultID = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let problem = try r.requireMapping("problem", context: "problem")
        try problem.requireOnly(ProblemKeys.all)
        let run = try r.requireMapping("run", context: "run")
        try run.requireOnly(RunKeys.all)
        let axes = try sweep(r, file: file)
        let seedList = try seeds(r)
        try checkGridSize(r, axes: axes, seeds: seedList.count)
        // No `checks:` (or `checks: []`): a figure-only claim, whose grid is run for its CSVs and plots.
        let seq = try checkNodes(r, file: file)
        let checks = try seq.enumerated().map { k, node in
            try CheckSpec(MappingReader(node, file: file, context: "check \(k + 1)"), axes: axes)
        }
        if checks.isEmpty, r.node("controls") != nil {
            throw r.error("controls", "a claim without checks has nothing for a control to contradict; add checks or remove 'controls'")
        }
        let plot = try plotSpec(r, default: checks.first)
        var claim = Claim(
            id: try claimID(r, default: defaultID), title: try r.requireString("title"), source: try r.requireString("source"),
            statement: try r.requireString("statement"), file: file, problem: try problem.scalars(), run: try run.scalars(),
            sweep: axes, seeds: seedList, checks: checks, plot: plot, expectation: try Expectation(r), text: text)
        try validateSettings(claim)
        claim.controls = try Control.parseAll(r, claim: claim, checkNodes: seq)
        return claim
    }

    /// Parses every `*.yaml` file under the given paths (files or directories), sorted by path.
    public static func parseAll(_ paths: [String]) throws -> [Claim] {
        var files = [String]()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ClaimError(file: path, line: nil, "no such file or directory")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(path)/\($0)" }
            } else {
                files.append(path)
            }
        }
        guard !files.isEmpty else { throw ClaimError(file: paths.joined(separator: ", "), line: nil, "no claim files (*.yaml) found") }
        let claims = try files.map(parse(file:))
        var seen = [String: String]()
        for c in claims {
            if let other = seen[c.id] { throw ClaimError(file: c.file, line: nil, "claim id '\(c.id)' is also used by \(other)") }
            seen[c.id] = c.file
        }
        return claims
    }

    /// The `sweep:` axes in order. Each `section.KEY: [values]` is a dimension of its own; `zip:` is a
    /// mapping of axes (or a list of such mappings) whose values go together, one dimension per mapping:
    ///
    ///     sweep:
    ///       problem.workers: [2, 8]
    ///       zip: {run.steps: [1000, 4000], run.tau: [8, 20]}    # (1000, 8) and (4000, 20): 2 × 2 points
    static func sweep(_ r: MappingReader, file: String) throws -> [SweepAxis] {
        guard let s = try r.mapping("sweep", context: "sweep") else { return [] }
        var axes = [SweepAxis]()
        // The next grid dimension: one past the last axis's (zipped axes share theirs).
        var nextDimension: Int { (axes.last?.dimension ?? -1) + 1 }
        for key in s.keys {
            guard key == SweepAxis.zipKey else {
                axes.append(try axis(s, key, dimension: nextDimension))
                continue
            }
            let groups: [Node]
            switch s.node(key) {
            case let .sequence(items)?: groups = Array(items)
            case let node?: groups = [node]
            case nil: groups = []
            }
            guard !groups.isEmpty else { throw s.error(key, "'zip' must be a mapping of sweep axes, or a non-empty list of such mappings") }
            for group in groups {
                let z = try MappingReader(group, file: file, context: "sweep zip")
                guard z.keys.count >= 2 else {
                    throw z.error(z.keys.first ?? "", "zip needs at least two axes that vary together, got \(z.keys.count); write a single axis under sweep: directly")
                }
                let dimension = nextDimension
                let zipped = try z.keys.map { try axis(z, $0, dimension: dimension) }
                if let mismatch = zipLengthMismatch(zipped) { throw z.error(mismatch.axis, mismatch.message) }
                axes += zipped
            }
        }
        if let twice = axes.map(\.name).first(where: { name in axes.filter { $0.name == name }.count > 1 }) {
            throw s.error(SweepAxis.zipKey, "sweep axis '\(twice)' is given twice (on its own and in zip, or in two zips)")
        }
        return axes
    }

    /// One `section.KEY: [values]` entry of `m` (the sweep or one of its zips), on `dimension`.
    private static func axis(_ m: MappingReader, _ key: String, dimension: Int) throws -> SweepAxis {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, (parts[0] == "problem" && ProblemKeys.all.contains(parts[1]))
            || (parts[0] == "run" && RunKeys.all.contains(parts[1])) else {
            throw m.error(key, "sweep axis '\(key)' must be problem.KEY or run.KEY with a known key, or zip: {axis: [values], …}")
        }
        guard let values = try m.list(key), !values.isEmpty else { throw m.error(key, "sweep axis '\(key)' has an empty grid") }
        guard values.count <= ClaimLimits.maxAxisLength else {
            throw m.error(key, "sweep axis '\(key)' has \(values.count) values, expected at most \(ClaimLimits.maxAxisLength)")
        }
        return SweepAxis(section: parts[0], key: parts[1], values: values, dimension: dimension)
    }

    /// Why zipped axes (one dimension) cannot go together: the first axis whose length differs from the
    /// first axis's, and the message; nil when the lengths are equal.
    static func zipLengthMismatch(_ zipped: [SweepAxis]) -> (axis: String, message: String)? {
        guard let first = zipped.first, let other = zipped.first(where: { $0.values.count != first.values.count }) else { return nil }
        return (other.name, "zipped axes vary together and need equal lengths: \(first.name) has \(first.values.count) values, "
                + "\(other.name) has \(other.values.count)")
    }

    /// Refuses a grid (product of the dimensions' lengths: a zip counts once) beyond `ClaimLimits.maxGridPoints`, or more runs
    /// (grid points × seeds) than `ClaimLimits.maxRuns`.
    private static func checkGridSize(_ r: MappingReader, axes: [SweepAxis], seeds: Int) throws {
        guard let points = ClaimLimits.gridSize(SweepAxis.dimensions(axes).map(\.length)) else {
            throw r.error("sweep", "the grid has more than \(ClaimLimits.maxGridPoints) points (the product of the axis lengths, a zip counting once)")
        }
        guard points * seeds <= ClaimLimits.maxRuns else {
            throw r.error("seeds", "\(points) grid points × \(seeds) seeds = \(points * seeds) runs, expected at most \(ClaimLimits.maxRuns)")
        }
    }

    /// The `id:` of a claim, or the file name without extension, which names its report folder and
    /// cache files: a name, not a path (`ClaimID`).
    private static func claimID(_ r: MappingReader, default fileName: String) throws -> String {
        guard let id = try r.string("id") else {
            guard ClaimID.isValid(fileName) else {
                throw r.error("id", "the file name '\(Excerpt.of(fileName))' is not a claim id (\(ClaimID.rule)); rename the file or give 'id:'")
            }
            return fileName
        }
        guard ClaimID.isValid(id) else { throw r.error("id", "id '\(Excerpt.of(id))' is not a name: \(ClaimID.rule)") }
        return id
    }

    /// `seeds: N` (1…N) or a list; at most `ClaimLimits.maxSeeds` seeds, each in 0…`ClaimLimits.maxSeed`.
    private static func seeds(_ r: MappingReader) throws -> [UInt64] {
        guard let list = try r.list("seeds") else { return [1] }
        if list.count == 1, r.node("seeds").map({ if case .scalar = $0 { return true } else { return false } }) == true {
            guard let n = Int(list[0].text), (1...ClaimLimits.maxSeeds).contains(n) else {
                throw r.error("seeds", "'seeds' expects a count in 1…\(ClaimLimits.maxSeeds) or a list of seeds")
            }
            return (1...n).map(UInt64.init)
        }
        guard list.count <= ClaimLimits.maxSeeds else {
            throw r.error("seeds", "\(list.count) seeds, expected at most \(ClaimLimits.maxSeeds)")
        }
        return try list.map {
            guard let s = Int($0.text), (0...ClaimLimits.maxSeed).contains(s) else {
                throw r.error("seeds", "seed '\(Excerpt.of($0.text))' is not an integer in 0…\(ClaimLimits.maxSeed)")
            }
            return UInt64(s)
        }
    }

    /// The items of `checks:`; none when the key is absent or the list is empty (a figure-only claim).
    private static func checkNodes(_ r: MappingReader, file: String) throws -> [Node] {
        guard let node = r.node("checks") else { return [] }
        guard case let .sequence(seq) = node else {
            throw ClaimError(file: file, line: node.mark?.line, "claim: 'checks' must be a list of checks (or [] for a figure-only claim)")
        }
        return Array(seq)
    }

    /// The `plot:` section; without it the first check's metric and x, or `gap` against `iteration`
    /// for a figure-only claim.
    private static func plotSpec(_ r: MappingReader, default check: CheckSpec?) throws -> PlotSpec {
        let defaults = PlotSpec(metric: check?.metric ?? .gap, x: check?.x ?? .iteration)
        guard let p = try r.mapping("plot", context: "plot") else { return defaults }
        try p.requireOnly(["metric", "x"])
        let metric = try p.string("metric").map { name -> Metric in
            guard let m = Metric(rawValue: name) else { throw p.error("metric", "unknown metric '\(name)'") }
            return m
        } ?? defaults.metric
        let x = try p.string("x").map { name -> XAxis in
            guard let x = XAxis(rawValue: name) else { throw p.error("x", "unknown x '\(name)'") }
            return x
        } ?? defaults.x
        return PlotSpec(metric: metric, x: x)
    }

    /// Every grid point's settings must parse (types, names, expression syntax), its data file must
    /// exist and every setting must have an effect, before anything runs.
    static func validateSettings(_ claim: Claim) throws {
        for point in claim.gridPoints {
            let problem = try ProblemKeys.spec(point.problem, file: claim.file)
            let run = try RunKeys.validate(point.run, problem: problem, workers: problem.workers, file: claim.file)
            if let path = problem.dataPath, !FileManager.default.fileExists(atPath: path) {
                throw ClaimError(file: claim.file, line: point.problem["data"]?.line,
                                 "problem.data = '\(point.problem["data"]?.text ?? "")': no such file \(path) (a data path is relative to the claim file)")
            }
            if let ineffective = run.ineffectiveSetting(problem: problem, given: Set(point.run.keys)) {
                let section = point.problem[ineffective.key] != nil ? "problem" : "run"
                let setting = point.problem[ineffective.key] ?? point.run[ineffective.key]
                throw ClaimError(file: claim.file, line: setting?.line,
                                 "\(section).\(ineffective.key) = '\(setting?.text ?? "")'\(point.label.isEmpty ? "" : " at \(point.label)"): \(ineffective.reason)")
            }
        }
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        case let .duplicatedKeysInMapping(_, context): return context.mark.line
        default: return nil
        }
    }

    /// The problem of a YAML error on one line (Yams's own descriptions quote the text over several).
    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): return problem
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate key \(duplicates.map { "'\(Excerpt.of($0))'" }.joined(separator: ", ")) in one mapping"
        default: return "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "unreadable YAML"
        }
    }
}
