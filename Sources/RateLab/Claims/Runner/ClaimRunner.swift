import Foundation
import RateLabAlgorithms
import RateLabLinalg
import RateLabOptimum
import RateLabProblems
import RateLabReports

/// Runs the grid of claims: builds and certifies each distinct problem once, then runs every
/// (grid point, seed) cell in parallel. Cells are pure functions of their settings, so results do
/// not depend on the thread count. With a cache directory, finished cells are stored under a key of
/// their configuration and not run again (a killed or interrupted sweep resumes where it stopped).
public struct ClaimRunner {
    public var threads: Int
    /// Where cell results are cached (`<dir>/<claim id>/<key>.json`); nil = no cache.
    public var cacheDirectory: String?
    /// Shows progress on standard error (`ProgressBar`: in place on a terminal, a line every few seconds otherwise).
    public var showProgress: Bool
    /// When raised, cells not yet started are skipped and `run` throws `Interrupted`.
    public var stop: StopRequest?
    /// With a cache: a cell missing from it is not run, and `run` throws `NotCached` (merging the shards
    /// of a sharded sweep must not quietly run what a shard left out).
    public var requireCached = false
    /// Certified optima are looked up and stored here; nil = certify every problem.
    public var optimumCache: OptimumCache?

    /// The run of a claim was stopped by a `StopRequest` before every cell ran.
    public struct Interrupted: Error {}

    /// With `requireCached`: cells of a claim were not in the cache.
    public struct NotCached: Error, CustomStringConvertible {
        public let claim: String
        public let cells: Int
        public let directory: String
        public var description: String {
            "\(cells) cell(s) of claim \(claim) are not in the cache \(directory); run the missing shards first"
        }
    }

    public init(threads: Int = ParallelCells.defaultThreads, cacheDirectory: String? = nil, showProgress: Bool = false,
                stop: StopRequest? = nil, optimumCache: OptimumCache? = nil) {
        self.threads = threads
        self.cacheDirectory = cacheDirectory
        self.showProgress = showProgress
        self.stop = stop
        self.optimumCache = optimumCache
    }

    struct Cell {
        let point: Int
        let seed: UInt64
    }

    /// A problem built and certified once per distinct spec.
    struct Setup {
        let problem: Problem
        let certificate: OptimumCertificate
    }

    /// What every cell of one grid point shares: its problem and its run settings resolved against
    /// that problem (`lr`/`tau` expressions need L, μ, …), with the bindings they were resolved with.
    struct PreparedPoint {
        let problemSpec: ProblemSpec
        let setup: Setup
        let run: RunSpec
        let bindings: [String: Double]
        /// What every cell's cache key starts with (`cacheStem`).
        let cacheStem: Data
    }

    /// Runs every cell of `claim`, then the points its checks add by adaptive refinement (`Claim.refinedPoints`,
    /// at most `refinementRounds` rounds, each chosen from every seed's results so far: the same points for any
    /// thread count, and cached like the grid's; a sharded run has run them in the process that owned their
    /// refinement group, `runShare`); throws `Interrupted` when `stop` was raised before every cell ran, and
    /// `NotCached` when `requireCached` found cells missing from the cache.
    func run(_ claim: Claim) throws -> ClaimData {
        try Self.refined(claim, ClaimData(claim: claim, points: try results(claim, claim.gridPoints))) { try results(claim, $0) }
    }

    /// `data` with up to `claim.refinementRounds` rounds of the points its checks add (`Claim.refinedPoints`),
    /// each round's points run by `run`; stops early at a round that adds none.
    static func refined(_ claim: Claim, _ data: ClaimData, run: ([GridPoint]) throws -> [PointResult]) rethrows -> ClaimData {
        var data = data
        for _ in 0..<claim.refinementRounds {
            let added = claim.refinedPoints(data)
            if added.isEmpty { break }
            data = ClaimData(claim: claim, points: data.points + (try run(added)))
        }
        return data
    }

