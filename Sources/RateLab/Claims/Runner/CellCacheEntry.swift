import Foundation
import RateLabAlgorithms
import RateLabReports

/// One finished cell in the cache directory: the run's result with the key it was stored under and a
/// checksum of both, so that an entry that was edited, truncated or copied under another name is
/// recomputed (with a warning) instead of trusted.
///
/// checksum = FNV-1a 64 of (key, canonical JSON of the result), in hex. FNV-1a is not cryptographic: it
/// catches accidents and hand edits, not an adversary who recomputes it.
struct CellCacheEntry: Codable {
    /// The cell's cache key (hex), the file's own name.
    let key: String
    let checksum: String
    let result: RunResult

    init(key: UInt64, result: RunResult) throws {
        self.key = String(key, radix: 16)
        self.result = result
        checksum = try CellCacheEntry.checksum(key: self.key, result)
    }

    private static func checksum(key: String, _ result: RunResult) throws -> String {
        String(FNV1a.hash(Data(key.utf8) + (try ClaimRunner.canonicalJSON(result))), radix: 16)
    }

    /// The result stored at `path` for `key`, or nil when there is no file. A file that does not decode,
    /// was stored under another key or fails its checksum gives nil too, after a warning on stderr.
    static func read(_ path: String, key: UInt64) -> RunResult? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            let entry = try JSONSidecar.decode(CellCacheEntry.self, from: data)
            guard entry.key == String(key, radix: 16), try entry.checksum == checksum(key: entry.key, entry.result) else {
                warn(path, "its key or checksum does not match its content")
                return nil
            }
            return entry.result
        } catch {
            warn(path, "it is not a cache entry of this RateLab (\(error))")
            return nil
        }
    }

    /// Writes the entry for `result` atomically to `path`.
    static func write(_ result: RunResult, key: UInt64, to path: String) throws {
        try JSONSidecar.write(try CellCacheEntry(key: key, result: result), to: path)
    }

    private static func warn(_ path: String, _ reason: String) {
        FileHandle.standardError.write(Data("warning: cache entry \(path) is recomputed: \(reason)\n".utf8))
    }
}
