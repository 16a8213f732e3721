import Foundation

extension ClaimRunner {
    /// Which of `cells` `plan` deals to this process, by the hash of each cell's cache key and its expected
    /// cost, steps × workers × dimension. Cells of a point that could not be prepared fail alike in every
    /// process and are dealt to none.
    func mine(_ plan: ShardPlan, _ claim: Claim, _ prepared: [Result<PreparedPoint, CellFailure>], _ cells: [Cell]) throws -> [Bool] {
        var dealt = [ShardPlan.Cell](), index = [Int?](repeating: nil, count: cells.count)
        for (k, cell) in cells.enumerated() {
            guard case let .success(point) = prepared[cell.point] else { continue }
            var spec = point.run
            spec.seed = cell.seed
            let cost = Double(spec.steps) * Double(point.setup.problem.workerCount) * Double(point.setup.problem.dimension)
            index[k] = dealt.count
            dealt.append(ShardPlan.Cell(key: try cacheKey(point.cacheStem, spec), cost: cost))
        }
        let owned = plan.mine(dealt)
        return index.map { $0.map { owned[$0] } ?? false }
    }

    /// Runs this process's share (`plan`) of the cells of `claim` and of its controls that run grids of
    /// their own, storing them in the cache; returns how many cells that was and the failures among them.
    /// Throws `Interrupted` when stopped.
    public func runShare(_ claim: Claim, of plan: ShardPlan) throws -> (cells: Int, failures: [String]) {
        var cells = 0, failures = [String]()
        for grid in [claim] + claim.controls.filter { !$0.sharesRuns }.map(\.claim) {
            if grid.refinementRounds > 0 {
                throw ClaimError(file: grid.file, line: nil, "\(grid.id): an adaptive τ grid (tau-scaling `refine: \(grid.refinementRounds)`) chooses each "
                                 + "round's τ from every seed of the previous round, so it cannot be sharded; run this claim without --shard")
            }
            let points = grid.gridPoints
            let outcomes = try execute(grid, points, prepare(grid, points), Self.cells(grid, points), share: plan).compactMap { $0 }
            cells += outcomes.count
            for case let .failure(f) in outcomes { failures.append("\(grid.id): \(f.message)") }
        }
        return (cells, failures)
    }
}
