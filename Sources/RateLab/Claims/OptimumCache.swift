import Foundation
import RateLabLinalg
import RateLabOptimum
import RateLabProblems
import RateLabReports

/// A content-addressed store of certified optima, so that a problem is certified once per build rather than
/// once per process: `<directory>/<key>.json`, where the key is FNV-1a 64 of what the certificate depends
/// on — the RateLab version, git commit (when known) and executable, the BLAS kernels in use, the problem
/// spec without its data path, and the bytes of its data file (so the same data under another path hits).
///
/// Each entry is a `ChecksummedEntry` whose identity is the spec it was computed for; an entry that cannot
/// be read, belongs to another spec or fails its checksum is recomputed with a warning and rewritten.
/// Entries are written atomically, so processes sharing the directory need no locks: concurrent writers of
/// one key write the same certificate.
public struct OptimumCache: Sendable {
    /// Where the entries live.
    public let directory: String
    /// Receives the warning about an entry that is recomputed.
    public let warn: @Sendable (String) -> Void

    public init(directory: String, warn: @escaping @Sendable (String) -> Void = OptimumCache.standardError) {
        self.directory = directory
        self.warn = warn
    }

    /// The directory a command uses: `<cache>/optima` beside the cell cache when it has one, else
    /// `$XDG_CACHE_HOME/ratelab/optima`, else `~/.cache/ratelab/optima`; nil when none of these is known.
    public static func defaultDirectory(cellCache: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let cellCache { return "\(cellCache)/optima" }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return "\(xdg)/ratelab/optima" }
        if let home = environment["HOME"], !home.isEmpty { return "\(home)/.cache/ratelab/optima" }
        return nil
    }

    /// The certificate of `problem`, built from `spec`: the stored one when its entry is sound, else
    /// `Optimum.certify(problem)`, stored. Errors of certification are thrown as `Optimum.certify` throws them;
    /// a failure to store is only warned about (the certificate is still returned).
    public func certificate(_ spec: ProblemSpec, _ problem: Problem) throws -> OptimumCertificate {
        var keyed = spec
        keyed.dataPath = nil
        let specText = String(decoding: try ClaimRunner.canonicalJSON(keyed), as: UTF8.self)
        var key = Data(([RateLabVersion.string, RateLabVersion.gitCommit ?? "", RateLabVersion.executableFingerprint,
                         BLASRuntime.kernelName ?? "", specText].joined(separator: "\n")).utf8)
        if let path = spec.dataPath, let bytes = FileManager.default.contents(atPath: path) { key.append(bytes) }
        let file = "\(directory)/\(String(FNV1a.hash(key), radix: 16)).json"
        if let stored = ChecksummedEntry<OptimumCertificate>.read(file, identity: specText, warn: { warn("optimum \($0); certifying again") }) {
            return stored
        }
        let certificate = try Optimum.certify(problem)
        do {
            try ChecksummedEntry.write(certificate, identity: specText, to: file)
        } catch {
            warn("optimum cache: could not store \(file): \(error)")
        }
        return certificate
    }

    /// Writes `message` as a line on standard error.
    public static let standardError: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
