import Foundation

/// How one fuzz input ended, as issue 17 classifies them.
public enum FuzzOutcome: String, CaseIterable, Sendable {
    /// Accepted, with finite results.
    case ok
    /// Refused with an error (in process: a thrown error; a process: exit 1, 2 or 3 with a message).
    case cleanError = "clean error"
    /// A signal, trap or allocation abort (a process only: in process it would end the test run).
    case crash
    /// Past the per-input time limit.
    case hang
    /// Accepted, but a non-finite number was produced or printed.
    case nonFinite = "non-finite result"
    /// A file written outside the directories the invocation allows.
    case escape = "write outside allowed dirs"

    /// The failures: any of these fails the campaign.
    public var isFailure: Bool { ![.ok, .cleanError].contains(self) }
}

/// Counts of outcomes per input kind, printed as the campaign's table.
public struct FuzzTally {
    public private(set) var counts: [String: [FuzzOutcome: Int]] = [:]
    /// The first few failing inputs per kind, to reproduce them.
    public private(set) var failures: [String] = []

    public init() {}

    /// Counts `outcome` for `kind`; a failure's `input` (evaluated only then) is kept to reproduce it.
    public mutating func add(_ kind: String, _ outcome: FuzzOutcome, input: @autoclosure () -> String) {
        counts[kind, default: [:]][outcome, default: 0] += 1
        if outcome.isFailure, failures.count < 20 { failures.append("\(kind) \(outcome.rawValue): \(input().prefix(300))") }
    }

    public var total: Int { counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
    public var failureCount: Int { counts.values.reduce(0) { $0 + $1.filter { $0.key.isFailure }.values.reduce(0, +) } }

    /// One row per kind and a total line, one column per outcome (cells padded, never cut).
    public func table() -> String {
        let columns = FuzzOutcome.allCases
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        let widths = columns.map { max($0.rawValue.count, 7) }
        var lines = [([pad("kind", 22)] + zip(columns, widths).map { pad($0.rawValue, $1) }).joined(separator: " | ")]
        for kind in counts.keys.sorted() {
            let row = counts[kind]!
            lines.append(([pad(kind, 22)] + zip(columns, widths).map { pad(String(row[$0, default: 0]), $1) }).joined(separator: " | "))
        }
        lines.append("total inputs: \(total), failures: \(failureCount)")
        return lines.joined(separator: "\n")
    }
}
