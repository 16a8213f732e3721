import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of long work on standard error, e.g.
/// `[############..................] 12/40 cells claim-name  0:42 elapsed, ETA 1:03`.
///
/// On a terminal (`isatty(2)`) the line is redrawn in place on every update (carriage return, then
/// erase-line) and `finish()` clears it. Elsewhere (CI logs, files) it prints the line, with a newline,
/// at most once every `logInterval` seconds and when the work completes, so a long job shows where it
/// is without flooding the log. Elapsed time counts from the bar's creation; the ETA assumes the
/// remaining units take as long as the finished ones on average.
/// Safe to call from several threads at once (sweep cells finish concurrently): updates are
/// serialized by a lock and each draws the state it produced.
public final class ProgressBar {
    /// Number of `#`/`.` cells in the bar.
    static let barWidth = 30
    /// Longest note shown, in characters, so that the line fits an 80-column terminal.
    static let noteWidth = 24
    /// Seconds between two lines when standard error is not a terminal.
    public static let logInterval = 5.0

    /// How the bar is drawn.
    enum Mode {
        /// Redrawn in place on every update.
        case terminal
        /// A line (with "\n") at most every `every` seconds, and when the work completes.
        case log(every: Double)
    }

    private let total: Int
    private let label: String
    private let mode: Mode
    private let draw: ((String) -> Void)?
    /// Seconds on a monotonic clock.
    private let clock: () -> Double
    private let start: Double
    private let lock = NSLock()
    private var done = 0
    private var lastLine: Double

    /// A bar for `total` units of work named `label` (e.g. the claim), on standard error: redrawn in
    /// place on a terminal, a line every `logInterval` seconds otherwise.
    public convenience init(total: Int, label: String) {
        self.init(total: total, label: label, mode: isatty(2) == 1 ? .terminal : .log(every: ProgressBar.logInterval),
                  draw: { text in fputs(text, stderr); fflush(stderr) })
    }

    /// A bar that hands each redraw (control sequences and newlines included) to `draw`, or stays
    /// silent if `draw` is nil; `clock` gives seconds (tests pass their own).
    init(total: Int, label: String, mode: Mode = .terminal, draw: ((String) -> Void)?,
         clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.total = total
        self.label = label
        self.mode = mode
        self.draw = draw
        self.clock = clock
        start = clock()
        lastLine = start
    }

    /// Records `count` more units done and redraws, showing `note` (e.g. the claim just finished) after the count.
    public func advance(by count: Int = 1, note: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        done += count
        let now = clock()
        let text = line(done: done, note: note, elapsed: now - start)
        switch mode {
        case .terminal:
            draw?("\r\u{1B}[2K" + text)
        case let .log(every):
            guard now - lastLine >= every || done >= total else { return }
            lastLine = now
            draw?(text + "\n")
        }
    }

    /// Erases the bar's line on a terminal, leaving the cursor at its start (a log keeps its lines).
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if case .terminal = mode { draw?("\r\u{1B}[2K") }
    }

    /// The visible text for `done` units: a bar filled in proportion done/total (clamped to [0, 1];
    /// full when total ≤ 0), the count, the label, the note truncated to `noteWidth` characters and,
    /// given the elapsed seconds, "M:SS elapsed" and, once a unit is done, "ETA M:SS".
    func line(done: Int, note: String?, elapsed: Double? = nil) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1
        let filled = Int((fraction * Double(Self.barWidth)).rounded(.down))
        var text = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: Self.barWidth - filled) + "]"
        text += " \(done)/\(total) \(label)"
        if let note, !note.isEmpty {
            text += "  " + (note.count > Self.noteWidth ? String(note.prefix(Self.noteWidth - 1)) + "…" : note)
        }
        if let elapsed {
            text += "  \(Self.clockText(elapsed)) elapsed"
            if done > 0, done < total { text += ", ETA \(Self.clockText(elapsed / Double(done) * Double(total - done)))" }
        }
        return text
    }

    /// Seconds as "M:SS" (minutes unbounded), e.g. 63.4 → "1:03".
    static func clockText(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds).rounded(.down))
        let rest = whole % 60
        return "\(whole / 60):\(rest < 10 ? "0" : "")\(rest)"
    }
}
