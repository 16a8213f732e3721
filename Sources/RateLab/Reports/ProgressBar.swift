import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error, e.g. `[############..................] 12/40 cells  claim-name`.
///
/// It draws only when standard error is a terminal (`isatty(2)`), so logs and CI output stay clean.
/// Each update redraws the line in place (carriage return, then erase-line); `finish()` clears it.
/// Safe to call from several threads at once (sweep cells finish concurrently): updates are
/// serialized by a lock and each draws the state it produced.
public final class ProgressBar {
    /// Number of `#`/`.` cells in the bar.
    static let barWidth = 30
    /// Longest note shown, in characters, so that the line fits an 80-column terminal.
    static let noteWidth = 24

    private let total: Int
    private let label: String
    private let draw: ((String) -> Void)?
    private let lock = NSLock()
    private var done = 0

    /// A bar for `total` units of work named `label` (e.g. "cells"), drawn on standard error
    /// if that is a terminal and silent otherwise.
    public convenience init(total: Int, label: String) {
        let drawsOnTerminal = isatty(2) == 1
        self.init(total: total, label: label, draw: drawsOnTerminal ? { text in fputs(text, stderr); fflush(stderr) } : nil)
    }

    /// A bar that hands each redraw (control sequences included) to `draw`, or stays silent if `draw` is nil.
    init(total: Int, label: String, draw: ((String) -> Void)?) {
        self.total = total
        self.label = label
        self.draw = draw
    }

    /// Records `count` more units done and redraws, showing `note` (e.g. the claim just finished) after the count.
    public func advance(by count: Int = 1, note: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        done += count
        draw?("\r\u{1B}[2K" + line(done: done, note: note))
    }

    /// Erases the bar's line, leaving the cursor at its start.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        draw?("\r\u{1B}[2K")
    }

    /// The visible text for `done` units: a bar filled in proportion done/total (clamped to [0, 1];
    /// full when total ≤ 0), the count, the label and the note truncated to `noteWidth` characters.
    func line(done: Int, note: String?) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1
        let filled = Int((fraction * Double(Self.barWidth)).rounded(.down))
        var text = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: Self.barWidth - filled) + "]"
        text += " \(done)/\(total) \(label)"
        if let note, !note.isEmpty {
            text += "  " + (note.count > Self.noteWidth ? String(note.prefix(Self.noteWidth - 1)) + "…" : note)
        }
        return text
    }
}
