import Foundation
import RateLabAlgorithms

extension ClaimRunner {
    /// Which of `cells` `plan` deals to this process. The unit dealt is a single cell, keyed by its cache key,
    /// or a whole refinement group (`groups`: every cell of its points), keyed by the FNV-1a hash of their cache
    /// keys; a unit's expected cost is the sum over its cells of steps × workers × dimension. Cells of a point
    /// that could not be prepared fail alike in every process and are dealt to none.
    func mine(_ plan: ShardPlan, _ claim: Claim, _ prepared: [Result<PreparedPoint, CellFailure>], _ cells: [Cell],
              groups: [Int?]) throws -> [Bool] {
        var units = [(keys: [UInt64], cost: Double)](), unitOfGroup = [Int: Int](), unit = [Int?](repeating: nil, count: cells.count)
        for (k, cell) in cells.enumerated() {
            guard case let .success(point) = prepared[cell.point] else { continue }
            var spec = point.run
            spec.seed = cell.seed
            let u = groups[cell.point].flatMap { unitOfGroup[$0] } ?? units.count
            if u == units.count {
                units.append(([], 0))
                if let group = groups[cell.point] { unitOfGroup[group] = u }
            }
            units[u].keys.append(try cacheKey(point.cacheStem, spec))
            units[u].cost += Double(spec.steps) * Double(point.setup.problem.workerCount) * Double(point.setup.problem.dimension)
            unit[k] = u
        }
        let owned = plan.mine(units.map { unit in
            let key = unit.keys.count == 1 ? unit.keys[0] : FNV1a.hash(unit.keys.flatMap { key in withUnsafeBytes(of: key.littleEndian, Array.init) })
            return ShardPlan.Cell(key: key, cost: unit.cost)
        })
        return unit.map { $0.map { owned[$0] } ?? false }
    }

    /// The refinement group of each of `points` (`Claim.refinementKeys` of its bindings): points that share a
    /// check's group are in one group, transitively, so refining a group reads only its own points. nil for a
    /// point no refining check reads or that could not be prepared.
    static func refinementGroups(_ claim: Claim, _ points: [GridPoint], _ prepared: [Result<PreparedPoint, CellFailure>]) -> [Int?] {
        var parent = Array(points.indices), first = [RefinementKey: Int](), grouped = [Bool](repeating: false, count: points.count)
        func root(_ p: Int) -> Int { parent[p] == p ? p : root(parent[p]) }
        for (p, point) in points.enumerated() {
            guard case let .success(setup) = prepared[p] else { continue }
            for key in claim.refinementKeys(point, bindings: setup.bindings) {
                grouped[p] = true
                if let q = first[key] { parent[root(p)] = root(q) } else { first[key] = p }
            }
        }
        return points.indices.map { grouped[$0] ? root($0) : nil }
    }

    /// Runs this process's share (`plan`) of the cells of `claim` and of its controls that run grids of
    /// their own, storing them in the cache; returns how many cells that was and the failures among them.
    /// Throws `Interrupted` when stopped.
    public func runShare(_ claim: Claim, of plan: ShardPlan) throws -> (cells: Int, failures: [String]) {
        var cells = 0, failures = [String]()
        for grid in [claim] + claim.controls.filter({ !$0.sharesRuns }).map(\.claim) {
            let outcomes = try runGridShare(grid, of: plan)
            cells += outcomes.count
            for case let .failure(f) in outcomes { failures.append("\(grid.id): \(f.message)") }
        }
        return (cells, failures)
    }

    /// The outcomes of this process's share of `grid`: its cells, and for every refinement group dealt to it
    /// (`refinementGroups`) the group's refinement rounds (`Claim.refinedPoints` on the group's runs, all seeds),
    /// which only that group's runs decide; the merge then computes the same points from the cached grid and
    /// finds them cached. The merge is the one-process computation on the cache, so sharding cannot change a
    /// result: a check whose refinement broke `ClaimCheck.refinementGroup`'s contract would only leave cells
    /// out, which the merge with `requireCached` reports (`NotCached`).
    private func runGridShare(_ grid: Claim, of plan: ShardPlan) throws -> [Result<RunResult, CellFailure>] {
        let points = grid.gridPoints, prepared = prepare(grid, points), cells = Self.cells(grid, points)
        let groups = Self.refinementGroups(grid, points, prepared)
        let selected = try mine(plan, grid, prepared, cells, groups: groups)
        let outcomes = try execute(grid, points, prepared, cells, selected: selected)
        var ran = outcomes.compactMap { $0 }
        // Every cell of a group goes to one process, so a group is this process's when its first cell is.
        let owned = points.indices.filter { groups[$0] != nil && selected[$0 * grid.seeds.count] }
        guard !owned.isEmpty else { return ran }
        let data = ClaimData(claim: grid, points: owned.map { Self.pointResult(grid, points, prepared, cells, outcomes, $0) })
        _ = try Self.refined(grid, data) { added in
            let round = try runAll(grid, added)
            ran += round.outcomes
            return round.results
        }
        return ran
    }
}