    /// The runs of `points` of `claim`, one `PointResult` per point; throws `NotCached` when `requireCached`
    /// found cells missing.
    private func results(_ claim: Claim, _ points: [GridPoint]) throws -> [PointResult] {
        let ran = try runAll(claim, points)
        let missing = ran.outcomes.filter { if case let .failure(f) = $0 { f.notCached } else { false } }.count
        if missing > 0 { throw NotCached(claim: claim.id, cells: missing, directory: cacheDirectory ?? "") }
        return ran.results
    }

    /// Runs every cell of `points` (all seeds): one `PointResult` per point and the cells' outcomes, point-major.
    func runAll(_ claim: Claim, _ points: [GridPoint]) throws -> (results: [PointResult], outcomes: [Result<RunResult, CellFailure>]) {
        let prepared = prepare(claim, points), cells = Self.cells(claim, points)
        let outcomes = try execute(claim, points, prepared, cells, selected: nil)
        return (points.indices.map { Self.pointResult(claim, points, prepared, cells, outcomes, $0) }, outcomes.compactMap { $0 })
    }

    /// The `PointResult` of `points[p]` from the outcomes of its cells (every seed; `cells` is point-major),
    /// which must all have run.
    static func pointResult(_ claim: Claim, _ points: [GridPoint], _ prepared: [Result<PreparedPoint, CellFailure>], _ cells: [Cell],
                            _ outcomes: [Result<RunResult, CellFailure>?], _ p: Int) -> PointResult {
        var runs = [PointResult.SeedRun](), failure: String? = nil
        for k in (p * claim.seeds.count)..<((p + 1) * claim.seeds.count) {
            switch outcomes[k]! {
            case let .success(r): runs.append(.init(seed: cells[k].seed, result: r))
            case let .failure(f): failure = failure ?? f.message
            }
        }
        let bindings = (try? prepared[p].get()).map(\.bindings)
        return PointResult(point: points[p], bindings: bindings ?? [:], runs: failure == nil ? runs : [], failure: failure)
    }

    /// Every (grid point, seed) cell of `claim`, point-major.
    static func cells(_ claim: Claim, _ points: [GridPoint]) -> [Cell] {
        points.indices.flatMap { p in claim.seeds.map { Cell(point: p, seed: $0) } }
    }

    /// Runs the cells of `cells` in parallel: all of them, or only the `selected` ones (a shard's). Each entry
    /// is the cell's outcome, nil for a cell not selected; throws `Interrupted` when `stop` was raised before
    /// every selected cell ran.
    func execute(_ claim: Claim, _ points: [GridPoint], _ prepared: [Result<PreparedPoint, CellFailure>],
                 _ cells: [Cell], selected: [Bool]?) throws -> [Result<RunResult, CellFailure>?] {
        let selected = selected ?? Array(repeating: true, count: cells.count)
        let progress = showProgress ? ProgressBar(total: selected.filter { $0 }.count, label: claim.id) : nil
        let finished: [Result<RunResult, CellFailure>?] = ParallelCells.map(cells.count, threads: threads) { k in
            guard selected[k], stop?.isRequested != true else { return nil }
            defer { progress?.advance() }
            return prepared[cells[k].point].flatMap { runCell(claim, points[cells[k].point], seed: cells[k].seed, $0) }
        }
        progress?.finish()
        if cells.indices.contains(where: { selected[$0] && finished[$0] == nil }) { throw Interrupted() }
        return finished
    }

