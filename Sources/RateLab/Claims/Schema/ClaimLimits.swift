import RateLabAlgorithms
import RateLabProblems

/// The sizes a claim file may ask for, checked while it is parsed, before anything is allocated or
/// run (README, "Limits"). A value beyond them is a `ClaimError` naming the file, line and key (exit 2).
enum ClaimLimits {
    /// Largest claim file, in bytes.
    static let maxFileBytes = 1 << 20
    /// Most seeds (`seeds: N` or a list of N).
    static let maxSeeds = 1_000
    /// Largest seed value: 2⁵³ − 1, exactly representable in JSON numbers.
    static let maxSeed = (1 << 53) - 1
    /// Most values on one sweep axis.
    static let maxAxisLength = 1_000
    /// Most grid points (the product of the axis lengths).
    static let maxGridPoints = 10_000
    /// Most runs (grid points × seeds).
    static let maxRuns = 100_000
    /// Largest number of iterations T of a run (and of τ, checkpoint spacing, staleness and batch).
    static let maxSteps = RunSpec.maxSteps

    /// The range of each integer setting of `problem:` and `run:`, by key.
    static let integerRanges: [String: ClosedRange<Int>] = [
        "steps": 1...maxSteps, "batch": 0...maxSteps, "every": 1...maxSteps, "staleness": 0...maxSteps,
        "dimension": 1...ProblemLimits.maxDimension, "workers": 1...ProblemLimits.maxWorkers,
        "samples-per-worker": 1...ProblemLimits.maxCount, "total-samples": 1...ProblemLimits.maxCount, "hidden": 1...ProblemLimits.maxCount, "seed": 0...maxSeed,
    ]

    /// The range of numeric check keys that count something (`skip: K` checkpoints), by key.
    static let checkRanges: [String: ClosedRange<Double>] = ["skip": 0...Double(maxSteps)]

    /// The product of `lengths`, or nil when it exceeds `maxGridPoints` (no overflow possible).
    static func gridSize(_ lengths: [Int]) -> Int? {
        var product = 1
        for n in lengths {
            product *= n
            if product > maxGridPoints { return nil }
        }
        return product
    }
}
