import Foundation

/// The version stamp RateLab writes into every JSON sidecar.
public enum RateLabVersion {
    /// The release version of RateLab (semantic versioning).
    public static let string = "0.1.0"

    /// The git commit the tool was built from, if the environment says so (`RATELAB_GIT_COMMIT`, set
    /// by the Makefile or CI); nil otherwise. RateLab never shells out to git to find it.
    public static var gitCommit: String? {
        guard let commit = ProcessInfo.processInfo.environment["RATELAB_GIT_COMMIT"], !commit.isEmpty else { return nil }
        return commit
    }

    /// A fingerprint of the running executable (FNV-1a of its bytes, hexadecimal; "" when it cannot be
    /// read): rebuilt code gets new cell-cache keys even when `string` was not bumped.
    static let executableFingerprint: String = {
        guard let path = Bundle.main.executablePath, let bytes = FileManager.default.contents(atPath: path) else { return "" }
        return String(FNV1a.hash(bytes), radix: 16)
    }()
}
