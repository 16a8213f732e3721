import Foundation
import RateLabReports

/// Stored measured values of check rows, for the CI regression check: `"<claim id> / <row>"` → the
/// measured value. The file is `{"values": {key: number, …}}` (non-finite numbers as "inf"/"nan").
public struct Baseline: Codable, Equatable {
    public var values: [String: Double]

    /// Separates the claim id from the row label in a key.
    static let separator = " / "

    public init(values: [String: Double]) { self.values = values }

    /// The finite measured values of every row of `outcomes`.
    public init(_ outcomes: [ClaimOutcome]) {
        var v = [String: Double]()
        for o in outcomes { for row in o.rows where row.outcome.measured.isFinite { v[Baseline.key(o.claim.id, row.check)] = row.outcome.measured } }
        values = v
    }

    static func key(_ claim: String, _ row: String) -> String { claim + separator + row }

    /// True when `key` belongs to the claim `id`.
    static func key(_ key: String, isOf id: String) -> Bool { key.hasPrefix(id + separator) }

    public static func read(_ file: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ClaimError(file: file, line: nil, "cannot read the baseline (write one with --update-baseline)")
        }
        do { return try JSONSidecar.decode(Baseline.self, from: data) } catch {
            throw ClaimError(file: file, line: nil, "not a baseline JSON: \(error)")
        }
    }

    public func write(to file: String) throws { try JSONSidecar.write(self, to: file) }

    /// This baseline with the entries of the claims `ids` replaced by those of `measured`; the entries
    /// of every other claim are kept (re-recording part of a suite leaves the rest alone).
    public func replacing(claims ids: [String], with measured: Baseline) -> Baseline {
        var merged = values.filter { entry in !ids.contains { Baseline.key(entry.key, isOf: $0) } }
        merged.merge(measured.values) { _, new in new }
        return Baseline(values: merged)
    }

    /// The rows of `outcomes` whose value moved beyond `tolerance` from this baseline, appeared or
    /// vanished. Only the claims in `outcomes` are compared: entries of claims not run are ignored.
    public func drifts(_ outcomes: [ClaimOutcome], tolerance: DriftTolerance) -> [Drift] {
        var drifts = [Drift]()
        for o in outcomes {
            let id = o.claim.id
            var seen = Set<String>()
            for row in o.rows {
                let key = Baseline.key(id, row.check)
                seen.insert(key)
                let now = row.outcome.measured.isFinite ? row.outcome.measured : nil
                let stored = values[key]
                switch (stored, now) {
                case (nil, nil): continue
                case let (stored?, now?):
                    let allowed = tolerance.allowed(stored: stored, row: row)
                    if abs(now - stored) > allowed { drifts.append(Drift(claim: id, row: row.check, stored: stored, now: now, allowed: allowed)) }
                default: drifts.append(Drift(claim: id, row: row.check, stored: stored, now: now, allowed: 0))
                }
            }
            for key in values.keys.sorted() where Baseline.key(key, isOf: id) && !seen.contains(key) {
                drifts.append(Drift(claim: id, row: String(key.dropFirst(id.count + Baseline.separator.count)), stored: values[key], now: nil, allowed: 0))
            }
        }
        return drifts
    }
}
