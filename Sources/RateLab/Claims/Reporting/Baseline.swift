import Foundation
import RateLabReports

/// Stored measured values of every check row ("claim / check" → value), for the CI regression check:
/// a later run fails when a value drifts beyond a relative tolerance.
public struct Baseline: Codable, Equatable {
    public var values: [String: Double]

    public init(_ outcomes: [ClaimOutcome]) {
        var v = [String: Double]()
        for o in outcomes { for row in o.rows where row.outcome.measured.isFinite { v["\(o.claim.id) / \(row.check)"] = row.outcome.measured } }
        values = v
    }

    public static func read(_ file: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ClaimError(file: file, line: nil, "cannot read the baseline (write one with --update-baseline)")
        }
        do { return try JSONSidecar.decode(Baseline.self, from: data) } catch {
            throw ClaimError(file: file, line: nil, "not a baseline JSON: \(error)")
        }
    }

    public func write(to file: String) throws { try JSONSidecar.write(self, to: file) }

    /// Rows whose value moved by more than `tolerance` relative (max(|stored|, 1e-300)), or vanished.
    public func drifts(from current: Baseline, tolerance: Double) -> [String] {
        values.keys.sorted().compactMap { key in
            let stored = values[key]!
            guard let now = current.values[key] else { return "\(key): missing now (was \(stored))" }
            let relative = abs(now - stored) / max(abs(stored), 1e-300)
            return relative > tolerance ? "\(key): \(stored) → \(now) (relative \(relative))" : nil
        }
    }
}
