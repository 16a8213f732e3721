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
}
