import Foundation
import RateLabReports

/// One JSON file of a cache (finished cells, certified optima): the payload with the identity it was stored
/// under and a checksum of both, so that an entry that was edited, truncated or copied under another name is
/// recomputed (with a warning) instead of trusted.
///
/// checksum = FNV-1a 64 of (identity, canonical JSON of the payload), in hex. FNV-1a is not cryptographic: it
/// catches accidents and hand edits, not an adversary who recomputes it. Entries are written atomically
/// (`JSONSidecar.write`: exclusive temporary, then rename), so processes sharing a directory need no locks.
struct ChecksummedEntry<Payload: Codable>: Codable {
    /// What the payload is for: a cell's cache key (hex, the file's own name) or a problem's canonical spec.
    let identity: String
    let checksum: String
    let payload: Payload

    init(identity: String, payload: Payload) throws {
        self.identity = identity
        self.payload = payload
        checksum = try Self.checksum(identity: identity, payload)
    }

    private static func checksum(identity: String, _ payload: Payload) throws -> String {
        String(FNV1a.hash(Data(identity.utf8) + (try ClaimRunner.canonicalJSON(payload))), radix: 16)
    }

    /// The payload stored at `path` for `identity`, or nil when there is no file. A file that does not decode,
    /// was stored for another identity or fails its checksum gives nil too, after `warn` says why.
    static func read(_ path: String, identity: String, warn: (String) -> Void) -> Payload? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let entry = try? JSONSidecar.decode(Self.self, from: data) else {
            warn("cache entry \(path) is recomputed: it is not a cache entry of this RateLab")
            return nil
        }
        guard entry.identity == identity, (try? checksum(identity: identity, entry.payload)) == entry.checksum else {
            warn("cache entry \(path) is recomputed: its key or checksum does not match its content")
            return nil
        }
        return entry.payload
    }

    /// Writes the entry of `payload` for `identity` atomically to `path`.
    static func write(_ payload: Payload, identity: String, to path: String) throws {
        try JSONSidecar.write(try Self(identity: identity, payload: payload), to: path)
    }
}