    /// Each grid point's problem and run settings (`points` = `claim.gridPoints`); each distinct
    /// problem spec is built and certified once (in parallel).
    func prepare(_ claim: Claim, _ points: [GridPoint]) -> [Result<PreparedPoint, CellFailure>] {
        let problemSpecs = points.map { point in
            Result { try ProblemKeys.spec(point.problem, file: claim.file) }.mapError { CellFailure(message: "\($0)") }
        }
        // Distinct specs in order of first appearance, and where each one is in `distinct`.
        var distinct = [ProblemSpec](), index = [ProblemSpec: Int]()
        for case let .success(spec) in problemSpecs where index[spec] == nil {
            index[spec] = distinct.count
            distinct.append(spec)
        }
        let setups: [Result<Setup, CellFailure>] = ParallelCells.map(distinct.count, threads: threads) { i in
            Result {
                let problem = try ProblemFactory.make(distinct[i])
                let certificate = try optimumCache?.certificate(distinct[i], problem) ?? Optimum.certify(problem)
                return Setup(problem: problem, certificate: certificate)
            }.mapError { CellFailure(message: "problem \(distinct[i].name): \($0)") }
        }
        return zip(points, problemSpecs).map { point, problemSpec in
            problemSpec.flatMap { spec in
                setups[index[spec]!].flatMap { setup in
                    Result { () throws -> PreparedPoint in
                        let (run, bindings) = try RunKeys.spec(point.run, problem: setup.problem, problemSpec: spec, file: claim.file)
                        return PreparedPoint(problemSpec: spec, setup: setup, run: run, bindings: bindings,
                                             cacheStem: try cacheStem(claim, spec))
                    }.mapError { CellFailure(message: "\(point.label.isEmpty ? "" : point.label + ": ")\($0)") }
                }
            }
        }
    }

    private func runCell(_ claim: Claim, _ point: GridPoint, seed: UInt64, _ prepared: PreparedPoint) -> Result<RunResult, CellFailure> {
        do {
            var spec = prepared.run
            spec.seed = seed
            let key = try cacheKey(prepared.cacheStem, spec)
            let cacheFile = cachePath(claim, key: key)
            if let file = cacheFile, let cached = ChecksummedEntry<RunResult>.read(file, identity: String(key, radix: 16), warn: Self.warn) {
                return .success(cached)
            }
            if requireCached && cacheFile != nil {
                return .failure(CellFailure(message: "\(point.label.isEmpty ? "" : point.label + ", ")seed \(seed): not in the cache", notCached: true))
            }
            let result = try Simulator.run(problem: prepared.setup.problem, reference: Reference(prepared.setup.certificate), spec: spec)
            if let file = cacheFile { try ChecksummedEntry.write(result, identity: String(key, radix: 16), to: file) }
            return .success(result)
        } catch {
            return .failure(CellFailure(message: "\(point.label.isEmpty ? "" : point.label + ", ")seed \(seed): \(error)"))
        }
    }

    /// What a cell's result depends on besides its run spec: the RateLab version, git commit (when
    /// known) and executable, the BLAS kernels in use, the claim file's text, the problem spec and the
    /// bytes of its data file. Results of another build or BLAS kernel, of an edited claim or of a
    /// changed data file are never reused.
    private func cacheStem(_ claim: Claim, _ problem: ProblemSpec) throws -> Data {
        guard cacheDirectory != nil else { return Data() }
        let build = [RateLabVersion.string, RateLabVersion.gitCommit ?? "", RateLabVersion.executableFingerprint,
                     BLASRuntime.kernelName ?? ""]
        var stem = Data((build + [claim.text]).joined(separator: "\n").utf8)
        stem.append(try ClaimRunner.canonicalJSON(problem))
        if let path = problem.dataPath, let bytes = FileManager.default.contents(atPath: path) { stem.append(bytes) }
        return stem
    }

    /// `<cache>/<claim id>/<cacheKey>.json`.
    private func cachePath(_ claim: Claim, key: UInt64) -> String? {
        cacheDirectory.map { "\($0)/\(claim.id)/\(String(key, radix: 16)).json" }
    }

    /// Says on stderr that a cache entry is recomputed, and why.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// FNV-1a 64 of (cacheStem, canonical JSON of the run spec): the name of a cell in the cache.
    func cacheKey(_ stem: Data, _ run: RunSpec) throws -> UInt64 {
        FNV1a.hash(stem + (try ClaimRunner.canonicalJSON(run)))
    }

    /// JSON with sorted keys: the same value always gives the same bytes; non-finite numbers (an infinite
    /// bandwidth) are spelled "inf", "-inf", "nan" as in every sidecar.
    static func canonicalJSON<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }
}

/// Why a cell produced no run.
struct CellFailure: Error, Sendable {
    let message: String
    /// The cell was not run because `requireCached` found it missing from the cache.
    var notCached = false
}
