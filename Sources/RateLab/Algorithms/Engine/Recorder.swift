import RateLabLinalg
import RateLabProblems

/// Computes the checkpoint metrics from the worker models and decides divergence.
///
/// x̄ = (1/p) Σ_i x_i; gap = f(x̄) − f*; ‖∇f(x̄)‖²; ‖x̄ − x*‖²; consensus (1/p) Σ_i ‖x_i − x̄‖².
final class Recorder {
    private let problem: Problem
    private let reference: Reference
    private let divergenceFactor: Double
    /// Communication actions per reported round: p for asynchronous methods (each worker acts on its
    /// own), 1 for synchronous ones (one collective).
    private let actionsPerRound: Int
    private let average: UnsafeMutablePointer<Double>
    private let gradient: UnsafeMutablePointer<Double>
    private var initialGap: Double? = nil
    private(set) var checkpoints: [Checkpoint] = []
    private(set) var status: RunStatus = .completed

    init(problem: Problem, reference: Reference, divergenceFactor: Double, actionsPerRound: Int) {
        self.problem = problem
        self.reference = reference
        self.divergenceFactor = divergenceFactor
        self.actionsPerRound = actionsPerRound
        average = .allocate(capacity: max(1, problem.dimension))
        gradient = .allocate(capacity: max(1, problem.dimension))
    }

    deinit { average.deallocate(); gradient.deallocate() }

    var finalAverage: [Double] { Array(UnsafeBufferPointer(start: average, count: problem.dimension)) }

    /// Records a checkpoint from `models`; returns false (and marks the run diverged) on blow-up.
    @discardableResult
    func record(models: WorkerMatrix, iteration: Int, cluster: Cluster) -> Bool {
        let p = models.rows, d = models.cols
        Kernels.average(models, into: average)
        var consensus = 0.0
        for i in 0..<p { consensus += Kernels.distanceSquared(d, models.row(i), average) }
        consensus /= Double(p)
        let x = UnsafeBufferPointer(start: average, count: d)
        let gap = problem.value(x) - reference.fStar
        problem.gradient(x, into: UnsafeMutableBufferPointer(start: gradient, count: d))
        var gradNormSq = 0.0
        for k in 0..<d { gradNormSq += gradient[k] * gradient[k] }
        let distSq = reference.xStar.withUnsafeBufferPointer { Kernels.distanceSquared(d, average, $0.baseAddress!) }
        checkpoints.append(Checkpoint(
            iteration: iteration, simTime: cluster.now, gradEvals: cluster.gradientEvaluations,
            rounds: cluster.communicationActions / actionsPerRound,
            messages: cluster.network.messagesSent, dropped: cluster.network.messagesDropped,
            bytes: cluster.network.bytesSent, gap: gap, gradNormSq: gradNormSq, distSq: distSq, consensus: consensus))
        let start = initialGap ?? gap
        if initialGap == nil { initialGap = gap }
        if !gap.isFinite || !gradNormSq.isFinite || !consensus.isFinite {
            status = .diverged(iteration: iteration, reason: "non-finite iterate")
            return false
        }
        if abs(gap) > divergenceFactor * max(1, abs(start)) {
            status = .diverged(iteration: iteration, reason: "gap \(gap) exceeds \(divergenceFactor)× the initial gap")
            return false
        }
        return true
    }
}
