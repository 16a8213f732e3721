import Foundation
import RateLab

/// Where a long `ratelab run` is: nothing for a run that ends within `quietSeconds`, then a `ProgressBar`
/// over the iterations on standard error (redrawn on a terminal, a line every few seconds in a log).
final class RunProgress {
    /// Runs shorter than this print no progress (most runs: tests and claims stay quiet).
    static let quietSeconds = 2.0

    private let steps: Int
    private let start = ProcessInfo.processInfo.systemUptime
    private var bar: ProgressBar?
    private var shown = 0

    init(steps: Int) { self.steps = steps }

    /// The run reached `iteration` (a checkpoint).
    func reached(_ iteration: Int) {
        if bar == nil, ProcessInfo.processInfo.systemUptime - start >= RunProgress.quietSeconds {
            bar = ProgressBar(total: steps, label: "iterations")
        }
        guard let bar, iteration > shown else { return }
        bar.advance(by: iteration - shown)
        shown = iteration
    }

    /// Clears the bar on a terminal.
    func finish() { bar?.finish() }
}
