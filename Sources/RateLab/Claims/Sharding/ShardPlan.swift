import Synchronization

/// Deals the cells of a sharded sweep to shards, balanced by expected cost and the same in every
/// process. A unit dealt is one cell, or a whole refinement group of an adaptive claim (its grid cells,
/// whose refinement rounds then run in the same process). Units arrive claim by claim (every process reads
/// the same claims in the same order); each batch is dealt longest-first (by cost, ties by the unit's
/// key hash) to the shard with the least cost so far (ties to the lowest index), and the loads carry over
/// to the next batch. Nothing but the units' keys and costs decides the deal, so no process needs to talk
/// to another.
public final class ShardPlan: Sendable {
    /// The shard this process runs.
    public let shard: Shard
    /// Expected cost dealt to each shard so far.
    private let loads: Mutex<[Double]>

    public init(_ shard: Shard) {
        self.shard = shard
        loads = Mutex([Double](repeating: 0, count: shard.count))
    }

    /// One unit to deal: the hash of its cache key(s) and its expected cost (e.g. steps × workers × dimension).
    public struct Cell: Sendable {
        public let key: UInt64
        public let cost: Double

        public init(key: UInt64, cost: Double) {
            self.key = key
            self.cost = cost
        }
    }

    /// The shard (0-based) of each of `cells`, in their order; updates the loads.
    public func deal(_ cells: [Cell]) -> [Int] {
        let order = cells.indices.sorted { a, b in
            cells[a].cost != cells[b].cost ? cells[a].cost > cells[b].cost : cells[a].key < cells[b].key
        }
        return loads.withLock { loads in
            var owner = [Int](repeating: 0, count: cells.count)
            for k in order {
                let least = loads.indices.min { loads[$0] < loads[$1] }!
                owner[k] = least
                loads[least] += cells[k].cost
            }
            return owner
        }
    }

    /// Which of `cells` this process runs (`deal`, then the cells dealt to `shard`).
    public func mine(_ cells: [Cell]) -> [Bool] {
        deal(cells).map { $0 == shard.index }
    }

    /// The expected cost dealt to every shard so far.
    public var dealtCosts: [Double] { loads.withLock { $0 } }
}
