import Foundation

/// One process's place in a sharded sweep: shard `index` (0-based) of `count`. Every process of the
/// sweep reads the same claims and assigns their cells the same way (`ShardPlan`), runs only the cells
/// of its own shard, and stores them in the shared cell cache; a final unsharded run finds them all there.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    /// The 0-based rank of this process, < `count`.
    public let index: Int
    /// The number of processes sharing the sweep, ≥ 1.
    public let count: Int

    /// A shard; nil unless 0 ≤ index < count.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// "K/N".
    public var description: String { "\(index)/\(count)" }

    /// Why `--shard` could not be decided.
    public enum ParseError: Error, CustomStringConvertible {
        case malformed(String)
        case noLauncher
        case badVariable(name: String, value: String)

        public var description: String {
            switch self {
            case let .malformed(text):
                return "--shard '\(text)': expected K/N with 0 ≤ K < N (0-based rank K of N processes) or auto"
            case .noLauncher:
                return "--shard auto: no launcher variables found (" + Shard.launchers.map { "\($0.rank)/\($0.size)" }.joined(separator: ", ")
                    + ", SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT); give --shard K/N"
            case let .badVariable(name, value):
                return "--shard auto: \(name)=\(value) is not a valid rank or size"
            }
        }
    }

    /// `text` as a shard: "K/N" (0 ≤ K < N), or "auto" for the launcher's rank and size (`fromLauncher`).
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Shard {
        if text == "auto" { return try fromLauncher(environment) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), let shard = Shard(index: k, count: n) else {
            throw ParseError.malformed(text)
        }
        return shard
    }

    /// The per-process launchers `fromLauncher` reads, most specific first: Open MPI, PMI (MPICH, Intel MPI,
    /// srun --mpi=pmi2), a Slurm job step (srun; only with more than one task).
    static let launchers: [(rank: String, size: String)] = [
        ("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"), ("PMI_RANK", "PMI_SIZE"), ("SLURM_PROCID", "SLURM_NTASKS"),
    ]

    /// The shard from the launcher's environment. A Slurm job array (`SLURM_ARRAY_TASK_ID` counted from
    /// `SLURM_ARRAY_TASK_MIN`, `SLURM_ARRAY_TASK_COUNT`) and a process launcher inside each array task
    /// (`launchers`) compose: rank = task · size + process rank, of task count · size. Throws
    /// `ParseError.noLauncher` when neither is present.
    public static func fromLauncher(_ environment: [String: String]) throws -> Shard {
        func number(_ name: String) throws -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw ParseError.badVariable(name: name, value: text) }
            return value
        }
        var process: (rank: Int, size: Int)? = nil
        for launcher in launchers {
            guard let rank = try number(launcher.rank), let size = try number(launcher.size) else { continue }
            if launcher.size == "SLURM_NTASKS" && size <= 1 { continue }
            process = (rank, size)
            break
        }
        var array: (rank: Int, size: Int)? = nil
        if let task = try number("SLURM_ARRAY_TASK_ID"), let count = try number("SLURM_ARRAY_TASK_COUNT") {
            array = (task - (try number("SLURM_ARRAY_TASK_MIN") ?? 0), count)
        }
        guard process != nil || array != nil else { throw ParseError.noLauncher }
        let inner = process ?? (0, 1), outer = array ?? (0, 1)
        guard let shard = Shard(index: outer.rank * inner.size + inner.rank, count: outer.size * inner.size) else {
            throw ParseError.badVariable(name: "rank", value: "\(outer.rank * inner.size + inner.rank) of \(outer.size * inner.size)")
        }
        return shard
    }
}
