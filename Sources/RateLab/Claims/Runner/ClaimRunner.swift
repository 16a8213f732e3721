import Foundation
import RateLabAlgorithms
import RateLabOptimum
import RateLabProblems
import RateLabReports

/// Runs the grid of claims: builds and certifies each distinct problem once, then runs every
/// (grid point, seed) cell in parallel. Cells are pure functions of their settings, so results do
/// not depend on the thread count. With a cache directory, finished cells are stored under a key of
/// their configuration and not run again (a killed sweep resumes where it stopped).
public struct ClaimRunner {
    public var threads: Int
    /// Where cell results are cached (`<dir>/<claim id>/<key>.json`); nil = no cache.
    public var cacheDirectory: String?
    /// Draws a progress bar on a terminal.
    public var showProgress: Bool

    public init(threads: Int = ParallelCells.defaultThreads, cacheDirectory: String? = nil, showProgress: Bool = false) {
        self.threads = threads
        self.cacheDirectory = cacheDirectory
        self.showProgress = showProgress
    }

    private struct Cell {
        let point: Int
        let seed: UInt64
    }

    private struct Setup {
        let problem: Problem
        let certificate: OptimumCertificate
    }

    /// Runs every cell of `claim`.
    func run(_ claim: Claim) -> ClaimData {
        let points = claim.gridPoints
        // Problems: build and certify each distinct spec once.
        var specs = [ProblemSpec](), specIndex = [Int]()
        var problemErrors = [Int: String]()
        for (k, point) in points.enumerated() {
            do {
                let spec = try ProblemKeys.spec(point.problem, file: claim.file)
                if let i = specs.firstIndex(of: spec) { specIndex.append(i) } else { specIndex.append(specs.count); specs.append(spec) }
            } catch {
                specIndex.append(-1)
                problemErrors[k] = "\(error)"
            }
        }
        let setups: [Result<Setup, CellFailure>] = ParallelCells.map(specs.count, threads: threads) { i in
            do {
                let problem = try ProblemFactory.make(specs[i])
                return .success(Setup(problem: problem, certificate: try Optimum.certify(problem)))
            } catch {
                return .failure(CellFailure(message: "problem \(specs[i].name): \(error)"))
            }
        }
        // Run settings: resolved once per point against its problem (lr/tau expressions need L, μ, …).
        let runSpecs: [Result<RunSpec, Error>?] = points.indices.map { p in
            guard specIndex[p] >= 0, case let .success(setup) = setups[specIndex[p]] else { return nil }
            return Result { try RunKeys.spec(points[p].run, problem: setup.problem, file: claim.file) }
        }
        let cells = points.indices.flatMap { p in claim.seeds.map { Cell(point: p, seed: $0) } }
        let progress = showProgress ? ProgressBar(total: cells.count, label: claim.id) : nil
        let outcomes: [Result<RunResult, CellFailure>] = ParallelCells.map(cells.count, threads: threads) { k in
            let cell = cells[k]
            defer { progress?.advance() }
            guard specIndex[cell.point] >= 0 else { return .failure(CellFailure(message: problemErrors[cell.point] ?? "bad problem")) }
            switch setups[specIndex[cell.point]] {
            case let .failure(f): return .failure(f)
            case let .success(setup):
                return runCell(claim, points[cell.point], seed: cell.seed, setup: setup, spec: specs[specIndex[cell.point]],
                               run: runSpecs[cell.point]!)
            }
        }
        progress?.finish()
        var results = [PointResult]()
        for (p, point) in points.enumerated() {
            let mine = (p * claim.seeds.count)..<((p + 1) * claim.seeds.count)  // cells are point-major
            var runs = [PointResult.SeedRun](), failure: String? = nil
            for k in mine {
                switch outcomes[k] {
                case let .success(r): runs.append(.init(seed: cells[k].seed, result: r))
                case let .failure(f): failure = failure ?? f.message
                }
            }
            var bindings = [String: Double]()
            if specIndex[p] >= 0, case let .success(setup) = setups[specIndex[p]], case let .success(run)? = runSpecs[p] {
                bindings = Bindings(problem: setup.problem, steps: run.steps, batch: run.batchSize).values
            }
            results.append(PointResult(point: point, bindings: bindings, runs: failure == nil ? runs : [], failure: failure))
        }
        return ClaimData(claim: claim, points: results)
    }

    private func runCell(
        _ claim: Claim, _ point: GridPoint, seed: UInt64, setup: Setup, spec problemSpec: ProblemSpec, run: Result<RunSpec, Error>
    ) -> Result<RunResult, CellFailure> {
        do {
            var spec = try run.get()
            spec.seed = seed
            let cacheFile = try cachePath(claim, problemSpec, spec)
            if let file = cacheFile, let data = FileManager.default.contents(atPath: file),
               let cached = try? JSONSidecar.decode(RunResult.self, from: data) {
                return .success(cached)
            }
            let reference = Reference(fStar: setup.certificate.fStar, xStar: setup.certificate.xStar)
            let result = try Simulator.run(problem: setup.problem, reference: reference, spec: spec)
            if let file = cacheFile { try JSONSidecar.write(result, to: file) }
            return .success(result)
        } catch {
            return .failure(CellFailure(message: "\(point.label.isEmpty ? "" : point.label + ", ")seed \(seed): \(error)"))
        }
    }

    /// `<cache>/<claim id>/<FNV-1a 64 of the canonical JSON of (problem spec, run spec)>.json`.
    private func cachePath(_ claim: Claim, _ problem: ProblemSpec, _ run: RunSpec) throws -> String? {
        guard let dir = cacheDirectory else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var bytes = try encoder.encode(problem)
        bytes.append(contentsOf: try encoder.encode(run))
        var hash: UInt64 = 0xcbf29ce484222325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        return "\(dir)/\(claim.id)/\(String(hash, radix: 16)).json"
    }
}

/// Why a cell produced no run.
struct CellFailure: Error, Sendable {
    let message: String
}
